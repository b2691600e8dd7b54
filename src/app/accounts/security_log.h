#pragma once
// The security-event port: every login, failure, lockout, logout and change of rights
// is recorded. storage::SqlSecurityLog writes the security_events table; once the
// audit trail's API lands, an adapter binding this port to it replaces that.
//
// Events never hold passwords, codes, tokens or the e-mail address that was typed:
// only ids of known records, the client address and a stable kind.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/clock.h"
#include "core/access/user.h"
#include "core/result.h"

namespace tafel::app::accounts {

struct SecurityEvent {
  std::int64_t id = 0;  // assigned when stored
  Instant at{};
  // login_succeeded, login_failed, login_throttled, lockout, second_factor_passed,
  // second_factor_failed, second_factor_enrolled, recovery_code_used, logout,
  // password_changed, password_reset, user_created, user_changed, role_changed,
  // user_deactivated, credentials_ended (detail: why), api_token_created,
  // api_token_revoked, session_expired
  std::string kind;
  std::optional<access::UserId> actor;               // who acted, when known
  std::optional<access::UserId> subject;             // whose account it concerns, when known
  std::optional<access::OrganisationId> organisation;  // the subject's organisation
  std::string address;                               // client address; empty for the CLI
  std::string detail;                                // a code such as a new role name; no personal data
};

class SecurityLog {
 public:
  virtual ~SecurityLog() = default;
  // Appends one event. A failure is returned so callers can refuse to proceed:
  // a login that cannot be recorded does not happen.
  virtual Result<void> record(const SecurityEvent& event) = 0;
  // The newest `limit` events, newest first; only those of `organisation` when given.
  virtual Result<std::vector<SecurityEvent>> recent(std::optional<access::OrganisationId> organisation,
                                                    int limit) = 0;
};

}  // namespace tafel::app::accounts
