#include "core/contributions/contribution_policy.h"

namespace tafel::contributions {

namespace {
constexpr access::Decision kAllow{true, ""};
constexpr access::Decision deny(std::string_view reason) { return access::Decision{false, reason}; }
}  // namespace

std::string_view name_of(ContributionRight right) {
  constexpr std::string_view names[] = {"add_contribution", "view_contribution", "pass_on_contribution"};
  return names[static_cast<std::size_t>(right)];
}

access::Decision authorise(const std::optional<access::Principal>& who, ContributionRight right,
                           const ContributionStanding& standing) {
  if (!who) return deny("not_authenticated");
  const access::Principal& p = *who;
  if (access::sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");
  const bool practitioner = p.role == access::Role::organisation_admin || p.role == access::Role::member;
  switch (right) {
    case ContributionRight::add_contribution:
      if (!practitioner) return deny("role");
      return standing.involved ? kAllow : deny("not_involved");
    case ContributionRight::view_contribution:
      if (!practitioner && p.role != access::Role::dpo) return deny("role");
      return standing.party ? kAllow : deny("not_involved");
    case ContributionRight::pass_on_contribution:
      if (!practitioner) return deny("role");
      return standing.party ? kAllow : deny("not_involved");
  }
  return deny("role");
}

}  // namespace tafel::contributions
