#pragma once
// The persistence port of the account service: users and their credentials,
// sessions, throttling state and API tokens. Implemented by storage::SqlAccountStore
// (SQLite and PostgreSQL) and by MemoryAccountStore for use-case tests.
//
// Secrets are stored in the form the service hands over: password hashes, digests of
// session ids, API tokens and recovery codes. Only the TOTP secret is kept as is,
// because verifying a code needs it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access/throttle.h"
#include "core/access/user.h"
#include "core/result.h"

namespace tafel::app::accounts {

struct Session {
  std::string id_digest;  // token_digest of the cookie value
  access::UserId user_id = 0;
  access::Micros created_at = 0;
  access::Micros last_seen_at = 0;
  bool second_factor_passed = false;
  std::string csrf_token;  // sent back in forms; compared in constant time
};

struct TotpState {
  std::vector<std::uint8_t> secret;  // empty when none was ever generated
  bool enrolled = false;             // false while enrolment awaits its first code
  std::int64_t last_used_step = -1;
};

// An API token: "tafel_<id>_<secret>"; stored as the digest of the whole string.
struct ApiToken {
  std::int64_t id = 0;
  access::UserId user_id = 0;
  std::string name;          // what the owner called it
  std::string digest;
  std::vector<std::string> scopes;  // "directory:read", "directory:write", "accounts:read", "accounts:write"
  access::Micros created_at = 0;
  access::Micros last_used_at = 0;
  bool revoked = false;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Users. create_user fails with "duplicate_email" when the e-mail is taken.
  virtual Result<access::UserId> create_user(const access::User& user, const std::string& password_hash) = 0;
  virtual Result<std::optional<access::User>> find_user(access::UserId id) = 0;
  virtual Result<std::optional<access::User>> find_user_by_email(const std::string& normalised_email) = 0;
  virtual Result<std::vector<access::User>> list_users(access::OrganisationId organisation) = 0;
  // Writes every field of `user` except id and second_factor_enrolled; "not_found"
  // when no such user, "duplicate_email" when the new e-mail is taken.
  virtual Result<void> update_user(const access::User& user) = 0;
  virtual Result<std::string> password_hash(access::UserId id) = 0;
  virtual Result<void> set_password_hash(access::UserId id, const std::string& hash) = 0;

  // Second factor.
  virtual Result<TotpState> totp(access::UserId id) = 0;
  // Stores a new secret, not yet enrolled (enrolment restarts), last step -1.
  virtual Result<void> set_pending_totp(access::UserId id, const std::vector<std::uint8_t>& secret) = 0;
  // Marks the pending secret enrolled.
  virtual Result<void> confirm_totp(access::UserId id) = 0;
  // Forgets the secret (admin reset): the user enrols again at the next login.
  virtual Result<void> clear_totp(access::UserId id) = 0;
  // Atomically records that the code of `step` was used; false (and no change) when
  // a code of this or a later step was already used — the replay guard.
  virtual Result<bool> claim_totp_step(access::UserId id, std::int64_t step) = 0;
  virtual Result<void> replace_recovery_codes(access::UserId id, const std::vector<std::string>& digests) = 0;
  // Atomically uses a recovery code; false when no such unused code.
  virtual Result<bool> consume_recovery_code(access::UserId id, const std::string& digest) = 0;
  virtual Result<int> unused_recovery_codes(access::UserId id) = 0;

  // Sessions.
  virtual Result<void> create_session(const Session& session) = 0;
  virtual Result<std::optional<Session>> find_session(const std::string& id_digest) = 0;
  virtual Result<void> touch_session(const std::string& id_digest, access::Micros at) = 0;
  virtual Result<void> delete_session(const std::string& id_digest) = 0;
  // Deletes every session of the user except `keep` (may be empty): after a password
  // change or reset, other devices are logged out.
  virtual Result<void> delete_sessions_of(access::UserId id, const std::string& keep) = 0;
  // Ends every credential of the user but the session `keep` (may be empty): deletes
  // the sessions, revokes the API tokens and deletes the calendar-feed token (a
  // credential of the same user, issued by the tables feature). For deactivation,
  // password and second-factor resets, password and role changes.
  virtual Result<void> end_credentials_of(access::UserId id, const std::string& keep) = 0;

  // Throttling, keyed by a digest of "account:<email>", "address:<ip>" or
  // "second_factor:<user id>" (an unknown key has the empty state).
  virtual Result<access::ThrottleState> throttle(const std::string& key) = 0;
  virtual Result<void> save_throttle(const std::string& key, const access::ThrottleState& state) = 0;

  // API tokens.
  virtual Result<std::int64_t> create_api_token(const ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> find_api_token(const std::string& digest) = 0;
  virtual Result<std::vector<ApiToken>> list_api_tokens(access::UserId id) = 0;
  // Revokes the user's token `token_id`; "not_found" if it is not theirs.
  virtual Result<void> revoke_api_token(access::UserId id, std::int64_t token_id) = 0;
  virtual Result<void> touch_api_token(std::int64_t token_id, access::Micros at) = 0;

  // The credentials generation: a number that only grows, raised in the same
  // transaction as every write above that ends or changes a credential or its user
  // (update_user, set_password_hash, confirm_totp, clear_totp, delete_session,
  // delete_sessions_of, end_credentials_of, revoke_api_token), on every server
  // sharing the store. Creating sessions and tokens, touching them, throttling and
  // TOTP steps do not raise it. AccountService's credential cache trusts an entry
  // only while this number is the one it was read at (ADR 0017).
  virtual Result<std::int64_t> credentials_generation() = 0;
};

}  // namespace tafel::app::accounts
