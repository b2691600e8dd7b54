#pragma once
// The audit entry of one thing a person did to one record, built the same way by every
// use case: the actor and organisation from the principal, the action, the object, the
// outcome and, for disclosures, the ground. One place, so that the areas' entries
// cannot drift apart (docs/audit.md).

#include <cstdint>
#include <string>

#include "app/audit/audit_trail.h"
#include "core/access/policy.h"
#include "core/audit/entry.h"
#include "core/result.h"

namespace tafel::app::audit {

struct Change {
  core::audit::Action action;
  std::string object_type;
  std::string object_id;
  core::audit::Outcome outcome = core::audit::Outcome::success;
  std::string ground;  // the sharing ground or rule a disclosure rests on; empty otherwise
};

// Records `change` by `who` (coming from `origin`) in `trail`. Fails as
// AuditTrail::record does; the caller must then not answer as if it happened.
Result<void> record_change(AuditTrail& trail, const tafel::access::Principal& who, const Origin& origin, Change change);

}  // namespace tafel::app::audit
