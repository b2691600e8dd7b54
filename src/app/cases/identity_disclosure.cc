#include "app/cases/identity_disclosure.h"

namespace tafel::app::cases {

namespace {

bool consultation_finality(sharing::Purpose p) {
  return p == sharing::Purpose::integrity || p == sharing::Purpose::terrorism_prevention ||
         p == sharing::Purpose::criminal_organisation_prevention;
}

}  // namespace

IdentityDisclosure decide_identity_disclosure(const decisions::CompiledWorld& world, const ::tafel::cases::Case& c,
                                              const ::tafel::tables::Table* table, access::OrganisationId recipient,
                                              std::int64_t at_us) {
  IdentityDisclosure out;
  auto actor = world.organisation(c.opened_by_organisation);
  auto to = world.organisation(recipient);
  if (!actor || !to) {
    out.reasons = {"not_in_directory"};
    return out;
  }
  std::vector<sharing::Purpose> purposes;
  std::optional<sharing::Context> context;
  if (table) {
    table->finality.for_each([&](sharing::Purpose p) {
      if (consultation_finality(p)) purposes.push_back(p);
    });
    const auto* meeting = table->open_meeting();
    context = world.context(table->id, meeting != nullptr,
                            meeting ? meeting->acknowledged_organisations(table->secrecy_version())
                                    : std::vector<access::OrganisationId>{});
  }
  if (c.on_track(recipient, ::tafel::cases::Track::care)) purposes.push_back(sharing::Purpose::care);
  if (purposes.empty()) purposes.push_back(sharing::Purpose::integrity);

  bool first = true;
  for (auto purpose : purposes) {
    sharing::Request r;
    r.actor = *actor;
    r.recipient = *to;
    r.subject = world.subject(c.id).value_or(world.unknown_person);
    r.categories = {sharing::Category::identity};
    r.purpose = purpose;
    r.context = context;
    r.at = at_us;
    if (!world.policy.validate(r)) continue;
    sharing::Decision d = world.policy.decide(r);
    if (d.permit) {
      out.permit = true;
      out.ground = d.ground ? std::string(sharing::name_of(*d.ground)) : std::string();
      out.rule = world.rule_of(d);
      out.obligations = world.policy.obligations(d);
      out.reasons.clear();
      out.explanation = world.explain(r, d);
      return out;
    }
    if (first) {
      for (auto reason : d.reasons()) out.reasons.emplace_back(sharing::name_of(reason));
      out.explanation = world.explain(r, d);
      first = false;
    }
  }
  if (first) out.reasons = {"invalid_request"};
  return out;
}

}  // namespace tafel::app::cases
