#include "app/decisions/decision_service.h"

#include <algorithm>

#include "app/authorization.h"
#include "core/sharing/policy.h"

namespace tafel::app::decisions {

namespace {

Result<void> may_ask(const access::Principal& who) {
  return authorize(who, access::Action::ask_sharing_decision, access::Target{who.organisation_id, std::nullopt});
}

}  // namespace

Result<Answer> DecisionService::ask(const access::Principal& who, const Question& q, const audit::Origin& origin) {
  if (auto r = may_ask(who); !r) return tl::unexpected(r.error());
  if (q.categories.empty()) return fail("invalid_input", "choose at least one category of information");
  if (q.recipient == who.organisation_id) return fail("invalid_input", "the recipient is your own organisation");
  if (q.about == Question::About::case_person) {
    // Only a case the caller may see: the answer would tell about its person otherwise.
    auto seen = cases_.visible(who, q.case_id);
    if (!seen) return tl::unexpected(seen.error());
    if (!*seen) return fail("not_found", "no such case");
  }

  auto world = world_.current();
  if (!world) return tl::unexpected(world.error());
  const CompiledWorld& w = **world;
  auto actor = w.organisation(who.organisation_id);
  auto recipient = w.organisation(q.recipient);
  if (!actor) return fail("invalid_input", "your organisation is not in the directory");
  if (!recipient) return fail("invalid_input", "the recipient is not an organisation of the directory");

  sharing::Request request;
  request.actor = *actor;
  request.recipient = *recipient;
  request.categories = q.categories;
  request.purpose = q.purpose;
  request.ground = q.ground;
  request.justification = q.justification;
  request.at = clock_.now().time_since_epoch().count();
  if (q.about == Question::About::person_without_case) request.subject = w.unknown_person;
  if (q.about == Question::About::case_person) {
    auto subject = w.subject(q.case_id);
    // Visible yet not in the world: created after the world was built and not yet
    // announced (the cases store raises the generation with every case it writes).
    if (!subject) return fail("not_found", "no such case");
    request.subject = *subject;
  }

  if (auto r = w.policy.validate(request); !r) return tl::unexpected(r.error());
  sharing::Decision decision = w.policy.decide(request);

  Answer answer;
  answer.permit = decision.permit;
  answer.ground = decision.ground;
  if (decision.agreement != sharing::kNone) {
    const auto& a = w.policy.world().agreements[static_cast<std::size_t>(decision.agreement)];
    answer.agreement = a.id;
    if (decision.rule != sharing::kNone) answer.rule = a.rules[static_cast<std::size_t>(decision.rule)].id;
  }
  if (decision.permit) answer.obligations = w.policy.obligations(decision);
  answer.reasons.assign(decision.reasons().begin(), decision.reasons().end());
  answer.explanation = w.explain(request, decision);

  core::audit::Entry e;
  e.actor = std::to_string(who.user_id);
  e.organisation = std::to_string(who.organisation_id);
  e.action = core::audit::Action::sharing_decision;
  // A case by its number (its pseudonym); otherwise the recipient. Nothing typed.
  if (q.about == Question::About::case_person) {
    e.object_type = "case";
    e.object_id = std::to_string(q.case_id);
  } else {
    e.object_type = "organisation";
    e.object_id = std::to_string(q.recipient);
  }
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

Result<QuestionChoices> DecisionService::choices(const access::Principal& who) {
  if (auto r = may_ask(who); !r) return tl::unexpected(r.error());
  QuestionChoices out;
  auto cases = cases_.visible_cases(who);
  if (!cases) return tl::unexpected(cases.error());
  out.cases = std::move(*cases);
  auto given = consents_.given_consents();
  if (!given) return tl::unexpected(given.error());
  const std::int64_t now = clock_.now().time_since_epoch().count();
  for (auto& c : *given) {
    const bool valid = c.given <= now && now < c.expires && now < c.withdrawn;
    const bool own = c.recorded_by == who.organisation_id;
    const bool seen = std::any_of(out.cases.begin(), out.cases.end(),
                                  [&](const cases::CaseSummary& s) { return s.id == c.case_id; });
    if (valid && own && seen) out.consents.push_back(std::move(c));
  }
  return out;
}

}  // namespace tafel::app::decisions
