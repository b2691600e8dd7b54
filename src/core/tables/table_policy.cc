#include "core/tables/table_policy.h"

namespace tafel::tables {

namespace {
constexpr access::Decision kAllow{true, ""};
constexpr access::Decision deny(std::string_view reason) { return access::Decision{false, reason}; }

// Minutes, decisions and feedback texts: delegates, and roles that see personal
// data at a member organisation (the second factor is checked before); observers
// see only that the table meets and its agenda.
access::Decision sees_minutes(const access::Principal& p, const TableStanding& standing) {
  if (standing.role || p.role == access::Role::platform_admin) return kAllow;
  if (!standing.member_organisation) return deny("not_a_member");
  return access::sees_personal_data(p.role) ? kAllow : deny("role");
}
}  // namespace

std::string_view name_of(TableAction action) {
  constexpr std::string_view names[] = {"create_table",    "view_table",          "view_minutes",        "edit_table",
                                        "manage_agenda",   "run_meeting",         "draft_minutes",
                                        "approve_minutes", "acknowledge_secrecy", "view_case_details",
                                        "update_action",   "decline_to_share",    "draft_feedback",
                                        "answer_feedback", "view_feedback",       "view_overview",
                                        "approve_basis"};
  return names[static_cast<std::size_t>(action)];
}

TableStanding standing_at(const Table& table, access::UserId user, access::OrganisationId organisation) {
  TableStanding s;
  s.member_organisation = table.is_member(organisation);
  if (const Delegate* d = table.delegate(user); d && d->organisation == organisation) s.role = d->role;
  return s;
}

access::Decision authorise(const std::optional<access::Principal>& who, TableAction action,
                           const TableStanding& standing) {
  if (!who) return deny("not_authenticated");
  const access::Principal& p = *who;
  if (access::sees_personal_data(p.role) && !p.second_factor_passed) return deny("second_factor_required");
  auto is = [&](TableRole r) { return standing.role == r; };

  switch (action) {
    case TableAction::create_table:
      return p.role == access::Role::platform_admin || p.role == access::Role::organisation_admin ||
                     p.role == access::Role::member
                 ? kAllow
                 : deny("role");
    case TableAction::view_table:
      if (p.role == access::Role::platform_admin || standing.member_organisation) return kAllow;
      return deny("not_a_member");
    case TableAction::view_minutes:
      return sees_minutes(p, standing);
    case TableAction::edit_table:
    case TableAction::manage_agenda:
      return is(TableRole::chair) ? kAllow : deny("table_role");
    case TableAction::run_meeting:
      return is(TableRole::chair) || is(TableRole::secretary) ? kAllow : deny("table_role");
    case TableAction::draft_minutes:
      return is(TableRole::secretary) ? kAllow : deny("table_role");
    case TableAction::approve_minutes:
    case TableAction::acknowledge_secrecy:
      return standing.role ? kAllow : deny("table_role");
    case TableAction::view_case_details:
      if (!standing.role) return deny("table_role");
      return access::sees_personal_data(p.role) ? kAllow : deny("role");
    case TableAction::update_action:
      return is(TableRole::chair) || is(TableRole::secretary) || standing.owns_record ? kAllow : deny("table_role");
    case TableAction::decline_to_share:
    case TableAction::answer_feedback:
      return standing.role ? kAllow : deny("table_role");
    case TableAction::draft_feedback:
      return is(TableRole::chair) ? kAllow : deny("table_role");
    case TableAction::view_feedback:
      if (standing.role || standing.member_organisation) return sees_minutes(p, standing);
      if (p.role == access::Role::platform_admin) return kAllow;
      if (standing.feedback_recipient) return access::sees_personal_data(p.role) ? kAllow : deny("role");
      return deny("not_a_member");
    case TableAction::view_overview:
      return p.role == access::Role::platform_admin || p.role == access::Role::organisation_admin ? kAllow
                                                                                                : deny("role");
    case TableAction::approve_basis:
      if (p.role == access::Role::platform_admin) return kAllow;
      return standing.authorising_prosecutor && p.role == access::Role::organisation_admin ? kAllow : deny("role");
  }
  return deny("role");
}

}  // namespace tafel::tables
