#pragma once
// In-memory AccountStore and SecurityLog: for use-case tests and the route tests,
// where a database would only add time. Same contracts as the SQL implementations
// (tests/accounts runs the shared contract against both). Thread-safe (one mutex).

#include <map>
#include <mutex>

#include "app/accounts/account_store.h"
#include "app/accounts/security_log.h"

namespace tafel::app::accounts {

class MemoryAccountStore final : public AccountStore {
 public:
  Result<access::UserId> create_user(const access::User& user, const std::string& password_hash) override;
  Result<std::optional<access::User>> find_user(access::UserId id) override;
  Result<std::optional<access::User>> find_user_by_email(const std::string& normalised_email) override;
  Result<std::vector<access::User>> list_users(access::OrganisationId organisation) override;
  Result<void> update_user(const access::User& user) override;
  Result<std::string> password_hash(access::UserId id) override;
  Result<void> set_password_hash(access::UserId id, const std::string& hash) override;
  Result<TotpState> totp(access::UserId id) override;
  Result<void> set_pending_totp(access::UserId id, const std::vector<std::uint8_t>& secret) override;
  Result<void> confirm_totp(access::UserId id) override;
  Result<void> clear_totp(access::UserId id) override;
  Result<bool> claim_totp_step(access::UserId id, std::int64_t step) override;
  Result<void> replace_recovery_codes(access::UserId id, const std::vector<std::string>& digests) override;
  Result<bool> consume_recovery_code(access::UserId id, const std::string& digest) override;
  Result<int> unused_recovery_codes(access::UserId id) override;
  Result<void> create_session(const Session& session) override;
  Result<std::optional<Session>> find_session(const std::string& id_digest) override;
  Result<void> touch_session(const std::string& id_digest, access::Micros at) override;
  Result<void> delete_session(const std::string& id_digest) override;
  Result<void> delete_sessions_of(access::UserId id, const std::string& keep) override;
  // Sessions and API tokens; this store keeps no calendar-feed tokens.
  Result<void> end_credentials_of(access::UserId id, const std::string& keep) override;
  Result<access::ThrottleState> throttle(const std::string& key) override;
  Result<void> save_throttle(const std::string& key, const access::ThrottleState& state) override;
  Result<std::int64_t> create_api_token(const ApiToken& token) override;
  Result<std::optional<ApiToken>> find_api_token(const std::string& digest) override;
  Result<std::vector<ApiToken>> list_api_tokens(access::UserId id) override;
  Result<void> revoke_api_token(access::UserId id, std::int64_t token_id) override;
  Result<void> touch_api_token(std::int64_t token_id, access::Micros at) override;
  Result<std::int64_t> credentials_generation() override;

  // How many sessions exist (for tests of logout and renewal).
  std::size_t session_count() const;

 private:
  struct Account {
    access::User user;
    std::string password_hash;
    TotpState totp;
    std::map<std::string, bool> recovery;  // digest -> used
  };
  Result<Account*> account(access::UserId id);

  mutable std::mutex mutex_;
  std::map<access::UserId, Account> accounts_;
  std::map<std::string, Session> sessions_;
  std::map<std::string, access::ThrottleState> throttles_;
  std::map<std::int64_t, ApiToken> tokens_;
  access::UserId next_user_ = 1;
  std::int64_t next_token_ = 1;
  std::int64_t generation_ = 1;
};

class MemorySecurityLog final : public SecurityLog {
 public:
  Result<void> record(const SecurityEvent& event) override;
  Result<std::vector<SecurityEvent>> recent(std::optional<access::OrganisationId> organisation, int limit) override;
  // Every event, oldest first.
  std::vector<SecurityEvent> all() const;

 private:
  mutable std::mutex mutex_;
  std::vector<SecurityEvent> events_;
};

}  // namespace tafel::app::accounts
