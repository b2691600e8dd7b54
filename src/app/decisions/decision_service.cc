#include "app/decisions/decision_service.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "core/sharing/policy.h"

namespace tafel::app::decisions {

bool valid_person_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}


Result<Answer> DecisionService::ask(const access::Principal& who, const Question& q, const audit::Origin& origin) {
  if (auto r = authorize(who, access::Action::ask_sharing_decision, access::Target{who.organisation_id, std::nullopt});
      !r) {
    return tl::unexpected(r.error());
  }
  if (q.categories.empty()) return fail("invalid_input", "choose at least one category of information");
  if (!q.person.empty() && !valid_person_id(q.person)) return fail("invalid_input", "the person id is not valid");
  if (q.recipient == who.organisation_id) return fail("invalid_input", "the recipient is your own organisation");

  auto facts = facts_.snapshot();
  if (!facts) return tl::unexpected(facts.error());
  sharing::World& world = facts->world;
  std::optional<sharing::OrgIndex> actor, recipient;
  const std::string actor_id = std::to_string(who.organisation_id);
  const std::string recipient_id = std::to_string(q.recipient);
  for (std::size_t i = 0; i < world.organisations.size(); ++i) {
    if (world.organisations[i].id == actor_id) actor = static_cast<sharing::OrgIndex>(i);
    if (world.organisations[i].id == recipient_id) recipient = static_cast<sharing::OrgIndex>(i);
  }
  if (!actor) return fail("invalid_input", "your organisation is not in the directory");
  if (!recipient) return fail("invalid_input", "the recipient is not an organisation of the directory");
  // What the explanation shows instead of ids.
  const auto& names = facts->organisation_names;
  const auto& titles = facts->agreement_titles;

  sharing::Request request;
  request.actor = *actor;
  request.recipient = *recipient;
  request.categories = q.categories;
  request.purpose = q.purpose;
  request.ground = q.ground;
  request.justification = q.justification;
  request.at = clock_.now().time_since_epoch().count();
  if (!q.person.empty()) {
    // Only the id: no registry of persons, care relations or consents exists yet,
    // so the person is neither minor nor vulnerable as far as the engine knows.
    world.subjects.push_back(sharing::Subject{q.person, false, false});
    request.subject = 0;
  }

  auto policy = sharing::Policy::compile(std::move(world));
  if (!policy) return tl::unexpected(policy.error());
  if (auto r = policy->validate(request); !r) return tl::unexpected(r.error());
  sharing::Decision decision = policy->decide(request);

  Answer answer;
  answer.permit = decision.permit;
  answer.ground = decision.ground;
  const auto& w = policy->world();
  if (decision.agreement != sharing::kNone) {
    const auto& a = w.agreements[static_cast<std::size_t>(decision.agreement)];
    answer.agreement = a.id;
    if (decision.rule != sharing::kNone) answer.rule = a.rules[static_cast<std::size_t>(decision.rule)].id;
  }
  if (decision.permit) answer.obligations = policy->obligations(decision);
  answer.reasons.assign(decision.reasons().begin(), decision.reasons().end());
  answer.explanation = sharing::explain(*policy, request, decision);
  // The engine names organisations and agreements by id; people read names.
  auto readable = [&](std::vector<sharing::Message>& messages) {
    for (auto& m : messages) {
      for (auto& arg : m.args) {
        const auto& lookup = arg.name == "agreement" ? titles : names;
        if (arg.name != "actor" && arg.name != "recipient" && arg.name != "agreement") continue;
        if (auto it = lookup.find(arg.value); it != lookup.end()) arg.value = it->second;
      }
    }
  };
  std::vector<sharing::Message> headline{answer.explanation.headline};
  readable(headline);
  answer.explanation.headline = headline.front();
  readable(answer.explanation.reasons);
  readable(answer.explanation.remedies);
  readable(answer.explanation.obligations);

  core::audit::Entry e;
  e.actor = std::to_string(who.user_id);
  e.organisation = std::to_string(who.organisation_id);
  e.action = core::audit::Action::sharing_decision;
  e.object_type = q.person.empty() ? "organisation" : "person";
  // Never the typed id: the append-only log keeps what it is given for ever.
  e.object_id = q.person.empty() ? std::to_string(q.recipient) : pseudonym_(q.person);
  if (decision.ground) {
    e.ground = std::string(sharing::name_of(*decision.ground));
  } else if (q.ground) {
    e.ground = std::string(sharing::name_of(*q.ground));
  }
  if (!answer.rule.empty()) e.rule = answer.agreement + "/" + answer.rule;
  e.outcome = decision.permit ? core::audit::Outcome::success : core::audit::Outcome::denied;
  if (auto r = audit_.record(std::move(e), origin); !r) return tl::unexpected(r.error());
  return answer;
}

}  // namespace tafel::app::decisions
