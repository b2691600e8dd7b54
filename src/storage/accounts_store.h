#pragma once
// SqlAccountStore: app::accounts::AccountStore on the tafel database (tables of
// migration 0003_accounts), for SQLite and PostgreSQL alike. SqlSecurityLog: the
// security_events table behind app::accounts::SecurityLog.
//
// Thread-safety: thread-safe (each call borrows its own pooled session). Atomic
// steps the service relies on — claiming a TOTP step, consuming a recovery code —
// are single conditional UPDATEs, so two concurrent requests cannot both succeed.

#include "app/accounts/account_store.h"
#include "app/accounts/security_log.h"
#include "app/clock.h"
#include "storage/database.h"
#include "storage/secret_sealer.h"

namespace tafel::storage {

class SqlAccountStore final : public app::accounts::AccountStore {
 public:
  // `database` (migrated) and `clock` must outlive the store.
  SqlAccountStore(Database& database, const app::Clock& clock) : db_(database), clock_(clock) {}

  // From now on TOTP secrets are stored sealed with `sealer` (docs/accounts.md); a
  // secret still stored in plain hex is sealed the first time it is read. Without a
  // sealer (tests) secrets are stored in plain hex. Call before serving requests.
  void seal_secrets_with(SecretSealer sealer) { sealer_ = std::move(sealer); }

  Result<access::UserId> create_user(const access::User& user, const std::string& password_hash) override;
  Result<std::optional<access::User>> find_user(access::UserId id) override;
  Result<std::optional<access::User>> find_user_by_email(const std::string& normalised_email) override;
  Result<std::vector<access::User>> list_users(access::OrganisationId organisation) override;
  Result<void> update_user(const access::User& user) override;
  Result<std::string> password_hash(access::UserId id) override;
  Result<void> set_password_hash(access::UserId id, const std::string& hash) override;
  Result<app::accounts::TotpState> totp(access::UserId id) override;
  Result<void> set_pending_totp(access::UserId id, const std::vector<std::uint8_t>& secret) override;
  Result<void> confirm_totp(access::UserId id) override;
  Result<void> clear_totp(access::UserId id) override;
  Result<bool> claim_totp_step(access::UserId id, std::int64_t step) override;
  Result<void> replace_recovery_codes(access::UserId id, const std::vector<std::string>& digests) override;
  Result<bool> consume_recovery_code(access::UserId id, const std::string& digest) override;
  Result<int> unused_recovery_codes(access::UserId id) override;
  Result<void> create_session(const app::accounts::Session& session) override;
  Result<std::optional<app::accounts::Session>> find_session(const std::string& id_digest) override;
  Result<void> touch_session(const std::string& id_digest, access::Micros at) override;
  Result<void> delete_session(const std::string& id_digest) override;
  Result<void> delete_sessions_of(access::UserId id, const std::string& keep) override;
  Result<void> end_credentials_of(access::UserId id, const std::string& keep) override;
  Result<access::ThrottleState> throttle(const std::string& key) override;
  Result<void> save_throttle(const std::string& key, const access::ThrottleState& state) override;
  Result<std::int64_t> create_api_token(const app::accounts::ApiToken& token) override;
  Result<std::optional<app::accounts::ApiToken>> find_api_token(const std::string& digest) override;
  Result<std::vector<app::accounts::ApiToken>> list_api_tokens(access::UserId id) override;
  Result<void> revoke_api_token(access::UserId id, std::int64_t token_id) override;
  Result<void> touch_api_token(std::int64_t token_id, access::Micros at) override;
  // The one row of credentials_generation (migration 0019).
  Result<std::int64_t> credentials_generation() override;

 private:
  Result<std::vector<access::User>> users_where(const std::string& condition, const std::string& text_value,
                                                long long int_value);
  Database& db_;
  const app::Clock& clock_;
  std::optional<SecretSealer> sealer_;
};

class SqlSecurityLog final : public app::accounts::SecurityLog {
 public:
  explicit SqlSecurityLog(Database& database) : db_(database) {}
  Result<void> record(const app::accounts::SecurityEvent& event) override;
  Result<std::vector<app::accounts::SecurityEvent>> recent(std::optional<access::OrganisationId> organisation,
                                                           int limit) override;

 private:
  Database& db_;
};

}  // namespace tafel::storage
