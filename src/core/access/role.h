#pragma once
// The platform-wide roles of a user (docs/accounts.md). Roles scoped to one
// consultation table (chair, ...) are not here: they belong to the tables feature.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tafel::access {

enum class Role : std::uint8_t {
  platform_admin,      // runs the platform: organisations, topics, areas, any user
  organisation_admin,  // manages the users, profile and contact points of one organisation
  member,              // a professional of an organisation
  dpo,                 // data-protection officer: reviews, reads the security log of its organisation
  observer,            // sees the directory and aggregates only, never personal data
};

inline constexpr Role kAllRoles[] = {Role::platform_admin, Role::organisation_admin, Role::member,
                                     Role::dpo, Role::observer};

// The spelling of `role` in files, APIs and the database.
std::string_view name_of(Role role);

// The role spelled `text`, or nullopt.
std::optional<Role> parse_role(std::string_view text);

// True if a user with this role can reach personal data, and so must pass a second
// factor (TOTP) before a session is complete.
bool sees_personal_data(Role role);

}  // namespace tafel::access
