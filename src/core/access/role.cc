#include "core/access/role.h"

namespace tafel::access {

namespace {
constexpr std::string_view kNames[] = {"platform_admin", "organisation_admin", "member", "dpo",
                                       "observer"};
}  // namespace

std::string_view name_of(Role role) { return kNames[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : kAllRoles) {
    if (name_of(r) == text) return r;
  }
  return std::nullopt;
}

bool sees_personal_data(Role role) { return role != Role::observer; }

}  // namespace tafel::access
