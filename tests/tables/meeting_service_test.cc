// The meeting use cases of issue 6, points 3–6, over the in-memory store: items
// carried over when a meeting closes (idempotent), "declined to share" recorded,
// withdrawn and audited, the feedback form's consent rules and the sharing engine's
// refusal with use_restricted, and the table's history.

#include <gtest/gtest.h>

#include "core/sharing/explanation.h"
#include "table_fixture.h"

namespace tafel {
namespace {

using namespace tafel::tables;
using test_support::local;
using test_support::TableFixture;

class MeetingServiceTest : public ::testing::Test, public TableFixture {
 protected:
  void SetUp() override {
    table_id = service.create_table(chair, draft())->id;
    ASSERT_TRUE(service.approve_basis(platform, table_id));  // case items open
    first = service.add_meeting(chair, table_id, local("2026-02-10T19:00"), 90, "Wijkhuis", "")->id;
    second = service.add_meeting(chair, table_id, local("2026-03-10T19:00"), 90, "Wijkhuis", "")->id;
  }
  std::int64_t item(ItemKind kind, const char* title, std::int64_t meeting = 0) {
    AgendaItem i{.kind = kind, .title = title};
    if (kind == ItemKind::case_item) i.case_id = 17;
    return service.add_agenda_item(chair, table_id, meeting ? meeting : first, i)->id;
  }
  // Opens the first meeting with the police, OCMW and CAW present.
  void run_first() {
    ASSERT_TRUE(service.open_meeting(chair, table_id, first));
    for (auto [user, org] : {std::pair{11, 1}, {21, 2}, {31, 3}}) {
      ASSERT_TRUE(service.record_attendance(chair, table_id, first, user, org, Presence::present));
    }
  }
  Meeting stored(std::int64_t meeting) { return *service.table(chair, table_id)->find_meeting(meeting); }
  std::vector<core::audit::Entry> entries_of(const std::string& type) {
    std::vector<core::audit::Entry> out;
    for (const auto& e : audit.entries()) {
      if (e.object_type == type) out.push_back(e);
    }
    return out;
  }

  std::int64_t table_id = 0, first = 0, second = 0;
};

TEST_F(MeetingServiceTest, ClosingCarriesMarkedAndUndecidedItemsOverOnce) {
  auto quick = item(ItemKind::information, "Mededelingen");
  auto decided = item(ItemKind::situation, "Speelplein");
  auto open_question = item(ItemKind::situation, "Overlast station");
  auto marked = item(ItemKind::decision, "Budget buurtfeest");
  run_first();
  ASSERT_TRUE(service.add_decision(chair, table_id, first, decided, "Gezamenlijke ronde"));
  EXPECT_EQ(service.mark_carry_over(delegate, table_id, first, marked, true).error().code, "forbidden");
  ASSERT_TRUE(service.mark_carry_over(secretary, table_id, first, marked, true));
  ASSERT_TRUE(service.close_meeting(chair, table_id, first));

  Meeting next = stored(second);
  ASSERT_EQ(next.agenda.size(), 2u);
  EXPECT_EQ(next.agenda[0].carried_over_from, open_question);
  EXPECT_EQ(next.agenda[1].carried_over_from, marked);
  EXPECT_EQ(next.agenda[1].title, "Budget buurtfeest");
  (void)quick;

  // Carrying over again (say, after planning a meeting in between) copies nothing twice.
  auto again = service.carry_over(chair, table_id, first);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->copied.empty());
  EXPECT_EQ(stored(second).agenda.size(), 2u);
  EXPECT_EQ(service.carry_over(chair, table_id, second).error().code, "meeting_not_closed");
}

TEST_F(MeetingServiceTest, ItemsWaitingForANextMeetingAreCarriedOnceItIsPlanned) {
  ASSERT_TRUE(service.cancel_meeting(chair, table_id, second));
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  ASSERT_TRUE(service.close_meeting(chair, table_id, first));
  auto third = service.add_meeting(chair, table_id, local("2026-04-14T19:00"), 90, "Wijkhuis", "")->id;
  auto carried = service.carry_over(chair, table_id, first);
  ASSERT_TRUE(carried);
  EXPECT_EQ(carried->next_meeting, third);
  ASSERT_EQ(stored(third).agenda.size(), 1u);
  EXPECT_EQ(stored(third).agenda[0].carried_over_from, situation);
  EXPECT_TRUE(service.carry_over(chair, table_id, first)->copied.empty());
}

TEST_F(MeetingServiceTest, DeclinedToShareIsRecordedWithdrawnAndAudited) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  ASSERT_TRUE(service.decline_to_share(delegate, table_id, first, situation, DeclineReason::professional_secrecy));
  Meeting m = stored(first);
  ASSERT_EQ(m.declined.size(), 1u);
  EXPECT_EQ(m.declined[0].organisation, 3);
  EXPECT_EQ(m.declined[0].reason, DeclineReason::professional_secrecy);
  auto recorded = entries_of("table_declined");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].action, core::audit::Action::create);
  EXPECT_EQ(recorded[0].organisation, "3");
  EXPECT_EQ(recorded[0].rule, "declined:professional_secrecy");
  EXPECT_EQ(recorded[0].object_id, std::to_string(table_id) + "/" + std::to_string(first) + "/" +
                                       std::to_string(situation) + "/3");

  // Only the organisation itself withdraws its answer; an outsider does nothing.
  EXPECT_EQ(service.withdraw_declined(secretary, table_id, first, situation).error().code, "not_found");
  EXPECT_EQ(service.decline_to_share(outsider, table_id, first, situation, DeclineReason::none).error().code,
            "forbidden");
  ASSERT_TRUE(service.withdraw_declined(delegate, table_id, first, situation));
  EXPECT_TRUE(stored(first).declined.empty());
  recorded = entries_of("table_declined");
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[1].action, core::audit::Action::remove);

  ASSERT_TRUE(service.decline_to_share(delegate, table_id, first, situation, DeclineReason::none));
  ASSERT_TRUE(service.close_meeting(chair, table_id, first));
  EXPECT_EQ(service.withdraw_declined(delegate, table_id, first, situation).error().code, "meeting_not_open");
  EXPECT_EQ(stored(first).declined.size(), 1u);  // the answer stays in the record of the meeting
}

class FeedbackTest : public MeetingServiceTest {
 protected:
  app::tables::FeedbackDraft draft_to(access::OrganisationId recipient, std::int64_t about,
                                      sharing::CategorySet categories = {sharing::Category::aggregate},
                                      sharing::Purpose purpose = sharing::Purpose::coordination) {
    return {recipient, {about}, "De tafel adviseert extra toezicht aan het station.", categories, purpose};
  }
  std::int64_t submitted(const app::tables::FeedbackDraft& d) {
    auto f = service.draft_feedback(chair, table_id, first, d);
    EXPECT_TRUE(f) << f.error().message;
    auto s = service.submit_feedback(chair, table_id, first, f->id);
    EXPECT_TRUE(s) << s.error().message;
    return f->id;
  }
};

TEST_F(FeedbackTest, GoesOnlyToPoliceOrProsecution) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  EXPECT_EQ(service.draft_feedback(chair, table_id, first, draft_to(4, situation)).error().code,
            "recipient_not_police");
  EXPECT_TRUE(service.draft_feedback(chair, table_id, first, draft_to(5, situation)));
  EXPECT_EQ(service.draft_feedback(secretary, table_id, first, draft_to(1, situation)).error().code, "forbidden");
  EXPECT_EQ(service.draft_feedback(chair, table_id, second, draft_to(1, situation)).error().code, "meeting_not_held");
}

TEST_F(FeedbackTest, IsSentWhenEveryAttendingOrganisationConsentedAndTheEnginePermits) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  auto id = submitted(draft_to(5, situation));
  auto after_two = service.answer_feedback(chair, table_id, first, id, true);
  ASSERT_TRUE(after_two);
  ASSERT_TRUE(service.answer_feedback(secretary, table_id, first, id, true));
  // A missing consent keeps it waiting: nothing is sent, nothing disclosed.
  EXPECT_EQ(stored(first).find_feedback(id)->state, FeedbackState::awaiting_consent);
  EXPECT_TRUE(entries_of("table_feedback").size() >= 2u);
  for (const auto& e : audit.entries()) EXPECT_NE(e.action, core::audit::Action::sharing_decision);
  app::tables::Caller prosecutor = caller(51, 5);
  EXPECT_EQ(service.feedback(prosecutor, table_id, first, id).error().code, "forbidden");

  auto sent = service.answer_feedback(delegate, table_id, first, id, true);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->state, FeedbackState::sent);
  ASSERT_EQ(sent->disclosures.size(), 3u);  // police, OCMW and CAW as origins
  std::vector<core::audit::Entry> decisions;
  for (const auto& e : audit.entries()) {
    if (e.action == core::audit::Action::sharing_decision) decisions.push_back(e);
  }
  ASSERT_EQ(decisions.size(), 3u);
  EXPECT_EQ(decisions[0].ground, "not_personal");
  EXPECT_EQ(decisions[0].outcome, core::audit::Outcome::success);
  EXPECT_EQ(decisions[2].organisation, "3");

  // The recipient reads it now, and the reading is audited; another outsider does not.
  auto read = service.feedback(prosecutor, table_id, first, id);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->form.text, "De tafel adviseert extra toezicht aan het station.");
  ASSERT_EQ(read->items.size(), 1u);
  EXPECT_EQ(read->items[0].second, "Overlast station");
  EXPECT_EQ(audit.entries().back().action, core::audit::Action::view);
  EXPECT_EQ(service.feedback(outsider, table_id, first, id).error().code, "forbidden");
  auto inbox = service.received_feedback(prosecutor);
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].form.id, id);
  EXPECT_TRUE(service.received_feedback(outsider)->empty());
}

TEST_F(FeedbackTest, ARefusalBlocksItAndNothingIsDisclosed) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  auto id = submitted(draft_to(1, situation));
  ASSERT_TRUE(service.answer_feedback(chair, table_id, first, id, true));
  auto refused = service.answer_feedback(delegate, table_id, first, id, false);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->state, FeedbackState::blocked);
  EXPECT_EQ(refused->blocked_reason, "refused");
  EXPECT_EQ(refused->blocked_by, 3);
  EXPECT_EQ(service.answer_feedback(secretary, table_id, first, id, true).error().code, "feedback_not_awaiting");
  for (const auto& e : audit.entries()) EXPECT_NE(e.action, core::audit::Action::sharing_decision);
}

TEST_F(FeedbackTest, WhatWasSharedUnderTheTablesSecrecyStaysWithinItsFinality) {
  auto casus = item(ItemKind::case_item, "Casus 1");
  run_first();
  // Prosecution is not the table's finality (integrity): use_restricted.
  auto id = submitted(draft_to(1, casus, {sharing::Category::involvement}, sharing::Purpose::prosecution));
  ASSERT_TRUE(service.answer_feedback(chair, table_id, first, id, true));
  ASSERT_TRUE(service.answer_feedback(secretary, table_id, first, id, true));
  auto blocked = service.answer_feedback(delegate, table_id, first, id, true);
  ASSERT_TRUE(blocked) << blocked.error().message;
  EXPECT_EQ(blocked->state, FeedbackState::blocked);
  EXPECT_EQ(blocked->blocked_reason, "not_shared");
  EXPECT_EQ(blocked->blocked_by, 2);  // the first origin after the recipient itself
  EXPECT_FALSE(blocked->explanation.permit);
  EXPECT_EQ(blocked->explanation.headline.key, "sharing.deny.use_restricted");
  bool names_the_table = false;
  for (const auto& m : blocked->explanation.reasons) {
    for (const auto& a : m.args) names_the_table |= a.name == "table" && a.value == "Overleg stationsbuurt";
  }
  EXPECT_TRUE(names_the_table);
  auto last = audit.entries().back();
  EXPECT_EQ(last.action, core::audit::Action::sharing_decision);
  EXPECT_EQ(last.outcome, core::audit::Outcome::denied);
  // Kept as stored: the explanation survives a reload.
  EXPECT_EQ(stored(first).find_feedback(id)->explanation.headline.key, "sharing.deny.use_restricted");
}

// Issue 11, point 2, as an attacker would try it: the chair rewrites who was
// present once the meeting closed, to leave the case's owner out of the consent.
TEST_F(FeedbackTest, AttendanceIsFrozenOnceTheMeetingClosed) {
  run_first();
  ASSERT_TRUE(service.close_meeting(chair, table_id, first));
  auto rewritten = service.record_attendance(chair, table_id, first, 31, 3, Presence::absent);
  ASSERT_FALSE(rewritten);
  EXPECT_EQ(rewritten.error().code, "attendance_frozen");
  EXPECT_EQ(stored(first).attending_organisations(), (std::vector<access::OrganisationId>{1, 2, 3}));
}

// Who consents is fixed when the form is submitted: marking an organisation absent
// afterwards does not remove its say.
TEST_F(FeedbackTest, ConsentersAreFixedWhenTheFormIsSubmitted) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  auto id = submitted(draft_to(5, situation));
  ASSERT_TRUE(service.record_attendance(chair, table_id, first, 31, 3, Presence::absent));
  ASSERT_TRUE(service.answer_feedback(chair, table_id, first, id, true));
  auto after = service.answer_feedback(secretary, table_id, first, id, true);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->state, FeedbackState::awaiting_consent) << "CAW was asked at submission and has not answered";
  EXPECT_EQ(pending_answers(*after), (std::vector<access::OrganisationId>{3}));
  for (const auto& e : audit.entries()) EXPECT_NE(e.action, core::audit::Action::sharing_decision);
}

// With only the recipient present nobody else is asked and no decision is made:
// the form is blocked, never sent without a sharing decision.
TEST_F(FeedbackTest, WithoutAnyDecisionNothingIsSent) {
  auto info = item(ItemKind::information, "Cijfers");  // owned by the chair's organisation, the police
  ASSERT_TRUE(service.open_meeting(chair, table_id, first));
  ASSERT_TRUE(service.record_attendance(chair, table_id, first, 11, 1, Presence::present));
  auto id = submitted(draft_to(1, info));
  auto answered = service.answer_feedback(chair, table_id, first, id, true);
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_NE(answered->state, FeedbackState::sent);
  EXPECT_EQ(answered->state, FeedbackState::blocked);
  EXPECT_EQ(answered->blocked_reason, "no_decision");
  EXPECT_TRUE(answered->disclosures.empty());
  EXPECT_TRUE(service.received_feedback(chair)->empty());
}

// Case details typed into the free text of a form linked to an information item:
// the meeting had a case, so the form is under the table's secrecy and the engine
// keeps it inside the table's finality (use_restricted). The case's owner (CAW) is
// asked and decided for even though it was not marked present.
TEST_F(FeedbackTest, AFormInAMeetingWithACaseIsUnderSecrecyWhateverItIsLinkedTo) {
  AgendaItem casus{.kind = ItemKind::case_item, .title = "Casus 1", .owner_user = 31, .owner_organisation = 3,
                   .case_id = 17};
  ASSERT_TRUE(service.add_agenda_item(chair, table_id, first, casus));
  auto info = item(ItemKind::information, "Mededelingen");
  ASSERT_TRUE(service.open_meeting(chair, table_id, first));
  for (auto [user, org] : {std::pair{11, 1}, {21, 2}}) {
    ASSERT_TRUE(service.record_attendance(chair, table_id, first, user, org, Presence::present));
  }
  ASSERT_TRUE(service.close_meeting(chair, table_id, first));
  app::tables::FeedbackDraft d = draft_to(1, info);
  d.text = "J. (17) uit de Stationsstraat dealt aan het station.";
  auto f = service.draft_feedback(chair, table_id, first, d);
  ASSERT_TRUE(f) << f.error().message;
  ASSERT_TRUE(service.submit_feedback(chair, table_id, first, f->id));
  ASSERT_TRUE(service.answer_feedback(chair, table_id, first, f->id, true));
  ASSERT_TRUE(service.answer_feedback(secretary, table_id, first, f->id, true));
  EXPECT_EQ(stored(first).find_feedback(f->id)->state, FeedbackState::awaiting_consent);
  auto blocked = service.answer_feedback(delegate, table_id, first, f->id, true);
  ASSERT_TRUE(blocked) << blocked.error().message;
  EXPECT_EQ(blocked->state, FeedbackState::blocked);
  EXPECT_EQ(blocked->blocked_reason, "not_shared");
  EXPECT_EQ(blocked->explanation.headline.key, "sharing.deny.use_restricted");
  EXPECT_TRUE(service.received_feedback(chair)->empty());
}

// Found in review: the engine decides on the table's members and finality when the
// last consent arrives, so the chair may not change them while a form awaits consent
// (adding the recipient as a member would lift the onward-use restriction).
TEST_F(FeedbackTest, TheTableKeepsItsMembersAndFinalityWhileAFormAwaitsConsent) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  auto id = submitted(draft_to(1, situation));
  auto t = *service.table(chair, table_id);
  app::tables::TableDraft d;
  d.name = t.name + " (hernoemd)";
  d.kind = t.kind;
  d.basis = t.basis;
  d.basis_reference = t.basis_reference;
  d.finality = t.finality;
  d.members = t.members;
  d.delegates = t.delegates;
  EXPECT_TRUE(service.update_table(chair, table_id, d)) << "a change that leaves them is fine";
  d.finality = sharing::PurposeSet::all();
  ASSERT_FALSE(d.finality == t.finality);
  auto refused = service.update_table(chair, table_id, d);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "feedback_pending");
  EXPECT_EQ(stored(first).find_feedback(id)->state, FeedbackState::awaiting_consent);
}

TEST_F(FeedbackTest, WithoutTheDirectoryNoFormIsDrafted) {
  app::tables::TableService bare{store, calendar, audit, clock, crypto};
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  EXPECT_EQ(bare.draft_feedback(chair, table_id, first, draft_to(1, situation)).error().code, "sharing_unavailable");
}

TEST_F(MeetingServiceTest, HistoryCountsAttendanceAndActions) {
  run_first();
  tables::ActionItem a{.description = "Ronde plannen", .owner_organisation = 3, .due = "2026-01-20"};
  ASSERT_TRUE(service.add_action(chair, table_id, first, a));
  ASSERT_TRUE(service.close_meeting(chair, table_id, first));
  clock.set(test_support::at_utc(2026, 2, 20, 9));
  auto h = service.history(delegate, table_id);
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->history.held, 1);
  ASSERT_EQ(h->history.attendance.size(), 3u);
  EXPECT_EQ(h->history.attendance[2].rate_percent, 100);
  EXPECT_EQ(h->history.actions.overdue, 1);
  EXPECT_EQ(service.history(outsider, table_id).error().code, "forbidden");

  auto admin = caller(12, 1, access::Role::organisation_admin);
  auto overdue = service.overdue_by_organisation(admin);
  ASSERT_TRUE(overdue) << overdue.error().message;
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ((*overdue)[0].organisation, 3);
  EXPECT_EQ(service.overdue_by_organisation(delegate).error().code, "forbidden");
}

}  // namespace
}  // namespace tafel
