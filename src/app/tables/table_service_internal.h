#pragma once
// What the table service's source files share (TableService's member functions are
// defined in several app/tables/*.cc files, one per concern; see docs/tables.md):
// small helpers and the load-authorise-change-save-audit step. Not a public header:
// include it only from app/tables/*.cc.

#include <optional>

#include "app/authorization.h"
#include "app/tables/table_service.h"

namespace tafel::app::tables::internal {

using namespace tafel::tables;

inline std::int64_t micros(Instant t) { return t.time_since_epoch().count(); }

inline std::optional<access::Principal> who(const Caller& caller) { return caller.principal; }

inline Result<void> allowed(const Caller& caller, TableAction action, const Table& table) {
  return authorize(who(caller), action, standing_at(table, caller.principal.user_id, caller.principal.organisation_id));
}

inline Result<Meeting*> meeting_in(Table& table, std::int64_t meeting_id) {
  Meeting* m = table.find_meeting(meeting_id);
  if (!m) return fail("not_found", "no such meeting at this table");
  return m;
}

}  // namespace tafel::app::tables::internal

namespace tafel::app::tables {

// Loads, authorises, applies `apply(Table&) -> Result<T>`, checks and saves the
// table, and records the change; nothing is saved when any step fails.
template <typename T, typename Change>
inline Result<T> TableService::change(const Caller& caller, std::int64_t table_id, core_tables::TableAction action,
                                      Change&& apply, core::audit::Action audited) {
  auto table = load(table_id);
  if (!table) return tl::unexpected(table.error());
  if (auto ok = internal::allowed(caller, action, *table); !ok) return tl::unexpected(ok.error());
  auto result = apply(*table);
  if (!result) return tl::unexpected(result.error());
  if (auto ok = core_tables::check_table(*table); !ok) return tl::unexpected(ok.error());
  // The saved table and its audit entry commit together.
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto stored = store_.update(std::move(*table)); !stored) return tl::unexpected(stored.error());
    return audit(caller, audited, "table", std::to_string(table_id), core::audit::Outcome::success);
  });
  if (!saved) return tl::unexpected(saved.error());
  return result;
}

}  // namespace tafel::app::tables
