#pragma once
// Overviews of a table's history, computed from the table alone: past meetings,
// attendance per organisation, and how actions were kept (on time, late, open).
// Pure: "today" comes in as a local date.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/tables/table.h"

namespace tafel::tables {

// Attendance of one member organisation over the table's held meetings. Per meeting
// an organisation counts once: present when anyone of it was present, else excused
// when anyone of it was excused, else absent (including when nobody was recorded).
struct OrganisationAttendance {
  access::OrganisationId organisation = 0;
  int present = 0;
  int excused = 0;
  int absent = 0;
  // present / held meetings, in whole percent (rounded down); 0 when none was held.
  int rate_percent = 0;
};

// How actions were kept, for one organisation or all.
struct ActionCounts {
  int done_on_time = 0;
  int done_late = 0;
  int open = 0;      // still open, not yet due
  int overdue = 0;   // still open and past due
  int cancelled = 0;
};

struct OrganisationActions {
  access::OrganisationId organisation = 0;
  ActionCounts counts;
};

struct TableHistory {
  // Held meetings (open or closed) that started before `now_us`, newest first.
  std::vector<std::int64_t> past_meetings;
  int held = 0;
  std::vector<OrganisationAttendance> attendance;  // one per member, in member order
  ActionCounts actions;                            // every action of the table
  std::vector<OrganisationActions> actions_by_organisation;  // owners, in member order then others
};

// The history of `table` as of `now_us` (UTC microseconds) and `today` ("YYYY-MM-DD").
TableHistory table_history(const Table& table, std::int64_t now_us, std::string_view today);

// Counts one action into `counts` as of `today`.
void count_action(ActionCounts& counts, const ActionItem& action, std::string_view today);

// Overdue actions of several tables grouped by the organisation that owns them.
struct OverdueAction {
  std::int64_t table_id = 0;
  ActionItem action;
};
struct OrganisationOverdue {
  access::OrganisationId organisation = 0;
  std::vector<OverdueAction> actions;  // by due date, oldest first
};
// Organisations with at least one overdue action, most overdue actions first (ties
// by organisation id). Only organisations in `only` when it is not empty.
std::vector<OrganisationOverdue> overdue_by_organisation(const std::vector<Table>& tables, std::string_view today,
                                                         const std::vector<access::OrganisationId>& only = {});

}  // namespace tafel::tables
