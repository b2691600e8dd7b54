#include "core/necessity/necessity_policy.h"

namespace tafel::necessity {

namespace {
constexpr access::Decision kAllow{true, ""};
constexpr access::Decision deny(std::string_view reason) { return access::Decision{false, reason}; }
}  // namespace

std::string_view name_of(NecessityRight right) {
  constexpr std::string_view names[] = {"submit_report", "view_report", "answer_review", "review"};
  return names[static_cast<std::size_t>(right)];
}

access::Decision authorise(const std::optional<access::Principal>& who, NecessityRight right,
                           const NecessityStanding& standing) {
  if (!who) return deny("not_authenticated");
  const access::Principal& p = *who;
  if (access::sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");
  const bool practitioner = p.role == access::Role::organisation_admin || p.role == access::Role::member;
  const bool dpo = p.role == access::Role::dpo;
  switch (right) {
    case NecessityRight::submit_report:
      return practitioner ? kAllow : deny("role");
    case NecessityRight::view_report:
      if (standing.author) return kAllow;
      if (!dpo) return deny("not_author");
      return standing.same_organisation ? kAllow : deny("other_organisation");
    case NecessityRight::answer_review:
      return standing.author ? kAllow : deny("not_author");
    case NecessityRight::review:
      if (!dpo) return deny("role");
      return standing.same_organisation ? kAllow : deny("other_organisation");
  }
  return deny("role");
}

}  // namespace tafel::necessity
