#include "core/tables/local_time.h"

#include <chrono>
#include <cstdio>

namespace tafel::tables {

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

Result<LocalTime> parse_local_time(std::string_view text) {
  LocalTime t;
  int seconds = 0;
  bool shape = (text.size() == 16 || (text.size() == 19 && text[16] == ':' && digits(text, 17, 2, seconds) &&
                                      seconds == 0)) &&
               text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
               digits(text, 0, 4, t.year) && digits(text, 5, 2, t.month) && digits(text, 8, 2, t.day) &&
               digits(text, 11, 2, t.hour) && digits(text, 14, 2, t.minute);
  if (!shape) return fail("invalid_time", "expected a local time as YYYY-MM-DDTHH:MM");
  using namespace std::chrono;
  year_month_day date{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}};
  if (t.year < 1970 || t.year > 9999 || !date.ok() || t.hour > 23 || t.minute > 59) {
    return fail("invalid_time", "no such date or time of day");
  }
  return t;
}

std::string format_local_time(const LocalTime& time) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", time.year, time.month, time.day, time.hour,
                time.minute);
  return buffer;
}

std::string format_local_date(const LocalTime& time) { return format_local_time(time).substr(0, 10); }

}  // namespace tafel::tables
