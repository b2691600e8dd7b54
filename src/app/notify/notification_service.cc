#include "app/notify/notification_service.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "app/notify/invitation_ics.h"

namespace tafel::app::notify {

using namespace tafel::tables;

namespace {

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// 1 = Monday ... 7 = Sunday, for a proleptic Gregorian date.
int weekday_of(int y, int m, int d) {
  using namespace std::chrono;
  weekday wd{sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}};
  return static_cast<int>(wd.iso_encoding());
}

// The domain part of the sender, for Message-IDs.
std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  std::string domain = at == std::string::npos ? std::string() : address.substr(at + 1);
  std::erase_if(domain, [](char c) { return c == '>' || c == ' '; });
  return domain.empty() ? "tafel.invalid" : domain;
}

}  // namespace

std::chrono::seconds retry_delay(int attempts) {
  using namespace std::chrono;
  static constexpr minutes kDelays[] = {minutes{1}, minutes{5}, minutes{15}, minutes{60}, minutes{240}};
  std::size_t i = static_cast<std::size_t>(std::clamp(attempts, 1, 5) - 1);
  return kDelays[i];
}

NotificationService::NotificationService(NotificationStore& store, accounts::AccountStore& users,
                                         tables::TableStore& tables, const tables::Calendar& calendar, Mailer* mailer,
                                         const Clock& clock, Translate translate, NotifySettings settings,
                                         FailureLog log)
    : store_(store),
      users_(users),
      tables_(tables),
      calendar_(calendar),
      mailer_(mailer),
      clock_(clock),
      translate_(std::move(translate)),
      settings_(std::move(settings)),
      log_(std::move(log)) {}

std::int64_t NotificationService::now_us() const { return clock_.now().time_since_epoch().count(); }

std::string NotificationService::text(std::string_view lang, std::string_view key,
                                      const std::vector<TextArg>& args) const {
  return translate_(lang, key, args);
}

namespace {

std::vector<TextArg> when_args(const LocalTime& t) {
  return {{"day", std::to_string(t.day)},         {"year", std::to_string(t.year)},
          {"hour", std::to_string(t.hour)},       {"minute", two_digits(t.minute)}};
}

}  // namespace

std::string NotificationService::when_text(std::string_view lang, std::int64_t utc_us) const {
  LocalTime t = calendar_.to_local(utc_us);
  std::vector<TextArg> args = when_args(t);
  args.push_back({"weekday", text(lang, "notify.weekday." + std::to_string(weekday_of(t.year, t.month, t.day)))});
  args.push_back({"month", text(lang, "notify.month." + std::to_string(t.month))});
  return text(lang, "notify.when", args);
}

Result<std::optional<NotificationService::Recipient>> NotificationService::recipient(access::UserId id) {
  auto user = users_.find_user(id);
  if (!user) return tl::unexpected(user.error());
  if (!*user || !(*user)->active) return std::optional<Recipient>{};
  const access::User& u = **user;
  return std::optional<Recipient>(Recipient{u.id, u.language.empty() ? "nl" : u.language,
                                            mailer_ != nullptr && !u.email.empty()});
}

Notification NotificationService::compose(NotificationKind kind, const Table& table, const Meeting& meeting,
                                          const std::string& lang, int series_count) const {
  Notification n;
  n.kind = kind;
  n.table_id = table.id;
  n.meeting_id = kind == NotificationKind::series ? 0 : meeting.id;
  n.link = "/tables/" + std::to_string(table.id);
  if (kind != NotificationKind::series) n.link += "/meetings/" + std::to_string(meeting.id);
  const std::string url = settings_.public_url + n.link;
  const std::string when = when_text(lang, meeting.starts_at_us);
  const std::string kind_name(name_of(kind));
  n.subject = text(lang, "notify.subject." + kind_name, {{"table", table.name}, {"when", when}});

  std::string body = text(lang, "notify.body." + kind_name,
                          {{"table", table.name}, {"when", when}, {"count", std::int64_t{series_count}}});
  body += "\n\n";
  if (kind != NotificationKind::cancelled) {
    body += text(lang, kind == NotificationKind::series ? "notify.detail.first" : "notify.detail.when",
                 {{"when", when}}) + "\n";
    if (!meeting.venue.empty()) body += text(lang, "notify.detail.venue", {{"venue", meeting.venue}}) + "\n";
    if (!meeting.video_link.empty()) body += text(lang, "notify.detail.video", {{"link", meeting.video_link}}) + "\n";
    if (kind == NotificationKind::reminder && !meeting.agenda.empty()) {
      body += "\n" + text(lang, "notify.detail.agenda") + "\n";
      for (const auto& item : meeting.agenda) body += "- " + item.title + "\n";
    }
    body += "\n";
  }
  body += text(lang, "notify.detail.link", {{"url", url}}) + "\n\n";
  body += text(lang, "notify.footer");
  n.body = std::move(body);

  if (kind == NotificationKind::invitation || kind == NotificationKind::moved ||
      kind == NotificationKind::cancelled) {
    IcsEvent e;
    const std::string prefix = "table-" + std::to_string(table.id);
    if (meeting.series_id != 0) {
      e.uid = prefix + "-series-" + std::to_string(meeting.series_id) + "@tafel";
      if (auto original = calendar_.to_utc(meeting.original_start)) e.recurrence_id_us = *original;
    } else {
      e.uid = prefix + "-meeting-" + std::to_string(meeting.id) + "@tafel";
    }
    e.sequence = table.version;
    e.starts_at_us = meeting.starts_at_us;
    e.ends_at_us = meeting.ends_at_us;
    e.summary = table.name;
    e.location = meeting.venue;
    e.url = meeting.video_link;
    e.description = text(lang, "notify.detail.link", {{"url", url}});
    e.cancelled = kind == NotificationKind::cancelled;
    n.ics = invitation_ics(e, now_us());
    n.ics_method = e.cancelled ? "CANCEL" : "REQUEST";
  }
  return n;
}

Result<int> NotificationService::notify_meeting_event(NotificationKind kind, const Table& table,
                                                      const Meeting& meeting, access::UserId by,
                                                      std::int64_t series_id) {
  const std::int64_t now = now_us();
  if (meeting.starts_at_us <= now) return 0;  // nobody needs to hear about the past
  int series_count = 0;
  if (kind == NotificationKind::series) {
    series_count = static_cast<int>(std::count_if(table.meetings.begin(), table.meetings.end(), [&](const Meeting& m) {
      return m.series_id == series_id && m.status == MeetingStatus::planned && m.starts_at_us > now;
    }));
  }
  int stored = 0;
  for (const Delegate& d : table.delegates) {
    if (d.user == by) continue;
    auto r = recipient(d.user);
    if (!r) return tl::unexpected(r.error());
    if (!*r) continue;
    Notification n = compose(kind, table, meeting, (*r)->language, series_count);
    n.user = d.user;
    n.created_at_us = now;
    n.next_attempt_at_us = now;
    n.mail_state = (*r)->mail ? MailState::pending : MailState::none;
    auto added = store_.add(n);
    if (!added) return tl::unexpected(added.error());
    if (*added) ++stored;
  }
  return stored;
}

Result<DeliveryReport> NotificationService::deliver_pending(std::size_t limit) {
  DeliveryReport report;
  if (mailer_ == nullptr) return report;
  const std::int64_t now = now_us();
  const std::int64_t claim_until =
      now + std::chrono::duration_cast<std::chrono::microseconds>(settings_.claim_duration).count();
  auto claimed = store_.claim_due_mail(now, claim_until, limit);
  if (!claimed) return tl::unexpected(claimed.error());
  for (const Notification& n : *claimed) {
    auto user = users_.find_user(n.user);
    if (!user) return tl::unexpected(user.error());
    if (!*user || !(*user)->active || (*user)->email.empty()) {
      if (auto ok = store_.mail_failed(n.id, "no_recipient: the user has no active address"); !ok) return tl::unexpected(ok.error());
      ++report.skipped;
      continue;
    }
    MailMessage m;
    m.to = (*user)->email;
    m.subject = n.subject;
    m.text = n.body;
    if (!n.ics.empty()) {
      m.ics = with_participants(n.ics, settings_.from, m.to);
      m.ics_method = n.ics_method;
    }
    m.message_id = "<notification-" + std::to_string(n.id) + "-" + std::to_string(n.created_at_us) + "@" +
                   domain_of(settings_.from) + ">";
    auto sent = mailer_->send(m);
    Result<void> recorded;
    if (sent) {
      recorded = store_.mail_sent(n.id);
      ++report.sent;
    } else {
      std::string error = sent.error().code + ": " + sent.error().message;
      if (sent.error().code == "mail_rejected" || n.attempts >= settings_.max_attempts) {
        recorded = store_.mail_failed(n.id, error);
        ++report.failed;
      } else {
        auto next = now + std::chrono::duration_cast<std::chrono::microseconds>(retry_delay(n.attempts)).count();
        recorded = store_.mail_retry(n.id, error, next);
        ++report.retried;
      }
      if (log_) log_("notification_mail", sent.error());
    }
    if (!recorded) return tl::unexpected(recorded.error());
  }
  return report;
}

Result<int> NotificationService::queue_due_reminders(Instant now) {
  const std::int64_t from = now.time_since_epoch().count();
  const std::int64_t until =
      from + std::chrono::duration_cast<std::chrono::microseconds>(settings_.reminder_window).count();
  // Only the planned meetings in the window, with their tables' heads (ADR 0021).
  tafel::tables::TableParts parts;
  parts.meetings = tafel::tables::TableParts::Meetings::planned_between;
  parts.from_us = from;
  parts.until_us = until;
  auto all = tables_.with_parts(std::nullopt, parts);
  if (!all) return tl::unexpected(all.error());
  std::map<access::UserId, std::optional<Recipient>> recipients;
  int queued = 0;
  for (const Table& table : *all) {
    for (const Meeting& m : table.meetings) {
      if (m.status != MeetingStatus::planned || m.starts_at_us <= from || m.starts_at_us > until) continue;
      for (const Delegate& d : table.delegates) {
        auto known = recipients.find(d.user);
        if (known == recipients.end()) {
          auto r = recipient(d.user);
          if (!r) return tl::unexpected(r.error());
          known = recipients.emplace(d.user, *r).first;
        }
        if (!known->second) continue;
        Notification n = compose(NotificationKind::reminder, table, m, known->second->language, 0);
        n.user = d.user;
        n.once_key = "reminder:" + std::to_string(table.id) + ":" + std::to_string(m.id) + ":" +
                     std::to_string(m.starts_at_us);
        n.created_at_us = now_us();
        n.next_attempt_at_us = n.created_at_us;
        n.mail_state = known->second->mail ? MailState::pending : MailState::none;
        auto added = store_.add(n);
        if (!added) return tl::unexpected(added.error());
        if (*added) ++queued;
      }
    }
  }
  auto consents = queue_consent_reminders(recipients);
  if (!consents) return tl::unexpected(consents.error());
  return queued + *consents;
}

Result<std::vector<Notification>> NotificationService::inbox(const access::Principal& who, std::size_t limit) {
  if (auto ok = authorize(who, access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  return store_.inbox(who.user_id, limit);
}

Result<std::int64_t> NotificationService::unread_count(const access::Principal& who) {
  if (auto ok = authorize(who, access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  return store_.unread_count(who.user_id);
}

Result<void> NotificationService::mark_read(const access::Principal& who, std::int64_t id) {
  if (auto ok = authorize(who, access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  auto marked = store_.mark_read(who.user_id, id, now_us());
  if (!marked) return tl::unexpected(marked.error());
  if (!*marked) return fail("not_found", "no such notification");
  return {};
}

Result<std::int64_t> NotificationService::mark_all_read(const access::Principal& who) {
  if (auto ok = authorize(who, access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  return store_.mark_all_read(who.user_id, now_us());
}

// --- MeetingEvents ------------------------------------------------------------

void NotificationService::guarded(std::string_view what, const std::function<Result<int>()>& work) const {
  try {
    auto r = work();
    if (!r && log_) log_(what, r.error());
  } catch (const std::exception&) {
    if (log_) log_(what, Error{"internal", "unexpected exception while notifying"});
  }
}

void NotificationService::on_meeting_planned(const Table& table, const Meeting& meeting, access::UserId by) {
  guarded("notify_meeting_planned",
          [&] { return notify_meeting_event(NotificationKind::invitation, table, meeting, by); });
}

void NotificationService::on_meeting_moved(const Table& table, const Meeting& meeting, access::UserId by) {
  guarded("notify_meeting_moved", [&] { return notify_meeting_event(NotificationKind::moved, table, meeting, by); });
}

void NotificationService::on_meeting_cancelled(const Table& table, const Meeting& meeting, access::UserId by) {
  guarded("notify_meeting_cancelled",
          [&] { return notify_meeting_event(NotificationKind::cancelled, table, meeting, by); });
}

void NotificationService::on_series_added(const Table& table, const Series& series, access::UserId by) {
  guarded("notify_series_added", [&]() -> Result<int> {
    const std::int64_t now = now_us();
    const Meeting* first = nullptr;
    for (const Meeting& m : table.meetings) {  // sorted by start
      if (m.series_id == series.id && m.status == MeetingStatus::planned && m.starts_at_us > now) {
        first = &m;
        break;
      }
    }
    if (first == nullptr) return 0;
    return notify_meeting_event(NotificationKind::series, table, *first, by, series.id);
  });
}

}  // namespace tafel::app::notify
