#include "core/tables/table_statistics.h"

#include <algorithm>
#include <map>

namespace tafel::tables {

void count_action(ActionCounts& counts, const ActionItem& action, std::string_view today) {
  switch (action.status) {
    case ActionStatus::done:
      ++(done_on_time(action) ? counts.done_on_time : counts.done_late);
      break;
    case ActionStatus::cancelled:
      ++counts.cancelled;
      break;
    case ActionStatus::open:
      ++(is_overdue(action, today) ? counts.overdue : counts.open);
      break;
  }
}

TableHistory table_history(const Table& table, std::int64_t now_us, std::string_view today) {
  TableHistory h;
  std::vector<const Meeting*> held;
  for (const auto& m : table.meetings) {
    bool was_held = m.status == MeetingStatus::open || m.status == MeetingStatus::closed;
    if (was_held && m.starts_at_us < now_us) held.push_back(&m);
  }
  std::sort(held.begin(), held.end(), [](const Meeting* a, const Meeting* b) { return a->starts_at_us > b->starts_at_us; });
  for (const Meeting* m : held) h.past_meetings.push_back(m->id);
  h.held = static_cast<int>(held.size());

  for (auto org : table.members) {
    OrganisationAttendance a;
    a.organisation = org;
    for (const Meeting* m : held) {
      bool present = false, excused = false;
      for (const auto& x : m->attendance) {
        if (x.organisation != org) continue;
        present = present || x.presence == Presence::present;
        excused = excused || x.presence == Presence::excused;
      }
      ++(present ? a.present : excused ? a.excused : a.absent);
    }
    a.rate_percent = h.held == 0 ? 0 : a.present * 100 / h.held;
    h.attendance.push_back(a);
  }

  std::vector<access::OrganisationId> owners = table.members;
  for (const auto& action : table.actions) {
    if (std::find(owners.begin(), owners.end(), action.owner_organisation) == owners.end()) {
      owners.push_back(action.owner_organisation);
    }
  }
  for (auto org : owners) {
    OrganisationActions oa;
    oa.organisation = org;
    bool any = false;
    for (const auto& action : table.actions) {
      if (action.owner_organisation != org) continue;
      any = true;
      count_action(oa.counts, action, today);
    }
    if (any) h.actions_by_organisation.push_back(oa);
  }
  for (const auto& action : table.actions) count_action(h.actions, action, today);
  return h;
}

std::vector<OrganisationOverdue> overdue_by_organisation(const std::vector<Table>& tables, std::string_view today,
                                                         const std::vector<access::OrganisationId>& only) {
  std::map<access::OrganisationId, std::vector<OverdueAction>> by_org;
  for (const auto& t : tables) {
    for (const auto& a : t.actions) {
      if (!is_overdue(a, today)) continue;
      if (!only.empty() && std::find(only.begin(), only.end(), a.owner_organisation) == only.end()) continue;
      by_org[a.owner_organisation].push_back({t.id, a});
    }
  }
  std::vector<OrganisationOverdue> out;
  for (auto& [org, actions] : by_org) {
    std::stable_sort(actions.begin(), actions.end(),
                     [](const OverdueAction& a, const OverdueAction& b) { return a.action.due < b.action.due; });
    out.push_back({org, std::move(actions)});
  }
  std::stable_sort(out.begin(), out.end(), [](const OrganisationOverdue& a, const OrganisationOverdue& b) {
    return a.actions.size() > b.actions.size();
  });
  return out;
}

}  // namespace tafel::tables
