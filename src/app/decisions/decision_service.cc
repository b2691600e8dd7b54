#include "app/decisions/decision_service.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "core/agreement/sharing_world.h"
#include "core/sharing/policy.h"

namespace tafel::app::decisions {

bool valid_person_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

namespace {

// The status the engine sees for an agreement: that of its effective version, or
// `ended` when it ended; nullopt when it never came into force (drafts only).
std::optional<std::pair<const agreement::Version*, sharing::AgreementStatus>> engine_view(
    const agreement::Agreement& a) {
  if (const auto* v = a.effective()) {
    return std::pair{v, v->status == agreement::VersionStatus::in_force ? sharing::AgreementStatus::in_force
                                                                        : sharing::AgreementStatus::suspended};
  }
  for (auto it = a.versions().rbegin(); it != a.versions().rend(); ++it) {
    if (it->status == agreement::VersionStatus::ended) return std::pair{&*it, sharing::AgreementStatus::ended};
  }
  return std::nullopt;
}

}  // namespace

Result<Answer> DecisionService::ask(const access::Principal& who, const Question& q, const audit::Origin& origin) {
  if (auto r = authorize(who, access::Action::ask_sharing_decision, access::Target{who.organisation_id, std::nullopt});
      !r) {
    return tl::unexpected(r.error());
  }
  if (q.categories.empty()) return fail("invalid_input", "choose at least one category of information");
  if (!q.person.empty() && !valid_person_id(q.person)) return fail("invalid_input", "the person id is not valid");
  if (q.recipient == who.organisation_id) return fail("invalid_input", "the recipient is your own organisation");

  auto orgs = directory_.list_organisations();
  if (!orgs) return tl::unexpected(orgs.error());
  sharing::World world;
  std::optional<sharing::OrgIndex> actor, recipient;
  for (const auto& o : *orgs) {
    if (o.id == who.organisation_id) actor = static_cast<sharing::OrgIndex>(world.organisations.size());
    if (o.id == q.recipient) recipient = static_cast<sharing::OrgIndex>(world.organisations.size());
    world.organisations.push_back(tafel::directory::as_sharing_party(o));
  }
  if (!actor) return fail("invalid_input", "your organisation is not in the directory");
  if (!recipient) return fail("invalid_input", "the recipient is not an organisation of the directory");

  auto stored = agreements_.list();
  if (!stored) return tl::unexpected(stored.error());
  std::map<std::string, std::string> names;  // what the explanation shows instead of ids
  for (const auto& o : *orgs) names[std::to_string(o.id)] = o.name;
  std::map<std::string, std::string> titles;
  for (const auto& a : *stored) {
    auto view = engine_view(a);
    if (!view) continue;
    titles[std::to_string(a.id())] = "“" + view->first->document.title + "”";
    // A party that left the directory makes the agreement unusable, not the question.
    (void)agreement::add_to_world(world, std::to_string(a.id()), view->first->document, view->second);
  }

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
  e.object_id = q.person.empty() ? std::to_string(q.recipient) : q.person;
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
