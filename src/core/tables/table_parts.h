#pragma once
// Partial reads of tables: which meetings and actions a cross-table view needs
// (upcoming meetings, open and overdue actions, reminders, received feedback).
// A table's "head" is everything but its meetings and actions: name, basis,
// members, delegates, secrecy texts, series. Stores answer a TableParts with the
// heads of the tables that have a selected part, each carrying only those parts
// (ADR 0021); the rules below are what both stores select by.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/access/user.h"
#include "core/tables/table.h"

namespace tafel::tables {

struct TableParts {
  enum class Meetings : std::uint8_t {
    none,
    // Neither cancelled nor closed, ending at or after from_us: at most `limit`
    // meetings in all (0: no limit), the earliest starts first.
    upcoming,
    // Planned, starting after from_us and at or before until_us.
    planned_between,
    // With at least one feedback form in state sent.
    with_sent_feedback,
  };
  Meetings meetings = Meetings::none;
  std::int64_t from_us = 0;
  std::int64_t until_us = 0;
  std::size_t limit = 0;

  // Open actions, when true, narrowed by the fields below that are set.
  bool open_actions = false;
  std::optional<access::UserId> action_owner_user;
  std::optional<access::OrganisationId> action_owner_organisation;
  std::string due_before;  // "YYYY-MM-DD": only actions due before it (overdue on that day)

  bool selects_meetings() const { return meetings != Meetings::none; }
  // The parts that select meetings by `which` and no action.
  static TableParts of_meetings(Meetings which) {
    TableParts p;
    p.meetings = which;
    return p;
  }
};

// True when `parts` selects `meeting` (the upcoming limit aside).
bool selects(const TableParts& parts, const Meeting& meeting);
// True when `parts` selects `action`.
bool selects(const TableParts& parts, const ActionItem& action);

// `table` with its meetings and actions reduced to those `parts` selects (the
// upcoming limit aside: it applies across tables).
Table with_parts(Table table, const TableParts& parts);

// True when the table has any part selected (after with_parts: any meeting or action).
inline bool has_parts(const Table& table) { return !table.meetings.empty() || !table.actions.empty(); }

}  // namespace tafel::tables
