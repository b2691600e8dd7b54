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

// Roles only a platform admin gives or takes: platform_admin runs everything, a DPO
// reads the audit trail of every organisation.
bool reserved(std::optional<Role> role) { return role == Role::platform_admin || role == Role::dpo; }

// The accounts whose credentials only a platform admin resets: otherwise an
// organisation admin could take over a DPO (all audit trails) or a fellow admin.
bool protected_account(std::optional<Role> role) { return reserved(role) || role == Role::organisation_admin; }

// What an organisation admin may not do to a user of its own organisation.
Decision organisation_admin_may_manage(const Target& target) {
  if (target.target_role != target.current_role && (reserved(target.target_role) || reserved(target.current_role))) {
    return deny("role_not_grantable");
  }
  // A fellow admin's role and activation are the platform admin's too: demoting an
  // admin to member would otherwise open their credentials to a reset.
  if (target.target_role != target.current_role && target.current_role == Role::organisation_admin) {
    return deny("protected_account");
  }
  if (target.change == UserChange::activation && protected_account(target.current_role)) {
    return deny("protected_account");
  }
  if (target.change == UserChange::credentials && protected_account(target.current_role)) {
    return deny("protected_account");
  }
  return kAllow;
}

}  // namespace

std::string_view name_of(Action action) {
  constexpr std::string_view names[] = {
      "complete_second_factor", "manage_own_account", "view_directory", "create_organisation",
      "edit_organisation",      "view_users",         "manage_users",   "manage_contact_points",
      "manage_topics",          "manage_areas",       "view_coverage",  "view_security_log",
      "view_audit_log",         "view_access_report", "export_audit_log",
      "view_agreements",        "manage_agreements",  "sign_agreement",   "ask_sharing_decision",
      "edit_organisation_facts", "use_reference_index", "view_catalogue", "manage_catalogue"};
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

    // The facts the sharing engine decides on are not the partner's to declare: an
    // organisation admin who could set their own sector or secrecy would decide what
    // the engine permits them (issue 11, point 3).
    case Action::edit_organisation_facts:
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
      if (p.role == Role::platform_admin) return kAllow;
      if (auto d = organisation_admin_may_manage(target); !d.allowed) return d;
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

    // The audit trail (docs/audit.md, "Views"): a DPO oversees every partner's
    // processing, so sees every entry; an organisation admin answers for their own
    // users only; the access report and the export are the DPO's instruments.
    case Action::view_audit_log:
      if (p.role == Role::dpo || p.role == Role::platform_admin) return kAllow;
      if (p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);

    case Action::view_access_report:
    case Action::export_audit_log:
      return p.role == Role::dpo ? kAllow : deny("role");

    // Collaboration agreements (core/agreement/agreement.h): every signed-in user may read
    // them (they hold no personal data); an organisation admin drafts and manages
    // them for its own organisation, which must be a party (the use case checks);
    // only an organisation admin signs, and only for its own organisation.
    case Action::view_agreements:
      return kAllow;
    case Action::manage_agreements:
      if (p.role != Role::platform_admin && p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);
    case Action::sign_agreement:
      if (p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);
    // "May I share this?" is asked by the professionals who would share.
    case Action::ask_sharing_decision:
      if (p.role != Role::member && p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);
    // The reference index (issue 15): the professionals of an organisation register
    // its signals and answer its matches; nobody acts for another organisation, not
    // even a platform admin (the index answers no one else's questions).
    case Action::use_reference_index:
      if (p.role != Role::member && p.role != Role::organisation_admin) return deny("role");
      if (!target.organisation_id || *target.organisation_id != p.organisation_id) return deny("other_organisation");
      return kAllow;
    // The care-offer catalogue (issue 16, docs/care.md): what services exist is no
    // secret among partners; an organisation's own admin keeps its services and
    // their capacity current (a platform admin for any, e.g. an import).
    case Action::view_catalogue:
      return kAllow;
    case Action::manage_catalogue:
      if (p.role != Role::platform_admin && p.role != Role::organisation_admin) return deny("role");
      return own_organisation(p, target);
  }
  return deny("role");
}

}  // namespace tafel::access
