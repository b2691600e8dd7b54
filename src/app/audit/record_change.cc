#include "app/audit/record_change.h"

namespace tafel::app::audit {

Result<void> record_change(AuditTrail& trail, const tafel::access::Principal& who, const Origin& origin, Change change) {
  core::audit::Entry e;
  e.actor = std::to_string(who.user_id);
  e.organisation = std::to_string(who.organisation_id);
  e.action = change.action;
  e.object_type = std::move(change.object_type);
  e.object_id = std::move(change.object_id);
  e.outcome = change.outcome;
  e.ground = std::move(change.ground);
  auto recorded = trail.record(std::move(e), origin);
  if (!recorded) return tl::unexpected(recorded.error());
  return {};
}

}  // namespace tafel::app::audit
