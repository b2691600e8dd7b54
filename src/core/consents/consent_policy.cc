#include "core/consents/consent_policy.h"

namespace tafel::consents {

namespace {
constexpr access::Decision kAllow{true, ""};
constexpr access::Decision deny(std::string_view reason) { return access::Decision{false, reason}; }
}  // namespace

std::string_view name_of(ConsentRight right) {
  constexpr std::string_view names[] = {"record_consent", "change_consent", "view_consent", "view_summary",
                                        "read_evidence"};
  return names[static_cast<std::size_t>(right)];
}

access::Decision authorise(const std::optional<access::Principal>& who, ConsentRight right,
                           const ConsentStanding& standing) {
  if (!who) return deny("not_authenticated");
  const access::Principal& p = *who;
  if (access::sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");
  bool practitioner = p.role == access::Role::organisation_admin || p.role == access::Role::member;
  bool reads = right == ConsentRight::view_consent || right == ConsentRight::read_evidence ||
               right == ConsentRight::view_summary;
  if (p.role == access::Role::dpo) {
    if (!reads) return deny("role");
    return standing.recording_organisation ? kAllow : deny("other_organisation");
  }
  if (!practitioner) return deny("role");
  if (!standing.case_visible) return deny("case_not_visible");
  if (right == ConsentRight::view_summary) return kAllow;
  return standing.recording_organisation ? kAllow : deny("other_organisation");
}

}  // namespace tafel::consents
