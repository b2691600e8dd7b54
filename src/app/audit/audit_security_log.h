#pragma once
// AuditSecurityLog: the accounts' SecurityLog port bound to the one audit log, so
// that every login, failure, throttling, lockout, second-factor step, logout and
// change of rights is a leaf of the tamper-evident Merkle log (docs/audit.md,
// "Account events") instead of a row in a separate table.
//
// Mapping (kind -> action, outcome):
//   login_succeeded -> login;            login_failed -> login_failed (failed);
//   login_throttled -> login_failed (denied);  lockout -> lockout;
//   second_factor_passed, second_factor_enrolled, recovery_code_used -> second_factor;
//   second_factor_failed -> second_factor (failed);  logout, session_expired -> logout;
//   password_changed, user_changed -> update;  password_change_failed -> update (failed);
//   user_created, role_changed, user_deactivated, user_reactivated, password_reset,
//   api_token_created, api_token_revoked -> rights_change.
// An unknown kind is recorded as "update". Every entry has object_type "account",
// object_id the subject's user id, actor the acting user's id (empty when unknown),
// organisation the subject's organisation id, and rule "<kind>" or "<kind>:<detail>"
// so that recent() gives back the event as it was recorded. The address is stored as
// its keyed pseudonym (the trail does that), and recent() returns that pseudonym.

#include <optional>
#include <vector>

#include "app/accounts/security_log.h"
#include "app/audit/audit_reader.h"
#include "app/audit/audit_trail.h"

namespace tafel::app::audit {

// The entry that records `event` (without seq, time, request id and source).
core::audit::Entry security_entry(const accounts::SecurityEvent& event);

// The event an entry written by security_entry() stands for; nullopt for any other entry.
std::optional<accounts::SecurityEvent> security_event_of(const core::audit::Entry& entry);

class AuditSecurityLog final : public accounts::SecurityLog {
 public:
  // Both must outlive this object.
  AuditSecurityLog(AuditTrail& trail, AuditReader& reader) : trail_(trail), reader_(reader) {}

  // Appends the event's entry durably; fails when the audit log cannot, so the
  // account step does not happen unrecorded.
  Result<void> record(const accounts::SecurityEvent& event) override;

  // The newest `limit` account events (at most kMaxAuditPage), newest first; only
  // those concerning `organisation` when given. `address` holds the pseudonym.
  Result<std::vector<accounts::SecurityEvent>> recent(std::optional<access::OrganisationId> organisation,
                                                      int limit) override;

 private:
  AuditTrail& trail_;
  AuditReader& reader_;
};

}  // namespace tafel::app::audit
