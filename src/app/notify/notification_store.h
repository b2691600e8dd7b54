#pragma once
// The store port of notifications (SQL: storage/notification_store.h, migration
// 0009). Several servers may share one database: the mail queue is claimed row by
// row with a guarded update, so one notification is handed to one sender at a time.

#include <cstdint>
#include <optional>
#include <vector>

#include "app/notify/notification.h"
#include "core/result.h"

namespace tafel::app::notify {

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // Stores `n` (its id is ignored) and returns the new id; nullopt, and nothing
  // stored, when `n.once_key` is not empty and this user already has a
  // notification with that key.
  virtual Result<std::optional<std::int64_t>> add(const Notification& n) = 0;

  // The user's notifications, unread first, then newest first; at most `limit`.
  virtual Result<std::vector<Notification>> inbox(access::UserId user, std::size_t limit) = 0;
  // How many of the user's notifications are unread (one COUNT query).
  virtual Result<std::int64_t> unread_count(access::UserId user) = 0;
  // Marks one of the user's notifications read at `at_us` (an already read one keeps
  // its time); false when the user has no notification `id`.
  virtual Result<bool> mark_read(access::UserId user, std::int64_t id, std::int64_t at_us) = 0;
  // Marks every unread notification of the user read; returns how many.
  virtual Result<std::int64_t> mark_all_read(access::UserId user, std::int64_t at_us) = 0;

  // Claims up to `limit` mails that are due at `now_us` (pending with
  // next_attempt_at <= now, or sending with a claim that expired before now): each
  // becomes "sending" until `claim_until_us` with one more attempt, and is returned
  // only to the caller whose update took it.
  virtual Result<std::vector<Notification>> claim_due_mail(std::int64_t now_us, std::int64_t claim_until_us,
                                                           std::size_t limit) = 0;
  // Ends a claimed mail: sent; back to pending at `next_attempt_us` with `error`;
  // or failed for good with `error`.
  virtual Result<void> mail_sent(std::int64_t id) = 0;
  virtual Result<void> mail_retry(std::int64_t id, const std::string& error, std::int64_t next_attempt_us) = 0;
  virtual Result<void> mail_failed(std::int64_t id, const std::string& error) = 0;

  // One notification by id (any user), or nullopt. For the mail worker and tests.
  virtual Result<std::optional<Notification>> find(std::int64_t id) = 0;
};

}  // namespace tafel::app::notify
