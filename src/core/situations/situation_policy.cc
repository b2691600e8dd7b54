#include "core/situations/situation_policy.h"

namespace tafel::situations {

namespace {
constexpr access::Decision kAllow{true, ""};
constexpr access::Decision deny(std::string_view reason) { return access::Decision{false, reason}; }
}  // namespace

std::string_view name_of(SituationRight right) {
  constexpr std::string_view names[] = {"create_situation", "view_situation", "edit_situation"};
  return names[static_cast<std::size_t>(right)];
}

access::Decision authorise(const std::optional<access::Principal>& who, SituationRight right,
                           const SituationStanding& standing) {
  if (!who) return deny("not_authenticated");
  const access::Principal& p = *who;
  if (access::sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");
  bool practitioner = p.role == access::Role::organisation_admin || p.role == access::Role::member;
  switch (right) {
    case SituationRight::create_situation:
      return p.role == access::Role::platform_admin || practitioner ? kAllow : deny("role");
    case SituationRight::view_situation:
      if (p.role == access::Role::platform_admin) return kAllow;
      return standing.involved ? kAllow : deny("not_involved");
    case SituationRight::edit_situation:
      if (p.role == access::Role::platform_admin) return kAllow;
      if (!standing.involved) return deny("not_involved");
      return practitioner ? kAllow : deny("role");
  }
  return deny("role");
}

}  // namespace tafel::situations
