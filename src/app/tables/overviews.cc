// Overviews across the caller's tables: upcoming meetings, open and overdue actions,
// overdue actions by organisation, and one table's history.

#include <algorithm>

#include "app/authorization.h"
#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;

// --- overviews --------------------------------------------------------------

Result<std::vector<MeetingRef>> TableService::upcoming_meetings(const Caller& caller, std::size_t limit) {
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  std::int64_t now = micros(clock_.now());
  std::vector<MeetingRef> out;
  for (const auto& t : *tables) {
    for (const auto& m : t.meetings) {
      if (m.ends_at_us >= now && m.status != MeetingStatus::cancelled && m.status != MeetingStatus::closed) {
        out.push_back({t.id, t.name, m});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const MeetingRef& a, const MeetingRef& b) { return a.meeting.starts_at_us < b.meeting.starts_at_us; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<ActionRef>> TableService::my_open_actions(const Caller& caller) {
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  std::vector<ActionRef> out;
  for (const auto& t : *tables) {
    for (const auto& a : t.actions) {
      if (a.status == ActionStatus::open && a.owner_user == caller.principal.user_id) out.push_back({t.id, t.name, a});
    }
  }
  std::sort(out.begin(), out.end(), [](const ActionRef& a, const ActionRef& b) { return a.action.due < b.action.due; });
  return out;
}

Result<std::vector<ActionRef>> TableService::overdue_actions(const Caller& caller) {
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  std::string date = today();
  std::vector<ActionRef> out;
  for (const auto& t : *tables) {
    for (const auto& a : t.actions) {
      if (a.owner_organisation == caller.principal.organisation_id && is_overdue(a, date)) {
        out.push_back({t.id, t.name, a});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const ActionRef& a, const ActionRef& b) { return a.action.due < b.action.due; });
  return out;
}

// --- overviews of organisations and history ---------------------------------

Result<std::vector<OrganisationOverdue>> TableService::overdue_by_organisation(const Caller& caller) {
  if (auto ok = authorize(who(caller), TableAction::view_overview, TableStanding{}); !ok) {
    return tl::unexpected(ok.error());
  }
  auto tables = my_tables(caller);
  if (!tables) return tl::unexpected(tables.error());
  return tafel::tables::overdue_by_organisation(*tables, today());
}

Result<TableHistoryRef> TableService::history(const Caller& caller, std::int64_t table_id) {
  auto t = table(caller, table_id);  // authorised, and only what the caller may read
  if (!t) return tl::unexpected(t.error());
  // The figures (attendance, actions on time) are counts, for everyone who sees the
  // table; they come from the whole table, not from what the caller may read.
  auto whole = load(table_id);
  if (!whole) return tl::unexpected(whole.error());
  TableHistory h = table_history(*whole, micros(clock_.now()), today());
  return TableHistoryRef{std::move(*t), std::move(h)};
}

}  // namespace tafel::app::tables
