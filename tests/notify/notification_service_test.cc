// NotificationService over the SQL store on SQLite and PostgreSQL, observing a real
// TableService: who is told what, in which language, what a mail carries, retries
// with backoff, idempotent reminders, the inbox, and that several senders sharing
// one database send every mail once.

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "app/notify/notification_worker.h"
#include "notify_world.h"

namespace tafel {
namespace {

using app::notify::MailState;
using app::notify::NotificationKind;
using test_support::NotifyWorld;
using test_support::TestDatabase;

// iCalendar text with folded lines joined again (RFC 5545 3.1).
std::string unfold(std::string ics) {
  for (auto at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at)) ics.erase(at, 3);
  return ics;
}

class NotificationServiceTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  std::unique_ptr<NotifyWorld> world(bool with_mailer = true) {
    auto db = TestDatabase::create(GetParam());
    EXPECT_TRUE(db) << db.error().message;
    if (!db) return nullptr;
    return std::make_unique<NotifyWorld>(std::move(*db), with_mailer);
  }
};

TEST_P(NotificationServiceTest, APlannedMeetingInvitesEveryOtherDelegateInTheirOwnLanguage) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  std::int64_t meeting = w->plan("2026-02-10T19:00");

  EXPECT_TRUE(w->inbox(w->chair_id).empty()) << "the chair who planned it is not told";
  EXPECT_TRUE(w->inbox(w->outsider_id).empty());
  auto fr = w->inbox(w->secretary_id);
  auto en = w->inbox(w->delegate_id);
  ASSERT_EQ(fr.size(), 1u);
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(fr[0].kind, NotificationKind::invitation);
  EXPECT_EQ(fr[0].meeting_id, meeting);
  EXPECT_EQ(fr[0].subject, "Invitation\u00a0: Overleg stationsbuurt, mardi 10 février 2026 à 19 h 00");
  EXPECT_EQ(en[0].subject, "Invitation: Overleg stationsbuurt, Tuesday 10 February 2026 at 19:00");
  EXPECT_NE(en[0].body.find("Where: Stadhuis, zaal 2"), std::string::npos) << en[0].body;
  const std::string link = "/tables/" + std::to_string(w->table_id) + "/meetings/" + std::to_string(meeting);
  EXPECT_EQ(en[0].link, link);
  EXPECT_NE(en[0].body.find("https://tafel.example.be" + link), std::string::npos) << en[0].body;
  EXPECT_EQ(en[0].mail_state, MailState::pending);
  EXPECT_EQ(en[0].ics_method, "REQUEST");
  EXPECT_NE(en[0].ics.find("METHOD:REQUEST"), std::string::npos);
  EXPECT_NE(en[0].ics.find("DTSTART:20260210T180000Z"), std::string::npos) << "19:00 in Brussels is 18:00 UTC in winter";
  EXPECT_TRUE(w->failures.empty());
}

TEST_P(NotificationServiceTest, APastMeetingIsNotAnnounced) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  w->plan("2026-01-10T19:00");
  EXPECT_TRUE(w->inbox(w->delegate_id).empty());
}

TEST_P(NotificationServiceTest, DeliveringSendsEachMailOnceWithItsInvitationAndAddresses) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  w->plan("2026-02-10T19:00");
  auto report = w->notify.deliver_pending(50);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->sent, 2);
  auto sent = w->mailer.sent();
  ASSERT_EQ(sent.size(), 2u);
  std::set<std::string> to;
  for (const auto& m : sent) {
    to.insert(m.to);
    EXPECT_EQ(m.ics_method, "REQUEST");
    EXPECT_NE(m.ics.find("ORGANIZER:mailto:tafel@nethegem.example"), std::string::npos);
    EXPECT_NE(unfold(m.ics).find("RSVP=FALSE:mailto:" + m.to), std::string::npos) << "the recipient is the attendee";
    EXPECT_TRUE(m.message_id.starts_with("<notification-") && m.message_id.ends_with("@nethegem.example>"))
        << m.message_id;
  }
  EXPECT_EQ(to, (std::set<std::string>{"secretaris@cpas.example", "delegate@caw.example"}));
  EXPECT_EQ(w->inbox(w->delegate_id)[0].mail_state, MailState::sent);
  // Nothing is due any more: a second run sends nothing.
  auto again = w->notify.deliver_pending(50);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sent, 0);
  EXPECT_EQ(w->mailer.sent().size(), 2u);
}

TEST_P(NotificationServiceTest, AFailedMailIsRetriedLaterWithGrowingDelaysThenGivenUp) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  w->plan("2026-02-10T19:00");
  w->mailer.fail_with("mail_unavailable");

  auto first = w->notify.deliver_pending(50);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->retried, 2);
  auto n = w->inbox(w->delegate_id)[0];
  EXPECT_EQ(n.mail_state, MailState::pending);
  EXPECT_EQ(n.attempts, 1);
  EXPECT_TRUE(n.last_error.starts_with("mail_unavailable")) << n.last_error;
  EXPECT_EQ(n.last_error.find("delegate@caw.example"), std::string::npos);
  const auto now = w->clock.now().time_since_epoch().count();
  EXPECT_EQ(n.next_attempt_at_us, now + 60'000'000) << "one minute after the first failure";

  // Not due yet: nothing happens.
  EXPECT_EQ(w->notify.deliver_pending(50)->retried, 0);
  w->clock.advance(std::chrono::minutes(1));
  EXPECT_EQ(w->notify.deliver_pending(50)->retried, 2);
  n = w->inbox(w->delegate_id)[0];
  EXPECT_EQ(n.attempts, 2);
  EXPECT_EQ(n.next_attempt_at_us, w->clock.now().time_since_epoch().count() + 5 * 60'000'000LL);

  // The third attempt is the last (max_attempts 3).
  w->clock.advance(std::chrono::minutes(5));
  auto last = w->notify.deliver_pending(50);
  EXPECT_EQ(last->failed, 2);
  EXPECT_EQ(w->inbox(w->delegate_id)[0].mail_state, MailState::failed);
  w->clock.advance(std::chrono::hours(24));
  w->mailer.fail_with("");
  EXPECT_EQ(w->notify.deliver_pending(50)->sent, 0) << "a failed mail is not sent again";
}

TEST_P(NotificationServiceTest, AMailTheServerRefusesIsNotRetried) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  w->plan("2026-02-10T19:00");
  w->mailer.fail_with("mail_rejected");
  auto report = w->notify.deliver_pending(50);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->failed, 2);
  EXPECT_EQ(w->inbox(w->secretary_id)[0].mail_state, MailState::failed);
  EXPECT_EQ(w->inbox(w->secretary_id)[0].attempts, 1);
}

TEST_P(NotificationServiceTest, MovingAndCancellingAMeetingTellTheDelegatesWithUpdatedInvitations) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  std::int64_t meeting = w->plan("2026-02-10T19:00");
  auto moved = w->tables.move_meeting(w->chair(), w->table_id, meeting, test_support::local("2026-02-12T14:00"));
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_TRUE(w->tables.cancel_meeting(w->chair(), w->table_id, meeting));

  auto items = w->inbox(w->delegate_id);  // newest first
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].kind, NotificationKind::cancelled);
  EXPECT_EQ(items[1].kind, NotificationKind::moved);
  EXPECT_EQ(items[2].kind, NotificationKind::invitation);
  EXPECT_EQ(items[1].subject, "Moved: Overleg stationsbuurt, now on Thursday 12 February 2026 at 14:00");
  EXPECT_EQ(items[0].ics_method, "CANCEL");
  EXPECT_NE(items[0].ics.find("STATUS:CANCELLED"), std::string::npos);
  auto uid = [](const std::string& ics) { return ics.substr(ics.find("UID:"), ics.find("\r\n", ics.find("UID:")) - ics.find("UID:")); };
  EXPECT_EQ(uid(items[0].ics), uid(items[2].ics)) << "one meeting, one UID";
  auto sequence = [](const std::string& ics) { return std::stoi(ics.substr(ics.find("SEQUENCE:") + 9)); };
  EXPECT_LT(sequence(items[2].ics), sequence(items[1].ics));
  EXPECT_LT(sequence(items[1].ics), sequence(items[0].ics));
}

TEST_P(NotificationServiceTest, ASeriesIsAnnouncedOnceWithItsFirstMeeting) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  tables::Series series;
  series.rule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=6";
  series.start = test_support::local("2026-02-10T19:00");
  series.duration_minutes = 90;
  series.venue = "Wijkhuis";
  ASSERT_TRUE(w->tables.add_series(w->chair(), w->table_id, series));
  auto items = w->inbox(w->secretary_id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, NotificationKind::series);
  EXPECT_EQ(items[0].link, "/tables/" + std::to_string(w->table_id));
  EXPECT_NE(items[0].body.find("6 réunions ont été planifiées"), std::string::npos) << items[0].body;
  EXPECT_NE(items[0].body.find("mardi 10 février 2026"), std::string::npos) << items[0].body;
  EXPECT_TRUE(items[0].ics.empty());
}

TEST_P(NotificationServiceTest, RemindersAreQueuedOncePerDelegateForMeetingsWithin48Hours) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  // The clock is 2026-01-15 09:00 UTC (10:00 in Brussels).
  std::int64_t soon = w->plan("2026-01-16T19:00");
  w->plan("2026-01-19T19:00");
  tables::AgendaItem item;
  item.kind = tables::ItemKind::case_item;
  item.title = "Casus 12";
  item.case_id = 12;  // the details live sealed in the case, never in the table
  ASSERT_TRUE(w->tables.add_agenda_item(w->chair(), w->table_id, soon, item));

  auto queued = w->notify.queue_due_reminders(w->clock.now());
  ASSERT_TRUE(queued) << queued.error().message;
  EXPECT_EQ(*queued, 3) << "every delegate, the chair too, for the meeting within 48 hours";
  auto chair_items = w->inbox(w->chair_id);
  ASSERT_EQ(chair_items.size(), 1u);
  EXPECT_EQ(chair_items[0].kind, NotificationKind::reminder);
  EXPECT_EQ(chair_items[0].meeting_id, soon);
  EXPECT_NE(chair_items[0].body.find("- Casus 12"), std::string::npos) << "agenda titles are listed";
  EXPECT_EQ(chair_items[0].body.find("Peeters"), std::string::npos) << "never the personal details of a case";

  EXPECT_EQ(*w->notify.queue_due_reminders(w->clock.now()), 0) << "idempotent";
  w->clock.advance(std::chrono::hours(60));  // now 2026-01-17 21:00 UTC: the 19th (18:00 UTC) is within 48 hours
  EXPECT_EQ(*w->notify.queue_due_reminders(w->clock.now()), 3);
  EXPECT_EQ(*w->notify.queue_due_reminders(w->clock.now()), 0);
}

// A given consent that the registry marks as ending soon: its recorder is reminded
// once per end date, in their language, by consent and case number only, with a link
// to the consent.
TEST_P(NotificationServiceTest, TheRecorderOfAConsentEndingSoonIsRemindedOncePerEndDate) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  const std::int64_t day = 86'400'000'000;
  const std::int64_t now = w->clock.now().time_since_epoch().count();
  std::vector<app::notify::ExpiringConsent> soon = {{41, 7, w->table_id, w->delegate_id, now + 10 * day}};
  w->notify.set_expiring_consents([&]() -> Result<std::vector<app::notify::ExpiringConsent>> { return soon; });
  auto queued = w->notify.queue_due_reminders(w->clock.now());
  ASSERT_TRUE(queued) << queued.error().message;
  EXPECT_EQ(*queued, 1);
  auto en = w->inbox(w->delegate_id);
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(en[0].kind, NotificationKind::reminder);
  EXPECT_EQ(en[0].subject, "Consent 41 (case 7) ends on 25/01/2026");
  EXPECT_EQ(en[0].link, "/consents/41");
  EXPECT_EQ(en[0].mail_state, MailState::pending);
  EXPECT_TRUE(w->inbox(w->secretary_id).empty());
  EXPECT_EQ(*w->notify.queue_due_reminders(w->clock.now()), 0) << "idempotent";

  // Another consent comes into the window, and the first one was extended.
  soon = {{41, 7, w->table_id, w->delegate_id, now + 40 * day}, {42, 7, w->table_id, w->secretary_id, now + 20 * day}};
  EXPECT_EQ(*w->notify.queue_due_reminders(w->clock.now()), 2);
  auto fr = w->inbox(w->secretary_id);
  ASSERT_EQ(fr.size(), 1u);
  EXPECT_EQ(fr[0].subject, "Le consentement 42 (dossier 7) prend fin le 04/02/2026");
}

TEST_P(NotificationServiceTest, TheInboxListsUnreadFirstAndMarksReadForItsOwnerOnly) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  w->plan("2026-02-10T19:00");
  w->clock.advance(std::chrono::minutes(1));
  w->plan("2026-03-10T19:00");
  auto items = w->inbox(w->delegate_id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(*w->notify.unread_count(NotifyWorld::principal(w->delegate_id)), 2);

  // Someone else's notification is not found, and stays unread.
  auto other = w->notify.mark_read(NotifyWorld::principal(w->secretary_id), items[0].id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "not_found");
  // The older one read: it moves below the unread one.
  ASSERT_TRUE(w->notify.mark_read(NotifyWorld::principal(w->delegate_id), items[1].id));
  ASSERT_TRUE(w->notify.mark_read(NotifyWorld::principal(w->delegate_id), items[1].id)) << "marking twice is fine";
  EXPECT_EQ(*w->notify.unread_count(NotifyWorld::principal(w->delegate_id)), 1);
  auto after = w->inbox(w->delegate_id);
  EXPECT_EQ(after[0].id, items[0].id);
  EXPECT_FALSE(after[0].read_at_us);
  EXPECT_TRUE(after[1].read_at_us);
  EXPECT_EQ(*w->notify.mark_all_read(NotifyWorld::principal(w->delegate_id)), 1);
  EXPECT_EQ(*w->notify.unread_count(NotifyWorld::principal(w->delegate_id)), 0);
  EXPECT_EQ(*w->notify.unread_count(NotifyWorld::principal(w->secretary_id)), 2);
}

TEST_P(NotificationServiceTest, WithoutMailConfiguredNotificationsStayInApp) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world(false);
  ASSERT_TRUE(w);
  w->plan("2026-02-10T19:00");
  auto items = w->inbox(w->delegate_id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].mail_state, MailState::none);
  auto report = w->notify.deliver_pending(50);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->sent + report->retried + report->failed, 0);
}

TEST_P(NotificationServiceTest, AFailingNotificationNeverFailsTheTableChange) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->db->database().transaction([](soci::session& s) { s << "DROP TABLE notification"; }));
  auto meeting = w->tables.add_meeting(w->chair(), w->table_id, test_support::local("2026-02-10T19:00"), 60, "", "");
  ASSERT_TRUE(meeting) << meeting.error().message;
  auto table = w->tables.table(w->chair(), w->table_id);
  ASSERT_TRUE(table);
  EXPECT_NE(table->find_meeting(meeting->id), nullptr) << "the meeting was saved";
  ASSERT_EQ(w->failures.size(), 1u);
  EXPECT_EQ(w->failures[0], "notify_meeting_planned:database_error");
}

TEST_P(NotificationServiceTest, TwoSendersSharingTheDatabaseSendEveryMailOnce) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  for (int day = 1; day <= 10; ++day) w->plan("2026-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T19:00");
  // A second server: its own connection pool, store and mailer over the same database.
  auto second_db = storage::Database::open(w->db->url(), 4);
  ASSERT_TRUE(second_db) << second_db.error().message;
  storage::SqlAccountStore users2(**second_db, w->clock);
  storage::SqlTableStore tables2(**second_db, w->clock);
  storage::SqlNotificationStore store2(**second_db);
  app::notify::MemoryMailer mailer2;
  app::notify::NotificationService notify2(store2, users2, tables2, w->calendar, &mailer2, w->clock,
                                           test_support::translate_notify, NotifyWorld::settings());
  std::atomic<int> errors{0};
  auto drain = [&](app::notify::NotificationService& service) {
    for (int i = 0; i < 20; ++i) {
      auto r = service.deliver_pending(3);
      if (!r) ++errors;
    }
  };
  std::thread a([&] { drain(w->notify); });
  std::thread b([&] { drain(notify2); });
  a.join();
  b.join();
  EXPECT_EQ(errors.load(), 0);
  std::multiset<std::string> ids;
  for (const auto& m : w->mailer.sent()) ids.insert(m.message_id);
  for (const auto& m : mailer2.sent()) ids.insert(m.message_id);
  EXPECT_EQ(ids.size(), 20u) << "ten meetings, two recipients each";
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "no mail sent twice";
}

TEST_P(NotificationServiceTest, RunOnceQueuesRemindersAndSendsThem) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto w = world();
  ASSERT_TRUE(w);
  w->plan("2026-01-16T19:00");  // two invitations queued
  auto report = app::notify::run_once(w->notify, w->clock, 2);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->reminders, 3);
  EXPECT_EQ(report->mail.sent, 5) << "batches of two until the queue is empty";
}

INSTANTIATE_TEST_SUITE_P(Engines, NotificationServiceTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
