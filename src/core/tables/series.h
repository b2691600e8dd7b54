#pragma once
// A recurring series of meetings: an RFC 5545 recurrence rule ("FREQ=MONTHLY;
// BYDAY=2TU") from a first local start time in Europe/Brussels, with cancelled and
// moved occurrences. The rule itself is checked and expanded by the calendar port
// (app/tables/calendar.h, libical): core only keeps it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/tables/local_time.h"

namespace tafel::tables {

// One occurrence moved to another time; it keeps its original time as its identity
// (RFC 5545 RECURRENCE-ID), so calendars update the right event.
struct MovedOccurrence {
  LocalTime original;
  LocalTime moved_to;
};

struct Series {
  std::int64_t id = 0;
  std::string rule;   // RRULE value, without "RRULE:"
  LocalTime start;    // the first occurrence, local time
  int duration_minutes = 90;
  std::string venue;
  std::string video_link;
  std::vector<LocalTime> cancelled;  // original start times (EXDATE)
  std::vector<MovedOccurrence> moved;
};

// The fields the calendar does not check: duration 5..720 minutes, venue and video
// link at most 300 bytes of one line, the rule 1..500 bytes of one line (its
// grammar is the calendar's job), a video link starting with https://.
// Fails with "invalid_input".
Result<void> check_series_fields(const Series& series);

}  // namespace tafel::tables
