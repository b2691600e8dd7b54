#pragma once
// A wall-clock time in the table's time zone (Europe/Brussels), without a zone.
//
// Meetings are agreed in local time ("every second Tuesday at 19:00"): a series must
// keep 19:00 across the daylight-saving change, so the series is stored in local
// time and only each occurrence is converted to UTC (by the calendar adapter, which
// knows the zone rules). Core code never converts: it has no time-zone data.

#include <compare>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::tables {

struct LocalTime {
  int year = 0;
  int month = 0;   // 1..12
  int day = 0;     // 1..31, valid for the month
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59

  auto operator<=>(const LocalTime&) const = default;
};

// Parses "YYYY-MM-DDTHH:MM" (seconds ":00" tolerated). Fails with "invalid_time"
// for anything else, including 31 April or 24:00.
Result<LocalTime> parse_local_time(std::string_view text);

// "YYYY-MM-DDTHH:MM".
std::string format_local_time(const LocalTime& time);

// "YYYY-MM-DD" of `time`.
std::string format_local_date(const LocalTime& time);

}  // namespace tafel::tables
