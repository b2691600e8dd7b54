#pragma once
// Items carried over: what a meeting did not finish comes back on the agenda of the
// table's next planned meeting, so a hard situation is not silently dropped.
//
// An item goes on when the chair or secretary marked it (AgendaItem::carry_over), and
// every situation or case item without a decision recorded for it goes on by itself.
// The copy is a new item of the next meeting with `carried_over_from` naming the
// original, and carrying over is idempotent: an item that already has a copy anywhere
// at the table is never copied again.

#include <cstdint>
#include <vector>

#include "core/tables/table.h"

namespace tafel::tables {

// True when `item` of `meeting` should come back: marked, or a situation or case
// with no decision recorded for it.
bool needs_carrying(const Meeting& meeting, const AgendaItem& item);

// The first planned meeting of `table` that starts after `meeting`, or nullptr.
const Meeting* next_planned_meeting(const Table& table, const Meeting& meeting);

// True when some item of `table` was carried over from item `item_id`.
bool already_carried(const Table& table, std::int64_t item_id);

struct CarryOverResult {
  std::int64_t next_meeting = 0;  // 0 when the table has no next planned meeting
  std::vector<std::int64_t> copied;   // ids of the new items
  std::vector<std::int64_t> waiting;  // items that need carrying but had nowhere to go
};

// Copies the items of meeting `meeting_id` that need carrying to the next planned
// meeting, with new ids from the table. Does nothing for an unknown meeting.
CarryOverResult carry_over(Table& table, std::int64_t meeting_id);

}  // namespace tafel::tables
