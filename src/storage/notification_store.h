#pragma once
// NotificationStore on SQL (SQLite or PostgreSQL, migration 0009). The mail queue is
// claimed with one guarded UPDATE per row ("... WHERE id = :id AND mail_state =
// 'pending' AND next_attempt_at <= :now"), so when several servers claim at once
// each row goes to exactly one of them.

#include "app/notify/notification_store.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlNotificationStore final : public app::notify::NotificationStore {
 public:
  // `database` (migrated) must outlive the store.
  explicit SqlNotificationStore(Database& database) : db_(database) {}

  Result<std::optional<std::int64_t>> add(const app::notify::Notification& n) override;
  Result<std::vector<app::notify::Notification>> inbox(access::UserId user, std::size_t limit) override;
  Result<std::int64_t> unread_count(access::UserId user) override;
  Result<bool> mark_read(access::UserId user, std::int64_t id, std::int64_t at_us) override;
  Result<std::int64_t> mark_all_read(access::UserId user, std::int64_t at_us) override;
  Result<std::vector<app::notify::Notification>> claim_due_mail(std::int64_t now_us, std::int64_t claim_until_us,
                                                                std::size_t limit) override;
  Result<void> mail_sent(std::int64_t id) override;
  Result<void> mail_retry(std::int64_t id, const std::string& error, std::int64_t next_attempt_us) override;
  Result<void> mail_failed(std::int64_t id, const std::string& error) override;
  Result<std::optional<app::notify::Notification>> find(std::int64_t id) override;

 private:
  // Ends a claim: the new state and error, and the next attempt's time when retrying.
  Result<void> finish(std::int64_t id, const char* state, const std::string& error,
                      std::optional<std::int64_t> next_attempt_us);

  Database& db_;
};

}  // namespace tafel::storage
