#include "core/access/policy.h"

namespace tafel::access {

namespace {

constexpr Decision kAllow{true, ""};
constexpr Decision deny(std::string_view reason) { return Decision{false, reason}; }

// An organisation admin acts on its own organisation only; `scoped` is the target.
Decision own_organisation(const Principal& who, const Target& target) {
  if (who.role == Role::platform_admin) return kAllow;
  if (!target.organisation_id || *target.organisation_id != who.organisation_id) {
    return deny("other_organisation");
  }
  return kAllow;
}

}  // namespace

std::string_view name_of(Action action) {
  constexpr std::string_view names[] = {
      "complete_second_factor", "manage_own_account", "view_directory", "create_organisation",
      "edit_organisation",      "view_users",         "manage_users",   "manage_contact_points",
      "manage_topics",          "manage_areas",       "view_coverage",  "view_security_log"};
  return names[static_cast<std::size_t>(action)];
}

Decision authorise(const std::optional<Principal>& who, Action action, const Target& target) {
  if (!who) return deny("not_authenticated");
  const Principal& p = *who;
  if (action == Action::complete_second_factor) return kAllow;
  if (sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");

  switch (action) {
    case Action::complete_second_factor:
    case Action::manage_own_account:
    case Action::view_directory:
      return kAllow;

    case Action::create_organisation:
    case Action::manage_topics:
    case Action::manage_areas:
      return p.role == Role::platform_admin ? kAllow : deny("role");

    case Action::edit_organisation:
    case Action::manage_contact_points:
      if (p.role != Role::platform_admin && p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);

    case Action::manage_users:
      if (p.role != Role::platform_admin && p.role != Role::organisation_admin) return deny("role");
      if (target.target_role == Role::platform_admin && p.role != Role::platform_admin) {
        return deny("role_not_grantable");
      }
      return own_organisation(p, target);

    case Action::view_users:
      if (p.role != Role::platform_admin && p.role != Role::organisation_admin && p.role != Role::dpo) {
        return deny("role");
      }
      return own_organisation(p, target);

    case Action::view_coverage:
      if (p.role != Role::platform_admin && p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);

    case Action::view_security_log:
      if (p.role != Role::platform_admin && p.role != Role::dpo) return deny("role");
      return own_organisation(p, target);
  }
  return deny("role");
}

}  // namespace tafel::access
