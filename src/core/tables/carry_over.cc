#include "core/tables/carry_over.h"

#include <algorithm>

namespace tafel::tables {

bool needs_carrying(const Meeting& meeting, const AgendaItem& item) {
  if (item.carry_over) return true;
  if (is_quick(item.kind)) return false;
  return std::none_of(meeting.decisions.begin(), meeting.decisions.end(),
                      [&](const MeetingDecision& d) { return d.item_id == item.id; });
}

const Meeting* next_planned_meeting(const Table& table, const Meeting& meeting) {
  const Meeting* next = nullptr;
  for (const auto& m : table.meetings) {
    if (m.id == meeting.id || m.status != MeetingStatus::planned || m.starts_at_us <= meeting.starts_at_us) continue;
    if (!next || m.starts_at_us < next->starts_at_us) next = &m;
  }
  return next;
}

bool already_carried(const Table& table, std::int64_t item_id) {
  for (const auto& m : table.meetings) {
    for (const auto& i : m.agenda) {
      if (i.carried_over_from == item_id) return true;
    }
  }
  return false;
}

CarryOverResult carry_over(Table& table, std::int64_t meeting_id) {
  CarryOverResult result;
  const Meeting* meeting = table.find_meeting(meeting_id);
  if (!meeting) return result;
  std::vector<AgendaItem> copies;
  for (const auto& item : meeting->agenda) {
    if (!needs_carrying(*meeting, item) || already_carried(table, item.id)) continue;
    AgendaItem copy = item;
    copy.carried_over_from = item.id;
    copy.minutes_used = 0;
    copy.carry_over = false;
    copies.push_back(std::move(copy));
  }
  const Meeting* next = next_planned_meeting(table, *meeting);
  if (!next) {
    for (const auto& c : copies) result.waiting.push_back(c.carried_over_from);
    return result;
  }
  result.next_meeting = next->id;
  Meeting* target = table.find_meeting(next->id);
  for (auto& c : copies) {
    c.id = table.take_id();
    result.copied.push_back(c.id);
    target->agenda.push_back(std::move(c));
  }
  return result;
}

}  // namespace tafel::tables
