#pragma once
// The calendar port: recurrence rules, local time in Europe/Brussels and iCalendar
// feeds. Implemented with libical in formats/ical_calendar.h (a third-party library
// stays in an adapter); tests of use cases use that same adapter, because the point
// of these functions is to agree with what calendar programs compute.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/tables/local_time.h"
#include "core/tables/series.h"

namespace tafel::app::tables {

// One occurrence of a series, before moves and cancellations are applied.
struct Occurrence {
  tafel::tables::LocalTime local_start;
  std::int64_t starts_at_us = 0;  // UTC
  std::int64_t ends_at_us = 0;
};

// One VEVENT of a feed: a series (rule set) with its exceptions, an occurrence that
// was moved (recurrence_id set), or a single meeting.
struct FeedEvent {
  std::string uid;      // stable across feeds: calendar programs match on it
  std::string summary;  // the table's name: never personal data
  std::string location;
  std::string url;      // video link, if any
  tafel::tables::LocalTime start;
  int duration_minutes = 60;
  std::string rule;     // RRULE value; empty for a single event
  std::vector<tafel::tables::LocalTime> exdates;
  std::optional<tafel::tables::LocalTime> recurrence_id;
  bool cancelled = false;
  std::int64_t sequence = 0;  // bumped by changes so calendar programs take them
};

class Calendar {
 public:
  virtual ~Calendar() = default;

  // Checks `series.rule` and returns its occurrences in Europe/Brussels, at most
  // `max_count`, none starting after `until` (local). Every occurrence keeps the
  // local time of `series.start` across daylight-saving changes. Fails with
  // "invalid_rule" and a message saying what is wrong (unknown part, missing FREQ,
  // a rule without an end that yields nothing, ...).
  virtual Result<std::vector<Occurrence>> expand(const tafel::tables::Series& series, std::size_t max_count,
                                                 const tafel::tables::LocalTime& until) const = 0;

  // The UTC instant (microseconds) of a local time in Europe/Brussels. A local time
  // that does not exist (the skipped hour in March) is read as the zone rules say
  // (one hour later); the repeated hour in October is its first occurrence.
  virtual Result<std::int64_t> to_utc(const tafel::tables::LocalTime& local) const = 0;

  // The local time in Europe/Brussels of a UTC instant (microseconds).
  virtual tafel::tables::LocalTime to_local(std::int64_t utc_us) const = 0;

  // An iCalendar (RFC 5545) document with the Europe/Brussels time zone and
  // `events`, named `name` (X-WR-CALNAME), stamped `generated_at_us` (DTSTAMP).
  virtual std::string feed(std::string_view name, const std::vector<FeedEvent>& events,
                           std::int64_t generated_at_us) const = 0;
};

}  // namespace tafel::app::tables
