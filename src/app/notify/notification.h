#pragma once
// A notification for one user about one event at a consultation table: what the
// in-app inbox shows and, when mail is configured, one queued e-mail.
//
// Its texts are rendered in the recipient's language when it is created and hold
// no personal data about persons in cases: the table's name, the meeting's time and
// venue, agenda item titles (free of personal data by rule) and a link.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/access/user.h"

namespace tafel::app::notify {

// index_match: a match notice of the reference index (issue 15); it belongs to no table.
enum class NotificationKind : std::uint8_t { invitation, moved, cancelled, series, reminder, index_match };
std::string_view name_of(NotificationKind kind);
std::optional<NotificationKind> parse_notification_kind(std::string_view text);

// none: in-app only; pending: queued; sending: claimed by a sender; sent; failed: given up.
enum class MailState : std::uint8_t { none, pending, sending, sent, failed };
std::string_view name_of(MailState state);
std::optional<MailState> parse_mail_state(std::string_view text);

struct Notification {
  std::int64_t id = 0;
  access::UserId user = 0;
  NotificationKind kind = NotificationKind::invitation;
  std::int64_t table_id = 0;    // 0 (NULL) for index_match
  std::int64_t meeting_id = 0;  // 0 for a series
  std::string once_key;         // unique per user when not empty (see NotificationStore::add)
  std::string subject;          // one line
  std::string body;             // plain text, lines separated by "\n"
  std::string link;             // local path of the meeting or table page
  std::string ics;              // the iCalendar invitation or cancellation, or empty
  std::string ics_method;       // "REQUEST" or "CANCEL" with ics
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> read_at_us;
  MailState mail_state = MailState::none;
  int attempts = 0;
  std::string last_error;  // code and generic reason of the last failed attempt
  std::int64_t next_attempt_at_us = 0;
};

}  // namespace tafel::app::notify
