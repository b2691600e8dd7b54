#pragma once
// Notifications of consultation tables (issue 6, point 2): invitations, changes,
// cancellations and reminders, in the in-app inbox and, when mail is configured,
// by e-mail with an iCalendar part.
//
// The service observes TableService (app/tables/meeting_events.h): every delegate of
// the table except the person who made the change gets one notification, rendered in
// their language (the user's language, "nl" when unknown), and, when a mailer is
// configured and the user is active with an address, a queued mail. Nothing about
// persons in cases goes into a notification: only the table's name, the meeting's
// time and venue, agenda item titles and a link.
//
// The mail queue and the reminders live in the database (NotificationStore), so any
// server sharing it may run deliver_pending() and queue_due_reminders(): claims are
// guarded, reminders unique per (user, meeting, start). Failures while observing a
// table change are logged through `FailureLog` and never fail the change.
//
// Error codes of the inbox calls: "not_authenticated", "second_factor_required"
// (authorize), "not_found", and the store's errors.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/accounts/account_store.h"
#include "app/clock.h"
#include "app/notify/mailer.h"
#include "app/notify/notification_store.h"
#include "app/tables/calendar.h"
#include "app/tables/meeting_events.h"
#include "app/tables/table_store.h"
#include "core/access/policy.h"

namespace tafel::app::notify {

// A named argument of a message text (numbers select plural forms).
struct TextArg {
  std::string name;
  std::variant<std::string, std::int64_t> value;
};
// Translates message `key` of the "notify" catalog domain into `lang`
// (i18n::Catalog in the running server).
using Translate = std::function<std::string(std::string_view lang, std::string_view key, const std::vector<TextArg>&)>;
// Records a failure without personal data: what was being done and the error code.
using FailureLog = std::function<void(std::string_view what, const Error& error)>;

struct NotifySettings {
  // Prepended to links in mails ("https://tafel.example.be"); empty: the path only.
  std::string public_url;
  // The sender, also the ORGANIZER of invitations.
  std::string from = "tafel@localhost";
  // Attempts per mail before it is given up ("failed").
  int max_attempts = 6;
  // How long a claimed mail stays with its sender before another may take it.
  std::chrono::seconds claim_duration{300};
  // Reminders go out for meetings starting within this window.
  std::chrono::hours reminder_window{48};
};

// A given consent that ends soon, as the consent registry reports it: numbers only.
struct ExpiringConsent {
  std::int64_t consent_id = 0;
  std::int64_t case_id = 0;
  std::int64_t table_id = 0;   // the case's table (the notification belongs there)
  access::UserId recorder = 0;  // who recorded it: the reminder goes to them
  std::int64_t valid_until_us = 0;
};
// The given consents the registry marks as ending soon (ConsentService::expiring()).
using ExpiringConsents = std::function<Result<std::vector<ExpiringConsent>>()>;

// What one deliver_pending() run did.
struct DeliveryReport {
  int sent = 0;
  int retried = 0;  // failed, back in the queue with a later attempt
  int failed = 0;   // given up
  int skipped = 0;  // the user has no address any more or was deactivated
};

class NotificationService final : public tables::MeetingEvents {
 public:
  // `mailer` may be null: in-app only, every notification gets mail_state none.
  // Every reference must outlive the service.
  NotificationService(NotificationStore& store, accounts::AccountStore& users, tables::TableStore& tables,
                      const tables::Calendar& calendar, Mailer* mailer, const Clock& clock, Translate translate,
                      NotifySettings settings, FailureLog log = {});

  // One notification per delegate of `table` but `by` about `meeting` (kind
  // invitation, moved or cancelled) or about the series `series_id` (kind series,
  // `meeting` its first coming occurrence). A meeting that has already started is
  // not announced. Returns how many notifications were stored.
  Result<int> notify_meeting_event(NotificationKind kind, const tafel::tables::Table& table,
                                   const tafel::tables::Meeting& meeting, access::UserId by,
                                   std::int64_t series_id = 0);

  // Sends up to `limit` due mails through the mailer, each claimed first. A failed
  // attempt is retried after a growing delay (1, 5, 15, 60, 240 minutes...) until
  // settings.max_attempts; a refusal by the server ("mail_rejected") is final.
  Result<DeliveryReport> deliver_pending(std::size_t limit);

  // Queues one reminder per delegate for every planned meeting starting within the
  // reminder window after `now`, and one to the recorder of every given consent the
  // registry marks as ending soon (when set_expiring_consents was called), once per
  // consent and end date;
  // idempotent (a second run queues nothing new). Returns how many were queued.
  Result<int> queue_due_reminders(Instant now);
  // Where consent reminders come from (the consent registry). `source` is kept.
  void set_expiring_consents(ExpiringConsents source) { expiring_consents_ = std::move(source); }

  // One notice to `user` that belongs to no table (kind index_match, issue 15): the
  // subject and body are messages `key` + ".subject" and ".body" in the user's
  // language with `args`; queued for mail like the others. Once per (user,
  // `once_key`). Returns whether it was stored (false: the user is unknown or
  // inactive, or already has `once_key`). The caller puts no personal data in `args`.
  Result<bool> notify_user(access::UserId user, NotificationKind kind, std::string_view key,
                           const std::vector<TextArg>& args, std::string link, std::string once_key);

  // The caller's inbox (unread first, newest first), unread count, and marking read.
  Result<std::vector<Notification>> inbox(const access::Principal& who, std::size_t limit = 100);
  Result<std::int64_t> unread_count(const access::Principal& who);
  Result<void> mark_read(const access::Principal& who, std::int64_t id);
  Result<std::int64_t> mark_all_read(const access::Principal& who);

  // A UTC instant as local (Europe/Brussels) date and time in words, in `lang`:
  // "maandag 2 maart 2026 om 19:00".
  std::string when_text(std::string_view lang, std::int64_t utc_us) const;

  bool mail_enabled() const { return mailer_ != nullptr; }

  // MeetingEvents: notify_meeting_event with failures logged, never thrown.
  void on_meeting_planned(const tafel::tables::Table& table, const tafel::tables::Meeting& meeting,
                          access::UserId by) override;
  void on_meeting_moved(const tafel::tables::Table& table, const tafel::tables::Meeting& meeting,
                        access::UserId by) override;
  void on_meeting_cancelled(const tafel::tables::Table& table, const tafel::tables::Meeting& meeting,
                            access::UserId by) override;
  void on_series_added(const tafel::tables::Table& table, const tafel::tables::Series& series,
                       access::UserId by) override;

 private:
  struct Recipient {
    access::UserId id = 0;
    std::string language;
    bool mail = false;  // active, has an address, mail configured
  };
  Result<std::optional<Recipient>> recipient(access::UserId id);
  Notification compose(NotificationKind kind, const tafel::tables::Table& table,
                       const tafel::tables::Meeting& meeting, const std::string& lang, int series_count) const;
  std::string text(std::string_view lang, std::string_view key, const std::vector<TextArg>& args = {}) const;
  void guarded(std::string_view what, const std::function<Result<int>()>& work) const;
  std::int64_t now_us() const;
  Result<int> queue_consent_reminders(std::map<access::UserId, std::optional<Recipient>>& recipients);

  NotificationStore& store_;
  accounts::AccountStore& users_;
  tables::TableStore& tables_;
  const tables::Calendar& calendar_;
  Mailer* mailer_;
  const Clock& clock_;
  Translate translate_;
  NotifySettings settings_;
  ExpiringConsents expiring_consents_;
  FailureLog log_;
};

// The delay before attempt `attempts` + 1 of a mail that failed `attempts` times.
std::chrono::seconds retry_delay(int attempts);

}  // namespace tafel::app::notify
