#pragma once
// The authorisation policy: who may do what on which record. A pure function of the
// principal, the action and the record's owning organisation; the application's one
// authorisation entry point (app/authorization.h) calls it for every request.
//
// Rules (docs/accounts.md has the table):
//  * Anonymous callers may do nothing here (public routes never ask).
//  * A user whose role sees personal data and who has not passed the second factor
//    may only complete that factor (Action::complete_second_factor).
//  * Organisation admins act only on their own organisation; platform admins on any.
//  * Only a platform admin grants or revokes the dpo and platform_admin roles (a DPO
//    reads every organisation's audit trail), activates or deactivates such a user,
//    and resets the credentials of a DPO or an admin (organisation or platform).

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/role.h"
#include "core/access/user.h"

namespace tafel::access {

enum class Action : std::uint8_t {
  complete_second_factor,  // enrol or verify TOTP, use a recovery code, log out
  manage_own_account,      // change own password, list/revoke own sessions and API tokens
  view_directory,          // search contact points, read partner profiles, topics, areas
  create_organisation,
  edit_organisation,       // record: the organisation
  view_users,              // record: the organisation whose users are listed
  manage_users,            // record: the user's organisation; target_role: the role given
  manage_contact_points,   // record: the contact point's organisation
  manage_topics,           // the platform-wide topic list
  manage_areas,            // municipalities and districts
  view_coverage,           // white-raven overview; record: one organisation, or none for all
  view_security_log,       // login and rights events; record: one organisation, or none for all
  view_audit_log,          // audit entries; record: the organisation whose users acted, or none for all
  view_access_report,      // GDPR art. 15 report of who accessed one person's data
  export_audit_log,        // CSV export of audit entries
  view_agreements,         // collaboration agreements, their versions and sharing matrix
  manage_agreements,       // draft, edit, suspend, end; record: the acting party (own organisation)
  sign_agreement,          // sign a version for one's own organisation (organisation admins only)
  ask_sharing_decision,    // "may I share this?" for one's own organisation
  edit_organisation_facts,  // sector, secrecy, mission, reporting duty: what the sharing engine decides on
  use_reference_index,      // register/withdraw own organisation's signals, see and answer its matches (issue 15)
  view_catalogue,           // the care-offer catalogue (issue 16): every signed-in user
  manage_catalogue,         // create, edit, confirm capacity of services; record: the service's organisation
};

inline constexpr Action kAllActions[] = {
    Action::complete_second_factor, Action::manage_own_account, Action::view_directory,
    Action::create_organisation,    Action::edit_organisation,  Action::view_users,
    Action::manage_users,           Action::manage_contact_points, Action::manage_topics,
    Action::manage_areas,           Action::view_coverage,      Action::view_security_log,
    Action::view_audit_log,         Action::view_access_report, Action::export_audit_log,
    Action::view_agreements,        Action::manage_agreements,  Action::sign_agreement,
    Action::ask_sharing_decision,   Action::edit_organisation_facts, Action::use_reference_index,
    Action::view_catalogue,         Action::manage_catalogue};

std::string_view name_of(Action action);

// Who is asking. Built from a verified session or API token, never from input.
struct Principal {
  UserId user_id = 0;
  OrganisationId organisation_id = 0;
  Role role = Role::observer;
  bool second_factor_passed = false;
};

// For manage_users: what else than name, phone, language or role the change touches.
enum class UserChange : std::uint8_t {
  details,      // name, phone, language, role (the roles are in Target)
  activation,   // the active flag changes
  credentials,  // password or second factor reset by someone else
};

// The record an action touches.
struct Target {
  // The organisation that owns the record; nullopt for platform-wide records or
  // "all organisations".
  std::optional<OrganisationId> organisation_id;
  // For manage_users: the role the user will have after the change.
  std::optional<Role> target_role;
  // For manage_users: the role the user has now; nullopt when the user is being
  // created (the change then grants target_role).
  std::optional<Role> current_role = std::nullopt;
  // For manage_users: see UserChange.
  UserChange change = UserChange::details;
};

struct Decision {
  bool allowed = false;
  // Why not, as a stable code: "not_authenticated", "second_factor_required",
  // "role", "other_organisation", "role_not_grantable" (dpo or platform_admin given
  // or taken), "protected_account" (the credentials or activation of a DPO or an
  // admin). Empty when allowed.
  std::string_view reason;
};

// Decides whether `who` (nullopt: anonymous) may perform `action` on `target`.
Decision authorise(const std::optional<Principal>& who, Action action, const Target& target);

}  // namespace tafel::access
