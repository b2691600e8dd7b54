#pragma once
// One audit entry: who did what to which record, when, on which ground, with what
// outcome. Records and people are referred to by id only; the source address is
// stored as a keyed pseudonym (see docs/audit.md), so an entry holds no personal
// data in clear.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::core::audit {

// The closed set of things that are logged. Stored by name; new actions are added
// at the end and never renamed, because names are part of the signed leaf bytes.
enum class Action {
  login,
  login_failed,
  logout,
  view,
  search,
  create,
  update,
  remove,  // stored as "delete"
  export_data,  // stored as "export"
  sharing_decision,
  agreement_signature,
  rights_change,
  audit_verify,
  audit_export,
  // Appended in issue 5 (account events and later features); stored by these names.
  lockout,        // "lockout": an account locked after repeated failures
  second_factor,  // "second_factor": a TOTP or recovery-code step, passed or failed
  acknowledge,    // "acknowledge": a user acknowledged a record (e.g. a shared notice)
  sign,           // "sign": a signature that is not an agreement signature
};

enum class Outcome { success, denied, failed };

// The stored name of an action ("login", "delete", "export", ...).
std::string_view action_name(Action action);
std::optional<Action> parse_action(std::string_view name);
std::string_view outcome_name(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view name);

struct Entry {
  // Position in the log, from 1; assigned by the log on append (0 before that).
  std::uint64_t seq = 0;
  // UTC, microseconds since the Unix epoch; assigned by the log on append.
  std::int64_t time_us = 0;
  std::string actor;          // user id; empty when nobody is authenticated (login_failed)
  std::string organisation;   // organisation id of the actor, or the one concerned
  Action action = Action::view;
  std::string object_type;    // "situation", "agreement", "person", ... (may be empty)
  std::string object_id;      // record id (may be empty, e.g. for a search)
  std::string ground;         // legal ground of a sharing decision (sharing-model.md)
  std::string rule;           // id of the agreement rule that decided
  std::string request_id;     // correlates with the HTTP request log
  std::string source;         // keyed pseudonym of the source address, never the address
  Outcome outcome = Outcome::success;

  friend bool operator==(const Entry&, const Entry&) = default;
};

// The longest text field accepted, in bytes: ids and codes, not documents.
inline constexpr std::size_t kMaxFieldBytes = 256;

// Checks what the caller controls: every text field at most kMaxFieldBytes and free
// of control characters. Fails with "invalid_audit_entry" naming the field.
Result<void> validate(const Entry& entry);

// The canonical bytes of an entry, hashed into its Merkle leaf. Format "tafel-audit-1":
// the ASCII tag, then seq and time as 8-byte big-endian integers, then actor,
// organisation, action name, object_type, object_id, ground, rule, request_id, source,
// outcome name, each as a 4-byte big-endian length followed by its UTF-8 bytes.
// Length prefixes make the encoding injective: no two entries share bytes.
std::string canonical_bytes(const Entry& entry);

// The same bytes written into `out` (replacing its content), so that a loop over
// many entries reuses one buffer instead of allocating per entry (verify's hot path).
void canonical_bytes_into(const Entry& entry, std::string& out);

}  // namespace tafel::core::audit
