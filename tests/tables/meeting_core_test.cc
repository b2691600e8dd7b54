// The pure rules added for the meeting (issue 6, points 3–6): items carried over,
// "declined to share", the feedback form's consent rules, and the statistics of a
// table's history.

#include <gtest/gtest.h>

#include "core/tables/carry_over.h"
#include "core/tables/declined.h"
#include "core/tables/feedback.h"
#include "core/tables/table.h"
#include "core/tables/table_statistics.h"

namespace tafel::tables {
namespace {

Meeting meeting(std::int64_t id, std::int64_t starts, MeetingStatus status) {
  Meeting m;
  m.id = id;
  m.starts_at_us = starts;
  m.ends_at_us = starts + 10;
  m.status = status;
  return m;
}

// Meeting 1 (closed) with a quick item, a situation with a decision, a situation
// without one and a marked information item; meetings 2 and 3 planned later.
Table table_with_agenda() {
  Table t;
  t.id = 7;
  t.members = {1, 2, 3};
  t.next_id = 100;
  Meeting m1 = meeting(1, 1000, MeetingStatus::closed);
  m1.agenda = {AgendaItem{.id = 10, .kind = ItemKind::information, .title = "Mededelingen"},
               AgendaItem{.id = 11, .kind = ItemKind::situation, .title = "Speelplein", .minutes_used = 25},
               AgendaItem{.id = 12, .kind = ItemKind::situation, .title = "Station"},
               AgendaItem{.id = 13, .kind = ItemKind::information, .title = "Jaarverslag", .carry_over = true}};
  m1.decisions = {MeetingDecision{20, 11, "Gezamenlijke ronde"}};
  t.meetings = {m1, meeting(3, 3000, MeetingStatus::planned), meeting(2, 2000, MeetingStatus::planned)};
  return t;
}

TEST(CarryOver, MarkedItemsAndUndecidedSituationsGoToTheNextPlannedMeeting) {
  Table t = table_with_agenda();
  CarryOverResult r = carry_over(t, 1);
  EXPECT_EQ(r.next_meeting, 2);  // the earliest planned one after it, not the first in the list
  ASSERT_EQ(r.copied.size(), 2u);
  const Meeting* next = t.find_meeting(2);
  ASSERT_EQ(next->agenda.size(), 2u);
  EXPECT_EQ(next->agenda[0].carried_over_from, 12);
  EXPECT_EQ(next->agenda[0].title, "Station");
  EXPECT_EQ(next->agenda[0].minutes_used, 0);
  EXPECT_EQ(next->agenda[1].carried_over_from, 13);
  EXPECT_FALSE(next->agenda[1].carry_over);
  EXPECT_EQ(next->agenda[0].id, 100);  // a new id of the table
  EXPECT_TRUE(t.find_meeting(3)->agenda.empty());
}

TEST(CarryOver, IsIdempotent) {
  Table t = table_with_agenda();
  carry_over(t, 1);
  CarryOverResult again = carry_over(t, 1);
  EXPECT_TRUE(again.copied.empty());
  EXPECT_EQ(t.find_meeting(2)->agenda.size(), 2u);
  // Even when the first copy's meeting was cancelled and another is next.
  t.find_meeting(2)->status = MeetingStatus::cancelled;
  EXPECT_TRUE(carry_over(t, 1).copied.empty());
  EXPECT_TRUE(t.find_meeting(3)->agenda.empty());
}

TEST(CarryOver, WithoutANextMeetingTheItemsWait) {
  Table t = table_with_agenda();
  t.meetings.resize(1);
  CarryOverResult r = carry_over(t, 1);
  EXPECT_EQ(r.next_meeting, 0);
  EXPECT_EQ(r.waiting, (std::vector<std::int64_t>{12, 13}));
  EXPECT_TRUE(r.copied.empty());
}

Meeting open_meeting_with_attendance() {
  Meeting m = meeting(1, 1000, MeetingStatus::open);
  m.agenda = {AgendaItem{.id = 10, .kind = ItemKind::information, .title = "Mededelingen"},
              AgendaItem{.id = 11, .kind = ItemKind::situation, .title = "Speelplein"}};
  m.attendance = {{1, 11, Presence::present}, {2, 21, Presence::present}, {3, 31, Presence::excused}};
  return m;
}

TEST(DeclinedToShare, IsRecordedOncePerItemAndOrganisationAndWithdrawnWhileOpen) {
  Meeting m = open_meeting_with_attendance();
  DeclinedToShare d{.item_id = 11, .organisation = 2, .user = 21, .reason = DeclineReason::professional_secrecy};
  ASSERT_TRUE(decline_to_share(m, d));
  EXPECT_EQ(decline_to_share(m, d).error().code, "already_declined");
  ASSERT_EQ(declined_on(m, 11).size(), 1u);
  EXPECT_EQ(declined_on(m, 11)[0].reason, DeclineReason::professional_secrecy);
  EXPECT_EQ(withdraw_declined(m, 11, 1).error().code, "not_found");  // another organisation's answer stays
  ASSERT_TRUE(withdraw_declined(m, 11, 2));
  EXPECT_TRUE(declined_on(m, 11).empty());
  ASSERT_TRUE(decline_to_share(m, d));
  m.status = MeetingStatus::closed;
  EXPECT_EQ(withdraw_declined(m, 11, 2).error().code, "meeting_not_open");
}

TEST(DeclinedToShare, OnlyForSituationsOrCasesByAnAttendingOrganisation) {
  Meeting m = open_meeting_with_attendance();
  EXPECT_EQ(decline_to_share(m, {.item_id = 10, .organisation = 2}).error().code, "invalid_input");
  EXPECT_EQ(decline_to_share(m, {.item_id = 99, .organisation = 2}).error().code, "not_found");
  EXPECT_EQ(decline_to_share(m, {.item_id = 11, .organisation = 3}).error().code, "not_attending");  // excused
  m.status = MeetingStatus::planned;
  EXPECT_EQ(decline_to_share(m, {.item_id = 11, .organisation = 2}).error().code, "meeting_not_open");
}

TEST(DeclinedToShare, ReasonsAreAClosedList) {
  for (auto r : kDeclineReasons) EXPECT_EQ(parse_decline_reason(name_of(r)), r);
  EXPECT_FALSE(parse_decline_reason("Jan zit in de gevangenis"));
}

// A meeting attended by organisations `attending`; items 10 (information, owned by
// 1) and 11 (situation, owned by 2).
Meeting attended_by(const std::vector<access::OrganisationId>& attending) {
  Meeting m = meeting(1, 1000, MeetingStatus::open);
  m.agenda = {AgendaItem{.id = 10, .kind = ItemKind::information, .title = "Mededelingen", .owner_organisation = 1},
              AgendaItem{.id = 11, .kind = ItemKind::situation, .title = "Speelplein", .owner_organisation = 2}};
  for (auto org : attending) m.attendance.push_back({org, org * 10 + 1, Presence::present});
  return m;
}

FeedbackForm submitted(const Meeting& m) {
  FeedbackForm f{.id = 5, .recipient = 1, .item_ids = {11}, .text = "Advies", .categories = {sharing::Category::aggregate}};
  EXPECT_TRUE(submit_feedback(f, m));
  return f;
}

TEST(Feedback, IsReadyOnlyWhenEveryConsenterConsented) {
  FeedbackForm f = submitted(attended_by({1, 2, 3}));
  EXPECT_EQ(f.state, FeedbackState::awaiting_consent);
  EXPECT_EQ(f.consenters, (std::vector<access::OrganisationId>{1, 2, 3}));
  EXPECT_EQ(*answer_feedback(f, {.organisation = 1, .consent = true}), false);
  EXPECT_EQ(*answer_feedback(f, {.organisation = 2, .consent = true}), false);
  EXPECT_EQ(pending_answers(f), (std::vector<access::OrganisationId>{3}));
  EXPECT_EQ(answer_feedback(f, {.organisation = 2, .consent = true}).error().code, "already_answered");
  EXPECT_EQ(answer_feedback(f, {.organisation = 4, .consent = true}).error().code, "not_attending");
  EXPECT_EQ(*answer_feedback(f, {.organisation = 3, .consent = true}), true);
}

TEST(Feedback, ARefusalBlocksIt) {
  FeedbackForm f = submitted(attended_by({1, 2, 3}));
  ASSERT_TRUE(answer_feedback(f, {.organisation = 1, .consent = true}));
  EXPECT_EQ(*answer_feedback(f, {.organisation = 3, .consent = false}), false);
  EXPECT_EQ(f.state, FeedbackState::blocked);
  EXPECT_EQ(f.blocked_reason, "refused");
  EXPECT_EQ(f.blocked_by, 3);
  EXPECT_EQ(answer_feedback(f, {.organisation = 2, .consent = true}).error().code, "feedback_not_awaiting");
}

TEST(Feedback, IsSubmittedOnceAndNeedsAttendance) {
  FeedbackForm f{.recipient = 1, .item_ids = {11}, .text = "Advies", .categories = {sharing::Category::aggregate}};
  EXPECT_EQ(submit_feedback(f, attended_by({})).error().code, "no_attendance");
  ASSERT_TRUE(submit_feedback(f, attended_by({1})));
  EXPECT_EQ(submit_feedback(f, attended_by({1})).error().code, "feedback_not_draft");
}

// Issue 11, point 2: who consents is fixed at submission; attendance rewritten
// afterwards changes nothing, and the owner of the item the form draws on is asked
// even when it is not marked present.
TEST(Feedback, ConsentersAreFixedAtSubmissionAndIncludeTheItemsOwners) {
  Meeting m = attended_by({1});
  FeedbackForm f = submitted(m);  // about item 11, owned by 2, which is not present
  EXPECT_EQ(f.consenters, (std::vector<access::OrganisationId>{1, 2}));
  m.attendance.clear();  // rewriting who was there afterwards
  EXPECT_EQ(*answer_feedback(f, {.organisation = 1, .consent = true}), false);
  EXPECT_EQ(pending_answers(f), (std::vector<access::OrganisationId>{2}));
  EXPECT_EQ(feedback_origins(f, m), (std::vector<access::OrganisationId>{2}));
}

TEST(Feedback, AttendanceIsFrozenOnceTheMeetingClosed) {
  Meeting m = attended_by({1, 2});
  EXPECT_TRUE(check_attendance_open(m));
  m.status = MeetingStatus::closed;
  EXPECT_EQ(check_attendance_open(m).error().code, "attendance_frozen");
  m.status = MeetingStatus::cancelled;
  EXPECT_EQ(check_attendance_open(m).error().code, "meeting_closed");
}

TEST(Feedback, IsUnderSecrecyInAMeetingWithCasesUnlessWhollyAboutSituations) {
  Meeting m = attended_by({1, 2, 3});
  FeedbackForm about_info{.recipient = 1, .item_ids = {10}};
  FeedbackForm about_situation{.recipient = 1, .item_ids = {11}};
  EXPECT_FALSE(feedback_under_secrecy(about_info, m));  // no case item in the meeting
  m.agenda.push_back(AgendaItem{.id = 12, .kind = ItemKind::case_item, .title = "Casus", .owner_organisation = 3});
  EXPECT_TRUE(feedback_under_secrecy(about_info, m));  // free text may carry the case
  EXPECT_FALSE(feedback_under_secrecy(about_situation, m));
  FeedbackForm mixed{.recipient = 1, .item_ids = {11, 12}};
  EXPECT_TRUE(feedback_under_secrecy(mixed, m));
  // Under secrecy the case's owner is a source: it consents and the engine decides for it.
  EXPECT_EQ(feedback_sources(about_info, m), (std::vector<access::OrganisationId>{1, 3}));
  EXPECT_EQ(feedback_sources(about_situation, m), (std::vector<access::OrganisationId>{2}));
}

// Issue 11, point 2, found in review: a chair who drafts the form in a new meeting
// without cases still draws on what was shared under secrecy at an earlier one.
TEST(Feedback, ACaseOfAnEarlierMeetingKeepsALaterFormUnderSecrecy) {
  Table t;
  Meeting earlier = meeting(1, 1000, MeetingStatus::closed);
  earlier.agenda = {AgendaItem{.id = 12, .kind = ItemKind::case_item, .title = "Casus", .owner_organisation = 3}};
  Meeting later = attended_by({1});
  later.id = 2;
  t.meetings = {earlier, later};
  FeedbackForm about_info{.recipient = 4, .item_ids = {10}, .text = "Details",
                          .categories = {sharing::Category::aggregate}};
  EXPECT_FALSE(feedback_under_secrecy(about_info, later));  // the meeting alone looks harmless
  const Meeting scope = feedback_scope(t, later);
  EXPECT_TRUE(feedback_under_secrecy(about_info, scope));
  ASSERT_TRUE(submit_feedback(about_info, scope));
  EXPECT_EQ(about_info.consenters, (std::vector<access::OrganisationId>{1, 3}));  // the case's owner consents
  EXPECT_EQ(feedback_origins(about_info, scope), (std::vector<access::OrganisationId>{1, 3}));
  EXPECT_EQ(scope.attendance.size(), later.attendance.size());
}

TEST(Feedback, IsNeverSentWithoutADecision) {
  FeedbackForm f = submitted(attended_by({1}));
  f.state = FeedbackState::awaiting_consent;
  settle_feedback(f, {}, 99);
  EXPECT_EQ(f.state, FeedbackState::blocked);
  EXPECT_EQ(f.blocked_reason, "no_decision");
  EXPECT_TRUE(f.disclosures.empty());

  FeedbackForm g = submitted(attended_by({1, 2}));
  settle_feedback(g, {{.origin = 2, .permit = true, .ground = "not_personal"}, {.origin = 3, .permit = false}}, 99);
  EXPECT_EQ(g.state, FeedbackState::blocked);
  EXPECT_EQ(g.blocked_reason, "not_shared");
  EXPECT_EQ(g.blocked_by, 3);

  FeedbackForm h = submitted(attended_by({1, 2}));
  settle_feedback(h, {{.origin = 2, .permit = true, .ground = "not_personal"}}, 99);
  EXPECT_EQ(h.state, FeedbackState::sent);
  EXPECT_EQ(h.sent_at_us, 99);
  ASSERT_EQ(h.disclosures.size(), 1u);
  EXPECT_EQ(h.disclosures[0].ground, "not_personal");
}

TEST(Feedback, FieldsAreChecked) {
  Meeting m = open_meeting_with_attendance();
  FeedbackForm f{.recipient = 1, .item_ids = {11}, .text = "Advies", .categories = {sharing::Category::aggregate}};
  EXPECT_TRUE(check_feedback(f, m));
  FeedbackForm no_items = f;
  no_items.item_ids.clear();
  EXPECT_EQ(check_feedback(no_items, m).error().code, "invalid_input");
  FeedbackForm foreign = f;
  foreign.item_ids = {99};
  EXPECT_EQ(check_feedback(foreign, m).error().code, "invalid_input");
  FeedbackForm no_categories = f;
  no_categories.categories = {};
  EXPECT_EQ(check_feedback(no_categories, m).error().code, "invalid_input");
  FeedbackForm empty = f;
  empty.text.clear();
  EXPECT_EQ(check_feedback(empty, m).error().code, "invalid_input");
}

TEST(TableStatistics, AttendancePerOrganisationOverHeldMeetings) {
  Table t;
  t.members = {1, 2, 3};
  Meeting a = meeting(1, 1000, MeetingStatus::closed);
  a.attendance = {{1, 11, Presence::present}, {1, 12, Presence::absent}, {2, 21, Presence::excused}};
  Meeting b = meeting(2, 2000, MeetingStatus::closed);
  b.attendance = {{1, 11, Presence::present}, {2, 21, Presence::present}};
  Meeting planned = meeting(3, 3000, MeetingStatus::planned);
  Meeting cancelled = meeting(4, 1500, MeetingStatus::cancelled);
  t.meetings = {a, cancelled, b, planned};
  TableHistory h = table_history(t, 2500, "2026-03-01");
  EXPECT_EQ(h.held, 2);
  EXPECT_EQ(h.past_meetings, (std::vector<std::int64_t>{2, 1}));  // newest first
  ASSERT_EQ(h.attendance.size(), 3u);
  EXPECT_EQ(h.attendance[0].present, 2);
  EXPECT_EQ(h.attendance[0].rate_percent, 100);
  EXPECT_EQ(h.attendance[1].present, 1);
  EXPECT_EQ(h.attendance[1].excused, 1);
  EXPECT_EQ(h.attendance[1].rate_percent, 50);
  EXPECT_EQ(h.attendance[2].absent, 2);  // nobody recorded counts as absent
  EXPECT_EQ(h.attendance[2].rate_percent, 0);
}

TEST(TableStatistics, ActionsOnTimeLateOpenAndOverdue) {
  Table t;
  t.id = 1;
  t.members = {1, 2};
  t.actions = {
      ActionItem{.id = 1, .owner_organisation = 1, .due = "2026-02-01", .status = ActionStatus::done, .done_on = "2026-01-30"},
      ActionItem{.id = 2, .owner_organisation = 1, .due = "2026-02-01", .status = ActionStatus::done, .done_on = "2026-02-03"},
      ActionItem{.id = 3, .owner_organisation = 2, .due = "2026-02-01", .status = ActionStatus::open},
      ActionItem{.id = 4, .owner_organisation = 2, .due = "2026-04-01", .status = ActionStatus::open},
      ActionItem{.id = 5, .owner_organisation = 2, .due = "2026-01-01", .status = ActionStatus::cancelled},
  };
  TableHistory h = table_history(t, 0, "2026-03-01");
  EXPECT_EQ(h.actions.done_on_time, 1);
  EXPECT_EQ(h.actions.done_late, 1);
  EXPECT_EQ(h.actions.overdue, 1);
  EXPECT_EQ(h.actions.open, 1);
  EXPECT_EQ(h.actions.cancelled, 1);
  ASSERT_EQ(h.actions_by_organisation.size(), 2u);
  EXPECT_EQ(h.actions_by_organisation[0].counts.done_on_time, 1);
  EXPECT_EQ(h.actions_by_organisation[1].counts.overdue, 1);
}

TEST(TableStatistics, OverdueActionsGroupedPerOrganisation) {
  Table a;
  a.id = 1;
  a.actions = {ActionItem{.id = 1, .owner_organisation = 2, .due = "2026-02-10"},
               ActionItem{.id = 2, .owner_organisation = 2, .due = "2026-02-01"},
               ActionItem{.id = 3, .owner_organisation = 3, .due = "2026-02-01"},
               ActionItem{.id = 4, .owner_organisation = 3, .due = "2026-05-01"}};
  Table b;
  b.id = 2;
  b.actions = {ActionItem{.id = 5, .owner_organisation = 3, .due = "2026-01-01", .status = ActionStatus::done,
                          .done_on = "2026-01-05"}};
  auto groups = overdue_by_organisation({a, b}, "2026-03-01");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].organisation, 2);
  ASSERT_EQ(groups[0].actions.size(), 2u);
  EXPECT_EQ(groups[0].actions[0].action.id, 2);  // oldest due first
  EXPECT_EQ(groups[1].organisation, 3);
  EXPECT_EQ(groups[1].actions.size(), 1u);
  EXPECT_EQ(overdue_by_organisation({a, b}, "2026-03-01", {3}).size(), 1u);
}

}  // namespace
}  // namespace tafel::tables
