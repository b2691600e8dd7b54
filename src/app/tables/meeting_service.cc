// The meetings of a table and their agenda: series and one-off meetings, moving,
// cancelling, opening and closing them, and the items on their agenda.

#include <algorithm>

#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"
#include "core/tables/text_rules.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;

// --- meetings ---------------------------------------------------------------

namespace {

void sort_meetings(Table& table) {
  std::stable_sort(table.meetings.begin(), table.meetings.end(),
                   [](const Meeting& a, const Meeting& b) { return a.starts_at_us < b.starts_at_us; });
}

// The last local time a new series materialises meetings for: 18 months on.
LocalTime horizon_of(const Series& series) {
  LocalTime until = series.start;
  until.year += 1;
  until.month += 6;
  if (until.month > 12) {
    until.month -= 12;
    until.year += 1;
  }
  until.day = std::min(until.day, 28);
  return until;
}

}  // namespace

Result<void> TableService::check_series(const Series& series) const {
  if (auto ok = check_series_fields(series); !ok) return ok;
  auto occurrences = calendar_.expand(series, 1, horizon_of(series));
  if (!occurrences) return tl::unexpected(occurrences.error());
  if (occurrences->empty()) return fail("invalid_rule", "the rule yields no meeting in the next 18 months");
  return {};
}

Result<Series> TableService::add_series(const Caller& caller, std::int64_t table_id, Series series) {
  auto added = change<Series>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<Series> {
    if (auto ok = check_series_fields(series); !ok) return tl::unexpected(ok.error());
    auto occurrences = calendar_.expand(series, kSeriesHorizon, horizon_of(series));
    if (!occurrences) return tl::unexpected(occurrences.error());
    if (occurrences->empty()) return fail("invalid_rule", "the rule yields no meeting in the next 18 months");
    series.id = t.take_id();
    for (const auto& o : *occurrences) {
      Meeting m;
      m.id = t.take_id();
      m.series_id = series.id;
      m.original_start = o.local_start;
      m.local_start = o.local_start;
      m.starts_at_us = o.starts_at_us;
      m.ends_at_us = o.ends_at_us;
      m.venue = series.venue;
      m.video_link = series.video_link;
      t.meetings.push_back(std::move(m));
    }
    sort_meetings(t);
    t.series.push_back(series);
    return series;
  });
  if (added) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) { e.on_series_added(t, *added, caller.principal.user_id); });
  }
  return added;
}

Result<Meeting> TableService::add_meeting(const Caller& caller, std::int64_t table_id, const LocalTime& start,
                                          int duration_minutes, std::string venue, std::string video_link) {
  auto added = change<Meeting>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<Meeting> {
    Series fields;  // the same field rules as a series, without a rule
    fields.rule = "single";
    fields.duration_minutes = duration_minutes;
    fields.venue = venue;
    fields.video_link = video_link;
    if (auto ok = check_series_fields(fields); !ok) return tl::unexpected(ok.error());
    auto utc = calendar_.to_utc(start);
    if (!utc) return tl::unexpected(utc.error());
    Meeting m;
    m.id = t.take_id();
    m.original_start = start;
    m.local_start = start;
    m.starts_at_us = *utc;
    m.ends_at_us = *utc + std::int64_t{duration_minutes} * 60'000'000;
    m.venue = std::move(venue);
    m.video_link = std::move(video_link);
    t.meetings.push_back(m);
    sort_meetings(t);
    return m;
  });
  if (added) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) { e.on_meeting_planned(t, *added, caller.principal.user_id); });
  }
  return added;
}

Result<Meeting> TableService::move_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                           const LocalTime& start) {
  auto moved = change<Meeting>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<Meeting> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    Meeting& meeting = **m;
    if (meeting.status != MeetingStatus::planned) return fail("meeting_not_planned", "only a planned meeting moves");
    auto utc = calendar_.to_utc(start);
    if (!utc) return tl::unexpected(utc.error());
    std::int64_t duration = meeting.ends_at_us - meeting.starts_at_us;
    meeting.local_start = start;
    meeting.starts_at_us = *utc;
    meeting.ends_at_us = *utc + duration;
    for (auto& s : t.series) {
      if (s.id != meeting.series_id) continue;
      std::erase_if(s.moved, [&](const MovedOccurrence& mo) { return mo.original == meeting.original_start; });
      if (!(start == meeting.original_start)) s.moved.push_back({meeting.original_start, start});
    }
    Meeting copy = meeting;
    sort_meetings(t);
    return copy;
  });
  if (moved) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) { e.on_meeting_moved(t, *moved, caller.principal.user_id); });
  }
  return moved;
}

Result<void> TableService::cancel_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  auto cancelled = change<void>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::planned) return fail("meeting_not_planned", "only a planned meeting is cancelled");
    (*m)->status = MeetingStatus::cancelled;
    for (auto& s : t.series) {
      if (s.id == (*m)->series_id) s.cancelled.push_back((*m)->original_start);
    }
    return {};
  });
  if (cancelled) {
    tell_events(table_id, [&](MeetingEvents& e, const Table& t) {
      if (const Meeting* m = t.find_meeting(meeting_id)) e.on_meeting_cancelled(t, *m, caller.principal.user_id);
    });
  }
  return cancelled;
}

Result<void> TableService::open_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::planned) return fail("meeting_not_planned", "this meeting was already held");
    (*m)->status = MeetingStatus::open;
    // Open actions of the table come back on the agenda of the meeting that opens.
    return {};
  });
}

Result<void> TableService::close_meeting(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status != MeetingStatus::open) return fail("meeting_not_open", "the meeting is not in progress");
    (*m)->status = MeetingStatus::closed;
    // What the meeting did not finish comes back at the next one (core/tables/carry_over.h).
    tafel::tables::carry_over(t, meeting_id);
    return {};
  });
}

// --- agenda -----------------------------------------------------------------

Result<AgendaItem> TableService::add_agenda_item(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                                 AgendaItem item) {
  auto added = change<AgendaItem>(caller, table_id, TableAction::manage_agenda, [&](Table& t) -> Result<AgendaItem> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    if ((*m)->status == MeetingStatus::closed || (*m)->status == MeetingStatus::cancelled) {
      return fail("meeting_closed", "the agenda of a past or cancelled meeting is closed");
    }
    if (item.owner_user == 0) {
      item.owner_user = caller.principal.user_id;
      item.owner_organisation = caller.principal.organisation_id;
    } else {
      // The owner answers for the item (consent to feedback, case details), so the
      // organisation comes from the table's delegates, never from the request.
      const Delegate* owner = t.delegate(item.owner_user);
      if (!owner) return fail("invalid_input", "the owner must be a delegate of the table");
      item.owner_organisation = owner->organisation;
    }
    if (!t.is_member(item.owner_organisation)) return fail("invalid_input", "the owner must be of a member organisation");
    item.minutes_used = 0;
    if (item.kind == ItemKind::case_item && allows_individual_cases(t.basis) && !t.cases_open()) {
      return fail("basis_not_approved", "case items open once the table's legal basis is approved");
    }
    if (auto ok = check_agenda_item(item, t.basis); !ok) return tl::unexpected(ok.error());
    item.id = t.take_id();
    (*m)->agenda.push_back(item);
    return item;
  });
  return added;
}

Result<void> TableService::record_time_used(const Caller& caller, std::int64_t table_id, std::int64_t meeting_id,
                                            std::int64_t item_id, int minutes) {
  return change<void>(caller, table_id, TableAction::run_meeting, [&](Table& t) -> Result<void> {
    auto m = meeting_in(t, meeting_id);
    if (!m) return tl::unexpected(m.error());
    AgendaItem* item = (*m)->find_item(item_id);
    if (!item) return fail("not_found", "no such agenda item");
    if (minutes < 0 || minutes > 1440) return fail("invalid_input", "minutes must be between 0 and 1440");
    item->minutes_used = minutes;
    return {};
  });
}

}  // namespace tafel::app::tables
