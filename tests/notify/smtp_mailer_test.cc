// SmtpMailer (libcurl) against a local SMTP sink (aiosmtpd, tests/notify/smtp_sink.py,
// run as a child process): what arrives (envelope, headers, text, the .ics
// attachment), how failures come back (closed port: temporary; refused recipient
// or message: final), and the notification service retrying with backoff when the
// server cannot be reached. Also the MIME and iCalendar writers.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "app/notify/invitation_ics.h"
#include "app/notify/notification_worker.h"
#include "mail/smtp_mailer.h"
#include "notify_world.h"
#include "smtp_sink_process.h"

namespace tafel {
namespace {

using app::notify::MailMessage;
using test_support::SmtpSinkProcess;

std::string base64_decode(std::string_view text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    auto pos = alphabet.find(c);
    if (pos == std::string::npos) continue;  // line breaks, padding
    buffer = (buffer << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The decoded body of the MIME part whose headers contain `content_type`.
std::string part(const std::string& data, const std::string& content_type) {
  auto at = data.find("Content-Type: " + content_type);
  if (at == std::string::npos) return {};
  auto body = data.find("\r\n\r\n", at);
  auto end = data.find("\r\n--", body);
  if (end == std::string::npos) end = data.size();
  return base64_decode(std::string_view(data).substr(body + 4, end - body - 4));
}

std::string header(const std::string& data, const std::string& name) {
  auto at = data.find("\r\n" + name + ": ");
  if (data.starts_with(name + ": ")) at = 0;
  else if (at == std::string::npos) return {};
  else at += 2;
  auto end = data.find("\r\n", at);
  while (end != std::string::npos && end + 2 < data.size() && data[end + 2] == ' ') end = data.find("\r\n", end + 2);
  return data.substr(at + name.size() + 2, end - at - name.size() - 2);
}

MailMessage invitation() {
  app::notify::IcsEvent e;
  e.uid = "table-1-meeting-4@tafel";
  e.sequence = 3;
  e.starts_at_us = 1'770'746'400'000'000;  // 2026-02-10T18:00Z
  e.ends_at_us = e.starts_at_us + 5'400'000'000;
  e.summary = "Overleg stationsbuurt";
  e.location = "Stadhuis, zaal 2";
  MailMessage m;
  m.to = "secretaris@cpas.example";
  m.subject = "Invitation\u00a0: Overleg stationsbuurt, mardi 10 février 2026 à 19 h 00";
  m.text = "Nouvelle réunion.\n\nOù\u00a0: Stadhuis\n.leading dot\n";
  m.ics = app::notify::with_participants(app::notify::invitation_ics(e, 1'770'000'000'000'000), "tafel@nethegem.example",
                                         m.to);
  m.ics_method = "REQUEST";
  m.message_id = "<notification-7-1@nethegem.example>";
  return m;
}

std::unique_ptr<mail::SmtpMailer> mailer_for(const std::string& url) {
  mail::SmtpSettings s;
  s.url = url;
  s.from = "tafel@nethegem.example";
  s.connect_timeout = std::chrono::milliseconds(2000);
  s.timeout = std::chrono::milliseconds(5000);
  auto m = mail::SmtpMailer::create(s);
  EXPECT_TRUE(m) << m.error().message;
  return m ? std::move(*m) : nullptr;
}

// Each test starts the sink it needs; TearDown stops and reaps it and fails the
// test if the sink did not end cleanly.
class SmtpMailerTest : public ::testing::Test {
 protected:
  void TearDown() override { EXPECT_TRUE(sink.stop()); }

  SmtpSinkProcess sink;
};

std::string closed_url() {
  std::uint16_t port = SmtpSinkProcess::closed_port();
  EXPECT_NE(port, 0) << "no free port on 127.0.0.1";
  return "smtp://127.0.0.1:" + std::to_string(port);
}

TEST_F(SmtpMailerTest, DeliversSubjectRecipientTextAndTheInvitationAttachment) {
  ASSERT_TRUE(sink.start());
  auto mailer = mailer_for(sink.url());
  ASSERT_TRUE(mailer);
  MailMessage m = invitation();
  auto sent = mailer->send(m);
  ASSERT_TRUE(sent) << sent.error().message;
  ASSERT_TRUE(sink.wait_for(1, std::chrono::seconds(5)));
  auto got = sink.messages().at(0);
  EXPECT_EQ(got.mail_from, "tafel@nethegem.example");
  EXPECT_EQ(got.rcpt_to, std::vector<std::string>{"secretaris@cpas.example"});
  EXPECT_EQ(header(got.data, "To"), "secretaris@cpas.example");
  EXPECT_EQ(header(got.data, "Message-ID"), "<notification-7-1@nethegem.example>");
  // The subject as RFC 2047 encoded words: decoded, the UTF-8 text comes back.
  std::string subject = header(got.data, "Subject");
  ASSERT_TRUE(subject.starts_with("=?UTF-8?B?")) << subject;
  std::string decoded;
  for (std::size_t at = 0; (at = subject.find("=?UTF-8?B?", at)) != std::string::npos;) {
    auto end = subject.find("?=", at + 10);
    decoded += base64_decode(subject.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  EXPECT_EQ(decoded, m.subject);
  EXPECT_EQ(part(got.data, "text/plain"), "Nouvelle réunion.\r\n\r\nOù\u00a0: Stadhuis\r\n.leading dot\r\n");
  std::string ics = part(got.data, "text/calendar; charset=UTF-8; method=REQUEST");
  EXPECT_EQ(ics, m.ics);
  std::string unfolded = ics;
  for (auto at = unfolded.find("\r\n "); at != std::string::npos; at = unfolded.find("\r\n ", at)) unfolded.erase(at, 3);
  EXPECT_NE(unfolded.find("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:secretaris@cpas.example\r\n"),
            std::string::npos);
  EXPECT_NE(got.data.find("Content-Disposition: attachment; filename=\"invite.ics\""), std::string::npos);
}

TEST_F(SmtpMailerTest, AClosedPortIsATemporaryFailureWithoutTheAddress) {
  auto mailer = mailer_for(closed_url());
  ASSERT_TRUE(mailer);
  auto sent = mailer->send(invitation());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "mail_unavailable");
  EXPECT_EQ(sent.error().message.find("cpas.example"), std::string::npos) << sent.error().message;
}

TEST_F(SmtpMailerTest, ARefusedRecipientIsAFinalFailure) {
  ASSERT_TRUE(sink.start(SmtpSinkProcess::Refuse::recipients));
  auto mailer = mailer_for(sink.url());
  ASSERT_TRUE(mailer);
  auto sent = mailer->send(invitation());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "mail_rejected") << sent.error().message;
  EXPECT_NE(sent.error().message.find("550"), std::string::npos) << sent.error().message;
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpMailerTest, ARefusedMessageIsAFinalFailure) {
  ASSERT_TRUE(sink.start(SmtpSinkProcess::Refuse::data));
  auto mailer = mailer_for(sink.url());
  ASSERT_TRUE(mailer);
  auto sent = mailer->send(invitation());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, "mail_rejected") << sent.error().message;
  EXPECT_NE(sent.error().message.find("550"), std::string::npos) << sent.error().message;
  EXPECT_EQ(sent.error().message.find("cpas.example"), std::string::npos) << sent.error().message;
}

TEST_F(SmtpMailerTest, RefusesABadUrlOrSenderAndHeaderInjection) {
  mail::SmtpSettings s;
  s.url = "http://mail.example";
  s.from = "tafel@example.be";
  EXPECT_EQ(mail::SmtpMailer::create(s).error().code, "invalid_config");
  s.url = "smtp+starttls://mail.example:587";
  EXPECT_TRUE(mail::SmtpMailer::create(s));
  s.from = "tafel@example.be\r\nBcc: x@y.z";
  EXPECT_EQ(mail::SmtpMailer::create(s).error().code, "invalid_config");
  MailMessage m = invitation();
  m.to = "a@b.example\r\nBcc: x@y.z";
  EXPECT_FALSE(mail::mime_message(m, "tafel@example.be", 0));
  m.to = "a@b.example";
  m.subject = "Hallo\r\nBcc: x@y.z";
  auto mime = mail::mime_message(m, "tafel@example.be", 0);
  ASSERT_TRUE(mime);
  EXPECT_EQ(mime->find("\r\nBcc:"), std::string::npos);
}

// Issue 11, point 17: a password never crosses the network in clear.
TEST_F(SmtpMailerTest, CredentialsOverPlainSmtpAreRefusedUnlessExplicitlyAllowed) {
  mail::SmtpSettings s;
  s.from = "tafel@example.be";
  s.username = "tafel";
  s.password = "secret";
  s.url = "smtp://mail.example:25";
  auto refused = mail::SmtpMailer::create(s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "invalid_config");
  EXPECT_NE(refused.error().message.find("allow_plaintext_auth"), std::string::npos) << refused.error().message;
  EXPECT_EQ(refused.error().message.find("secret"), std::string::npos);
  s.url = "smtps://mail.example";
  EXPECT_TRUE(mail::SmtpMailer::create(s));
  s.url = "smtp+starttls://mail.example:587";
  EXPECT_TRUE(mail::SmtpMailer::create(s));
  s.url = "smtp://127.0.0.1:25";
  s.allow_plaintext_auth = true;
  EXPECT_TRUE(mail::SmtpMailer::create(s));
  s.username.clear();
  s.allow_plaintext_auth = false;
  EXPECT_TRUE(mail::SmtpMailer::create(s)) << "no credentials: plain smtp:// stays allowed";
}

TEST_F(SmtpMailerTest, MimeIsDatedAndWrappedAt76Characters) {
  MailMessage m = invitation();
  m.text = std::string(500, 'x');
  m.ics.clear();
  auto mime = mail::mime_message(m, "tafel@example.be", 1'770'746'400'000'000);
  ASSERT_TRUE(mime);
  EXPECT_TRUE(mime->starts_with("Date: Tue, 10 Feb 2026 18:00:00 +0000\r\n")) << *mime;
  EXPECT_EQ(mime->find("multipart"), std::string::npos) << "without an invitation, one plain part";
  std::size_t start = 0;
  while (start < mime->size()) {
    auto end = mime->find("\r\n", start);
    if (end == std::string::npos) break;
    EXPECT_LE(end - start, 998u);
    if (start > mime->find("\r\n\r\n")) {
      EXPECT_LE(end - start, 76u);
    }
    start = end + 2;
  }
}

TEST(InvitationIcs, FoldsLongLinesWithoutSplittingCharactersAndEscapesText) {
  app::notify::IcsEvent e;
  e.uid = "table-1-meeting-2@tafel";
  e.recurrence_id_us = 1'770'746'400'000'000;
  e.starts_at_us = 1'770'746'400'000'000;
  e.ends_at_us = e.starts_at_us + 3'600'000'000;
  e.summary = "Overleg; stationsbuurt, Oosterveld";
  e.description = std::string(40, 'a') + "ééééééééééééééééééééééééééééééééééééé\nregel twee";
  e.cancelled = true;
  std::string ics = app::notify::invitation_ics(e, e.starts_at_us);
  EXPECT_NE(ics.find("METHOD:CANCEL\r\n"), std::string::npos);
  EXPECT_NE(ics.find("RECURRENCE-ID:20260210T180000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Overleg\\; stationsbuurt\\, Oosterveld\r\n"), std::string::npos);
  std::size_t start = 0;
  std::string unfolded;
  while (start < ics.size()) {
    auto end = ics.find("\r\n", start);
    std::string line = ics.substr(start, end - start);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_NE(static_cast<unsigned char>(line.empty() ? 'x' : line[0]) & 0xC0, 0x80u) << "a line starts inside a character";
    unfolded += line.starts_with(" ") ? line.substr(1) : (unfolded.empty() ? "" : "\n") + line;
    start = end + 2;
  }
  EXPECT_NE(unfolded.find("DESCRIPTION:" + e.description.substr(0, e.description.find('\n')) + "\\nregel twee"),
            std::string::npos)
      << unfolded;
}

class SmtpDeliveryTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void TearDown() override { EXPECT_TRUE(sink.stop()); }

  SmtpSinkProcess sink;
};

TEST_P(SmtpDeliveryTest, TheServiceSendsThroughSmtpAndRetriesWhenTheServerIsDown) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  test_support::NotifyWorld w(std::move(*db), false);
  // The same world, but with a notification service that sends through SMTP.
  auto down = mailer_for(closed_url());
  app::notify::NotificationService notify(w.store, w.users, w.table_store, w.calendar, down.get(), w.clock,
                                          test_support::translate_notify, test_support::NotifyWorld::settings());
  w.tables.set_events(&notify);
  w.plan("2026-02-10T19:00");

  auto report = notify.deliver_pending(10);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->retried, 2);
  auto n = w.inbox(w.delegate_id).at(0);
  EXPECT_EQ(n.mail_state, app::notify::MailState::pending);
  EXPECT_EQ(n.attempts, 1);
  EXPECT_GT(n.next_attempt_at_us, w.clock.now().time_since_epoch().count());
  EXPECT_TRUE(n.last_error.starts_with("mail_unavailable: ")) << n.last_error;

  // The server is back: after the backoff the mail goes out.
  ASSERT_TRUE(sink.start());
  auto up = mailer_for(sink.url());
  app::notify::NotificationService later(w.store, w.users, w.table_store, w.calendar, up.get(), w.clock,
                                         test_support::translate_notify, test_support::NotifyWorld::settings());
  EXPECT_EQ(later.deliver_pending(10)->sent, 0) << "not before the backoff";
  w.clock.advance(std::chrono::minutes(1));
  auto sent = later.deliver_pending(10);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->sent, 2);
  ASSERT_TRUE(sink.wait_for(2, std::chrono::seconds(5)));
  for (const auto& m : sink.messages()) {
    EXPECT_NE(m.data.find("method=REQUEST"), std::string::npos);
    EXPECT_EQ(m.data.find("Peeters"), std::string::npos);
  }
}

TEST_P(SmtpDeliveryTest, TheWorkerRunsAtOnceAndStopsPromptly) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  test_support::NotifyWorld w(std::move(*db));
  w.plan("2026-02-10T19:00");
  std::mutex mutex;
  std::condition_variable ran;
  int runs = 0;
  auto started = std::chrono::steady_clock::now();
  {
    app::notify::NotificationWorker worker(w.notify, w.clock, std::chrono::hours(1),
                                           [&](const Result<app::notify::RunReport>& r) {
                                             EXPECT_TRUE(r);
                                             std::lock_guard lock(mutex);
                                             ++runs;
                                             ran.notify_all();
                                           });
    std::unique_lock lock(mutex);
    ASSERT_TRUE(ran.wait_for(lock, std::chrono::seconds(10), [&] { return runs == 1; }));
  }  // the destructor stops it without waiting for the hour
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(w.mailer.sent().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, SmtpDeliveryTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
