// Overviews across the caller's tables: upcoming meetings, open and overdue actions,
// overdue actions by organisation, and one table's history. The views across
// tables read only the meetings and actions they show (TableParts, ADR 0021).

#include <algorithm>

#include "app/authorization.h"
#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;

// --- overviews --------------------------------------------------------------

Result<std::vector<MeetingRef>> TableService::upcoming_meetings(const Caller& caller, std::size_t limit) {
  std::int64_t now = micros(clock_.now());
  TableParts parts;
  parts.meetings = TableParts::Meetings::upcoming;
  parts.from_us = now;
  parts.limit = limit;
  auto tables = my_table_parts(caller, parts);
  if (!tables) return tl::unexpected(tables.error());
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
  TableParts parts;
  parts.open_actions = true;
  parts.action_owner_user = caller.principal.user_id;
  auto tables = my_table_parts(caller, parts);
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
  std::string date = today();
  TableParts parts;
  parts.open_actions = true;
  parts.action_owner_organisation = caller.principal.organisation_id;
  parts.due_before = date;
  auto tables = my_table_parts(caller, parts);
  if (!tables) return tl::unexpected(tables.error());
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
  TableParts parts;
  parts.open_actions = true;
  parts.due_before = today();
  auto tables = my_table_parts(caller, parts);
  if (!tables) return tl::unexpected(tables.error());
  return tafel::tables::overdue_by_organisation(*tables, parts.due_before);
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
