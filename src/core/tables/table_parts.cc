#include "core/tables/table_parts.h"

#include <algorithm>

namespace tafel::tables {

bool selects(const TableParts& parts, const Meeting& m) {
  switch (parts.meetings) {
    case TableParts::Meetings::none:
      return false;
    case TableParts::Meetings::upcoming:
      return m.ends_at_us >= parts.from_us && m.status != MeetingStatus::cancelled &&
             m.status != MeetingStatus::closed;
    case TableParts::Meetings::planned_between:
      return m.status == MeetingStatus::planned && m.starts_at_us > parts.from_us && m.starts_at_us <= parts.until_us;
    case TableParts::Meetings::with_sent_feedback:
      return std::any_of(m.feedback.begin(), m.feedback.end(),
                         [](const FeedbackForm& f) { return f.state == FeedbackState::sent; });
  }
  return false;
}

bool selects(const TableParts& parts, const ActionItem& a) {
  if (!parts.open_actions || a.status != ActionStatus::open) return false;
  if (parts.action_owner_user && a.owner_user != *parts.action_owner_user) return false;
  if (parts.action_owner_organisation && a.owner_organisation != *parts.action_owner_organisation) return false;
  return parts.due_before.empty() || a.due < parts.due_before;
}

Table with_parts(Table table, const TableParts& parts) {
  std::erase_if(table.meetings, [&](const Meeting& m) { return !selects(parts, m); });
  std::erase_if(table.actions, [&](const ActionItem& a) { return !selects(parts, a); });
  return table;
}

}  // namespace tafel::tables
