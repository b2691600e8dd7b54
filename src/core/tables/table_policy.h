#pragma once
// Who may do what at a consultation table. Pure: the principal's platform role and
// their standing at the table (is their organisation a member, what is their table
// role) in, a decision out. app::authorize (app/authorization.h) is the entry point.
//
// Rules:
//  * Anonymous callers may do nothing; a role that sees personal data needs the
//    second factor first (as everywhere, core/access/policy.h).
//  * create_table: platform admins, organisation admins and members (not DPOs and
//    observers: a table is run by practitioners).
//  * view_table: anyone of a member organisation, and platform admins: the table's
//    existence, schedule and agenda.
//  * view_minutes (minutes, decisions, feedback forms): delegates of the table,
//    those of a member organisation whose role sees personal data (not observers:
//    issue 11, point 4), and platform admins — each after the second factor.
//  * edit_table, manage_agenda: the table's chair only.
//  * run_meeting (open/close, attendance, decisions, actions, time used): chair or
//    secretary.
//  * draft_minutes: the secretary only.
//  * approve_minutes, acknowledge_secrecy: any delegate of the table.
//  * view_case_details: a delegate whose platform role sees personal data; whether
//    the details are then shown is the sharing engine's decision.
//  * update_action: chair, secretary, or the action's owner.
//  * decline_to_share, answer_feedback: any delegate of the table (each answers for
//    their own organisation; that it attended is the use case's check).
//  * draft_feedback: the chair only.
//  * view_feedback: as view_minutes; and the recipient organisation of a sent
//    form, for roles that see personal data.
//  * view_overview (overdue actions per organisation): platform and organisation
//    admins.
//  * approve_basis (a case basis, before case items open): platform admins; for a
//    prosecutor's authorisation also the organisation admin of a prosecution
//    organisation that sits at the table. Never the table's own chair as such.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/policy.h"
#include "core/tables/table.h"

namespace tafel::tables {

enum class TableAction : std::uint8_t {
  create_table,
  view_table,
  view_minutes,
  edit_table,
  manage_agenda,
  run_meeting,
  draft_minutes,
  approve_minutes,
  acknowledge_secrecy,
  view_case_details,
  update_action,
  decline_to_share,
  draft_feedback,
  answer_feedback,
  view_feedback,
  view_overview,
  approve_basis,
};

std::string_view name_of(TableAction action);

// The caller's standing at the table concerned (empty for create_table).
struct TableStanding {
  bool member_organisation = false;     // the caller's organisation sits at the table
  std::optional<TableRole> role;        // the caller's table role, if a delegate
  bool owns_record = false;             // update_action: the caller owns the action
  bool feedback_recipient = false;      // view_feedback: a sent form is addressed to the caller's organisation
  bool authorising_prosecutor = false;  // approve_basis: the basis is a prosecutor's authorisation and the
                                        // caller's organisation is a prosecution organisation at the table
};

// The standing of `user` of `organisation` at `table`.
TableStanding standing_at(const Table& table, access::UserId user, access::OrganisationId organisation);

// Reasons: "not_authenticated", "second_factor_required", "role", "not_a_member",
// "table_role". Empty when allowed.
access::Decision authorise(const std::optional<access::Principal>& who, TableAction action,
                           const TableStanding& standing);

}  // namespace tafel::tables
