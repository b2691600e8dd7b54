#include "formats/timestamp.h"

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace tafel::formats {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// Days since 1970-01-01 of a civil date (std::chrono's proleptic Gregorian calendar).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days{year{static_cast<int>(y)} / month{m} / day{d}}.time_since_epoch().count();
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  using namespace std::chrono;
  return static_cast<unsigned>((year{static_cast<int>(y)} / month{m} / last).day());
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  return true;
}

bool literal(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

Result<sharing::Timestamp> parse_timestamp(std::string_view s) {
  auto bad = [](const char* why) { return fail("invalid_timestamp", why); };
  std::size_t pos = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(s, pos, 4, year) || !literal(s, pos, '-') || !digits(s, pos, 2, month) || !literal(s, pos, '-') ||
      !digits(s, pos, 2, day)) {
    return bad("expected an ISO 8601 timestamp such as 2026-03-01T10:00:00Z");
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return bad("the date does not exist");
  }
  std::int64_t micros = 0;
  std::int64_t offset_seconds = 0;
  if (pos < s.size()) {
    if (!literal(s, pos, 'T') && !literal(s, pos, 't')) {
      return bad("expected an ISO 8601 timestamp such as 2026-03-01T10:00:00Z");
    }
    if (!digits(s, pos, 2, hour) || !literal(s, pos, ':') || !digits(s, pos, 2, minute) || !literal(s, pos, ':') ||
        !digits(s, pos, 2, second)) {
      return bad("expected the time as HH:MM:SS");
    }
    if (hour > 23 || minute > 59 || second > 59) return bad("the time does not exist");
    if (literal(s, pos, '.')) {
      std::size_t n = 0;
      std::int64_t scale = 100'000;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (n < 6) micros += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
        ++n;
      }
      if (n == 0) return bad("expected digits after the decimal point");
    }
    if (literal(s, pos, 'Z') || literal(s, pos, 'z')) {
      offset_seconds = 0;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      const int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      unsigned oh = 0, om = 0;
      if (!digits(s, pos, 2, oh) || !literal(s, pos, ':') || !digits(s, pos, 2, om) || oh > 23 || om > 59) {
        return bad("expected the time zone as Z or +HH:MM");
      }
      offset_seconds = sign * static_cast<std::int64_t>(oh * 3600 + om * 60);
    } else {
      return bad("the timestamp needs a time zone (Z or +HH:MM)");
    }
  }
  if (pos != s.size()) return bad("unexpected text after the timestamp");
  const std::int64_t seconds = days_from_civil(year, month, day) * 86'400 + hour * 3600 + minute * 60 + second -
                               offset_seconds;
  return seconds * kMicrosPerSecond + micros;
}

std::string format_timestamp(sharing::Timestamp at) {
  std::int64_t seconds = at / kMicrosPerSecond;
  std::int64_t micros = at % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  std::int64_t days = seconds / 86'400;
  std::int64_t rem = seconds % 86'400;
  if (rem < 0) {
    rem += 86'400;
    --days;
  }
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  const auto y = static_cast<long long>(static_cast<int>(date.year()));
  const auto m = static_cast<long long>(static_cast<unsigned>(date.month()));
  const auto d = static_cast<long long>(static_cast<unsigned>(date.day()));
  char buf[64];
  if (micros == 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60),
                  static_cast<long long>(micros));
  }
  return buf;
}

}  // namespace tafel::formats
