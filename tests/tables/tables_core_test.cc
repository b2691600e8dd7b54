// The pure rules of consultation tables: the legal basis rule, agenda items, actions,
// the minutes state machine and the table policy.

#include <gtest/gtest.h>

#include "core/tables/minutes.h"
#include "core/tables/table.h"
#include "core/tables/table_policy.h"

namespace tafel::tables {
namespace {

TEST(LegalBasis, OnlyLawDecreeOrdinanceOrProsecutorAllowCases) {
  EXPECT_FALSE(allows_individual_cases(LegalBasis::none));
  EXPECT_FALSE(allows_individual_cases(LegalBasis::agreement));
  EXPECT_TRUE(allows_individual_cases(LegalBasis::law));
  EXPECT_TRUE(allows_individual_cases(LegalBasis::decree));
  EXPECT_TRUE(allows_individual_cases(LegalBasis::ordinance));
  EXPECT_TRUE(allows_individual_cases(LegalBasis::prosecutor_authorisation));
}

TEST(AgendaItem, CaseItemOnlyWhereTheBasisAllowsIt) {
  AgendaItem item{.kind = ItemKind::case_item, .title = "Casus 1", .case_id = 12};
  EXPECT_EQ(check_agenda_item(item, LegalBasis::agreement).error().code, "cases_not_allowed");
  EXPECT_TRUE(check_agenda_item(item, LegalBasis::prosecutor_authorisation));
  AgendaItem info{.kind = ItemKind::information, .title = "Stand van zaken", .case_id = 12};
  EXPECT_EQ(check_agenda_item(info, LegalBasis::law).error().code, "invalid_input");  // a case on a case item only
  info.case_id = 0;
  info.time_box_minutes = 0;
  EXPECT_EQ(check_agenda_item(info, LegalBasis::law).error().code, "invalid_input");
  EXPECT_TRUE(is_quick(ItemKind::decision));
  EXPECT_FALSE(is_quick(ItemKind::situation));
}

Table valid_table() {
  Table t;
  t.name = "Overleg stationsbuurt";
  t.members = {1, 2, 3};
  t.delegates = {{11, 1, TableRole::chair}, {21, 2, TableRole::secretary}};
  return t;
}

TEST(Table, CaseConsultationNeedsASufficientBasisAndAReference) {
  Table t = valid_table();
  t.kind = TableKind::case_consultation;
  t.basis = LegalBasis::agreement;
  t.basis_reference = "Samenwerkingsakkoord 2025";
  EXPECT_EQ(check_table(t).error().code, "cases_not_allowed");
  t.basis = LegalBasis::law;
  EXPECT_TRUE(check_table(t));
  t.basis_reference = "  ";
  EXPECT_EQ(check_table(t).error().code, "invalid_input");
}

TEST(Table, ACaseRetentionPeriodIsOptionalAndOneTo36500Days) {
  Table t = valid_table();
  EXPECT_TRUE(check_table(t)) << "no period: closed cases are kept";
  for (std::int32_t days : {1, 30, 36'500}) {
    t.case_retention_days = days;
    EXPECT_TRUE(check_table(t)) << days;
  }
  for (std::int32_t days : {0, -1, 36'501}) {
    t.case_retention_days = days;
    EXPECT_EQ(check_table(t).error().code, "invalid_input") << days;
  }
}

TEST(Table, ExactlyOneChairAndDelegatesOfMembers) {
  Table t = valid_table();
  t.delegates.push_back({12, 1, TableRole::chair});
  EXPECT_EQ(check_table(t).error().code, "invalid_input");
  t = valid_table();
  t.delegates.push_back({51, 5, TableRole::delegate});
  EXPECT_EQ(check_table(t).error().code, "invalid_input");
  t = valid_table();
  t.name = "bad\x01name";
  EXPECT_EQ(check_table(t).error().code, "invalid_input");
}

TEST(ActionItem, OverdueAndOnTime) {
  ActionItem a{.description = "Huisbezoek plannen", .owner_organisation = 2, .due = "2026-03-01"};
  EXPECT_TRUE(check_action_item(a));
  EXPECT_FALSE(is_overdue(a, "2026-03-01"));
  EXPECT_TRUE(is_overdue(a, "2026-03-02"));
  a.status = ActionStatus::done;
  a.done_on = "2026-02-28";
  EXPECT_TRUE(done_on_time(a));
  EXPECT_FALSE(is_overdue(a, "2026-04-01"));
  a.due = "2026-02-30";
  EXPECT_FALSE(check_action_item(a));
}

TEST(Minutes, FrozenWhenEveryAttendingOrganisationApproved) {
  Minutes m;
  std::vector<access::OrganisationId> attending = {1, 2, 3};
  EXPECT_EQ(m.approve(1, attending, 5).error().code, "no_minutes");
  ASSERT_TRUE(m.draft("# Verslag\n\nBesluit: ...", 21));
  EXPECT_FALSE(*m.approve(1, attending, 5));
  EXPECT_EQ(m.approve(1, attending, 5).error().code, "already_approved");
  EXPECT_EQ(m.approve(4, attending, 5).error().code, "not_attending");
  // An edit withdraws the approvals: they were given to another text.
  ASSERT_TRUE(m.draft("# Verslag\n\nBesluit: aangepast", 21));
  EXPECT_EQ(m.pending(attending).size(), 3u);
  EXPECT_FALSE(*m.approve(1, attending, 6));
  EXPECT_FALSE(*m.approve(2, attending, 7));
  EXPECT_TRUE(*m.approve(3, attending, 8));
  EXPECT_TRUE(m.frozen());
  EXPECT_EQ(m.current()->frozen_at_us, 8);
  EXPECT_EQ(m.draft("changed", 21).error().code, "minutes_frozen");
  EXPECT_EQ(m.approve(1, attending, 9).error().code, "minutes_frozen");
}

TEST(Minutes, ACorrectionIsANewVersionWithAReason) {
  Minutes m;
  ASSERT_TRUE(m.draft("v1", 21));
  EXPECT_EQ(m.correct("v2", "typo", 21).error().code, "minutes_not_frozen");
  ASSERT_TRUE(*m.approve(1, {1}, 5));
  EXPECT_EQ(m.correct("v2", "", 21).error().code, "invalid_input");
  ASSERT_TRUE(m.correct("v2", "Datum verbeterd", 21));
  ASSERT_EQ(m.versions().size(), 2u);
  EXPECT_EQ(m.versions()[0].markdown, "v1");
  EXPECT_TRUE(m.versions()[0].frozen);
  EXPECT_EQ(m.current()->number, 2);
  EXPECT_FALSE(m.frozen());
  EXPECT_EQ(m.current()->reason, "Datum verbeterd");
}

TEST(TablePolicy, TableRolesDecide) {
  Table t = valid_table();
  t.delegates.push_back({31, 3, TableRole::delegate});
  access::Principal chair{11, 1, access::Role::member, true};
  access::Principal secretary{21, 2, access::Role::member, true};
  access::Principal delegate{31, 3, access::Role::member, true};
  access::Principal colleague{32, 3, access::Role::member, true};
  access::Principal outsider{41, 4, access::Role::organisation_admin, true};
  access::Principal observer{33, 3, access::Role::observer, false};
  auto may = [&](const access::Principal& p, TableAction a) {
    return authorise(p, a, standing_at(t, p.user_id, p.organisation_id)).allowed;
  };
  EXPECT_TRUE(may(chair, TableAction::manage_agenda));
  EXPECT_FALSE(may(secretary, TableAction::manage_agenda));
  EXPECT_TRUE(may(secretary, TableAction::draft_minutes));
  EXPECT_FALSE(may(chair, TableAction::draft_minutes));
  EXPECT_TRUE(may(delegate, TableAction::approve_minutes));
  EXPECT_FALSE(may(colleague, TableAction::approve_minutes));
  EXPECT_TRUE(may(colleague, TableAction::view_table));
  EXPECT_FALSE(may(outsider, TableAction::view_table));
  EXPECT_TRUE(may(observer, TableAction::view_table));
  EXPECT_FALSE(may(observer, TableAction::view_case_details));
  EXPECT_FALSE(authorise(std::nullopt, TableAction::view_table, {}).allowed);
  access::Principal half{11, 1, access::Role::member, false};
  EXPECT_EQ(authorise(half, TableAction::view_table, standing_at(t, 11, 1)).reason, "second_factor_required");
}

// Issue 11, point 4: observers see the table, not its minutes, decisions or
// feedback; delegates and roles that see personal data at a member organisation do.
TEST(TablePolicy, ObserversDoNotReadMinutesOrFeedback) {
  Table t = valid_table();
  t.delegates.push_back({31, 3, TableRole::delegate});
  access::Principal delegate{31, 3, access::Role::member, true};
  access::Principal colleague{32, 3, access::Role::member, true};
  access::Principal dpo{34, 3, access::Role::dpo, true};
  access::Principal observer{33, 3, access::Role::observer, false};
  access::Principal outsider{41, 4, access::Role::organisation_admin, true};
  auto decision = [&](const access::Principal& p, TableAction a) {
    return authorise(p, a, standing_at(t, p.user_id, p.organisation_id));
  };
  for (auto action : {TableAction::view_minutes, TableAction::view_feedback}) {
    EXPECT_TRUE(decision(delegate, action).allowed) << name_of(action);
    EXPECT_TRUE(decision(colleague, action).allowed) << name_of(action);
    EXPECT_TRUE(decision(dpo, action).allowed) << name_of(action);
    EXPECT_EQ(decision(observer, action).reason, "role") << name_of(action);
    EXPECT_EQ(decision(outsider, action).reason, "not_a_member") << name_of(action);
  }
  EXPECT_TRUE(decision(observer, TableAction::view_table).allowed);
  access::Principal half{32, 3, access::Role::member, false};
  EXPECT_EQ(decision(half, TableAction::view_minutes).reason, "second_factor_required");
}

}  // namespace
}  // namespace tafel::tables
