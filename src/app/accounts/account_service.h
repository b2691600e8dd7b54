#pragma once
// The account use cases: log in (password, then TOTP), sessions, enrolment of the
// second factor with recovery codes, logout, password change and reset, users and
// API tokens. Every security-relevant step is recorded in the SecurityLog; a step
// whose record cannot be written fails.
//
// Answers never reveal whether an e-mail address has an account: an unknown address
// and a wrong password both give LoginOutcome::Status::refused after the same
// password-hashing work, and both count towards the same throttle.
//
// Thread-safety: as thread-safe as the store, log and crypto passed in (the storage
// and sodium implementations are).

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/unit_of_work.h"
#include "app/accounts/account_store.h"
#include "app/accounts/credential_cache.h"
#include "app/accounts/crypto.h"
#include "app/accounts/security_log.h"
#include "app/clock.h"
#include "core/access/policy.h"

namespace tafel::app::accounts {

struct SessionPolicy {
  access::Micros idle_timeout = 30LL * 60 * 1000000;        // 30 minutes without a request
  access::Micros absolute_timeout = 12LL * 3600 * 1000000;  // 12 hours after login, whatever happens
  // A session's last_seen_at and a token's last_used_at are written at most this
  // often (a write per request would serialise every request on the database); so
  // a session may end up to this much before idle_timeout of true idleness.
  access::Micros touch_interval = 60LL * 1000000;
  // Verified sessions and tokens kept per server (ADR 0017).
  CredentialCacheOptions cache;
};

struct LoginOutcome {
  enum class Status {
    complete,              // logged in; the session may do what the role allows
    second_factor_needed,  // password accepted; ask for the TOTP or a recovery code
    enrolment_needed,      // password accepted; the user must enrol a second factor now
    refused,               // wrong e-mail/password/code: one answer for all
    throttled,             // too many failures: try again at retry_at
  };
  Status status = Status::refused;
  std::string session_token;  // the new cookie value, when a session was made
  std::string csrf_token;
  access::Micros retry_at = 0;
};

// A request's verified identity.
struct Authenticated {
  access::User user;
  access::Principal principal;
  Session session;               // for browser sessions
  std::optional<ApiToken> token;  // for API-token requests (session is then empty)
};

// The scopes an API token can carry.
inline constexpr std::string_view kApiScopes[] = {"directory:read",  "directory:write", "accounts:read",
                                                  "accounts:write",  "agreements:read", "agreements:write",
                                                  "decisions:ask",   "audit:read"};

class AccountService {
 public:
  // `transactions` makes each change of an account and its security event one unit
  // (the default runs them one after the other: for memory stores in tests). Logins
  // are not wrapped: password hashing must not hold a database write lock.
  AccountService(AccountStore& store, SecurityLog& log, Crypto& crypto, const Clock& clock,
                 SessionPolicy policy = {}, UnitOfWork& transactions = UnitOfWork::immediate());

  // Checks e-mail and password from `address`. Always starts a new session (the id
  // is renewed at login) and deletes `previous_session_token`'s session if given.
  Result<LoginOutcome> login(std::string_view email, std::string_view password, const std::string& address,
                             std::string_view previous_session_token = {});

  // The identity behind a session cookie, or nullopt when the token is unknown or
  // the session timed out (idle or absolute; a timed-out session is deleted).
  // Touches the session (at most every touch_interval). A session ended anywhere
  // (logout, password change, deactivation, on any server sharing the store) is
  // refused on the next call: the credential cache is checked against the store's
  // credentials generation every time. A session awaiting its second factor
  // authenticates with principal.second_factor_passed == false.
  Result<std::optional<Authenticated>> authenticate(std::string_view session_token);

  // The identity behind "Authorization: Bearer <token>", or nullopt; a token revoked
  // anywhere is refused on the next call (as for sessions). API tokens are
  // only issued after the second factor, so their principal has passed it.
  Result<std::optional<Authenticated>> authenticate_api_token(std::string_view token);

  // Completes a login with a 6-digit TOTP code or a recovery code. On success the
  // session id is renewed (the old token stops working) and the status is complete.
  Result<LoginOutcome> verify_second_factor(std::string_view session_token, std::string_view code,
                                            const std::string& address);

  // A fresh second factor for one sensitive step of an already signed-in user (for
  // example signing an agreement): a current TOTP code, never a recovery code, that
  // was not used before (a code used to log in does not count again). Failures
  // count towards the same throttle as login codes. Fails with "invalid_code",
  // "throttled" or "not_enrolled".
  Result<void> verify_second_factor(const Authenticated& who, std::string_view code, const std::string& address);

  struct Enrolment {
    std::string secret_base32;  // for typing into an app
    std::string otpauth_uri;    // for the QR code
  };
  // Starts (or restarts) enrolment for a user without an enrolled second factor.
  // Fails with "already_enrolled" otherwise.
  Result<Enrolment> begin_enrolment(const Authenticated& who);

  struct EnrolmentDone {
    LoginOutcome login;                    // complete, with the renewed session
    std::vector<std::string> recovery_codes;  // shown once, never again
  };
  // Confirms enrolment with the first code from the app; "invalid_code" otherwise.
  Result<EnrolmentDone> confirm_enrolment(const Authenticated& who, std::string_view code,
                                          const std::string& address);

  // Ends the session (unknown tokens are ignored).
  Result<void> logout(std::string_view session_token, const std::string& address);

  // Changes the caller's own password; "wrong_password" when `current` is wrong,
  // "weak_password" for a bad new one. Every other credential of the user (other
  // sessions, API tokens, calendar feed) is ended.
  Result<void> change_password(const Authenticated& who, std::string_view current, std::string_view next,
                               const std::string& address);

  struct NewUser {
    access::UserId id = 0;
    std::string initial_password;  // random; shown once to the admin who handed it over
  };
  // Creates a user (authorised: manage_users on the user's organisation and role).
  Result<NewUser> create_user(const access::Principal& actor, access::User user, const std::string& address);

  // Changes name, phone, language, role or active flag of a user (the e-mail and
  // organisation stay). Role changes and deactivation are recorded separately, and
  // end the user's sessions, API tokens and calendar feed. Authorised as
  // manage_users with the role before and after (only a platform admin gives or
  // takes dpo or platform_admin, or (de)activates such a user).
  Result<access::User> update_user(const access::Principal& actor, const access::User& changes,
                                   const std::string& address);

  // Resets another user's password to a random one (returned, shown once) and ends
  // their sessions, API tokens and calendar feed; with `reset_second_factor` also
  // forgets their TOTP and recovery codes, so they enrol again (lost phone). Only a
  // platform admin resets a DPO's or an admin's credentials.
  Result<std::string> reset_password(const access::Principal& actor, access::UserId user, bool reset_second_factor,
                                     const std::string& address);

  Result<std::optional<access::User>> find_user(access::UserId id) { return store_.find_user(id); }
  Result<std::vector<access::User>> list_users(access::OrganisationId organisation) {
    return store_.list_users(organisation);
  }

  struct NewToken {
    std::int64_t id = 0;
    std::string token;  // shown once
  };
  // Issues an API token for the caller with the given scopes (a subset of kApiScopes).
  Result<NewToken> create_api_token(const Authenticated& who, std::string_view name,
                                    const std::vector<std::string>& scopes, const std::string& address);
  Result<std::vector<ApiToken>> list_api_tokens(const Authenticated& who) {
    return store_.list_api_tokens(who.user.id);
  }
  Result<void> revoke_api_token(const Authenticated& who, std::int64_t token_id, const std::string& address);

  // Constant-time comparison of a submitted CSRF token with the session's.
  static bool csrf_matches(const Session& session, std::string_view submitted);

  // Creates a user with a chosen password and, optionally, an enrolled TOTP secret,
  // without an acting principal: for `tafel demo` and first-admin bootstrap only.
  Result<access::UserId> provision_user(const access::User& user, std::string_view password,
                                        const std::vector<std::uint8_t>& totp_secret);

 private:
  access::Micros now() const;
  Result<void> record(std::string kind, std::optional<access::UserId> actor, const access::User* subject,
                      const std::string& address, std::string detail = {});
  Result<LoginOutcome> start_session(const access::User& user, bool second_factor_passed);
  // Ends the sessions (but `keep_session`), API tokens and calendar feed of `subject`
  // and records "credentials_ended" with `reason`; inside the caller's unit of work.
  Result<void> end_credentials(std::optional<access::UserId> actor, const access::User& subject,
                               const std::string& address, std::string_view reason,
                               const std::string& keep_session = {});
  Result<bool> check_totp(access::UserId user, const TotpState& state, std::string_view code);
  std::string random_token(std::size_t bytes);
  std::string random_password();
  const std::string& dummy_hash();

  AccountStore& store_;
  SecurityLog& log_;
  Crypto& crypto_;
  const Clock& clock_;
  SessionPolicy policy_;
  UnitOfWork& transactions_;
  CredentialCache cache_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace tafel::app::accounts
