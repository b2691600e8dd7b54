#include "core/care/service.h"

#include <algorithm>
#include <tuple>

namespace tafel::care {

namespace {

Result<void> invalid(const std::string& message) { return fail("invalid_input", message); }

bool within(const std::string& text, std::size_t most) { return text.size() <= most; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "HH:MM" from 00:00 to 23:59 (24:00 is accepted as the end of the day).
bool is_time(std::string_view t) {
  if (t.size() != 5 || t[2] != ':' || !is_digit(t[0]) || !is_digit(t[1]) || !is_digit(t[3]) || !is_digit(t[4])) {
    return false;
  }
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  return (h < 24 && m < 60) || (h == 24 && m == 0);
}

bool is_phone(const std::string& phone) {
  return phone.size() <= 40 && phone.find_first_not_of("+0123456789 ()./-") == std::string::npos;
}

bool is_language(const std::string& code) {
  return (code.size() == 2 || code.size() == 3) &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::tuple<int, unsigned, unsigned>> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(t[i])) return std::nullopt;
  }
  int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  unsigned m = static_cast<unsigned>((t[5] - '0') * 10 + (t[6] - '0'));
  unsigned d = static_cast<unsigned>((t[8] - '0') * 10 + (t[9] - '0'));
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  unsigned most = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > most) return std::nullopt;
  return std::tuple{y, m, d};
}

template <typename T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::string_view name_of(TargetGroup group) { return name_in(kTargetGroupNames, group); }
std::string_view name_of(Need need) { return name_in(kNeedNames, need); }
std::string_view name_of(Weekday day) { return name_in(kWeekdayNames, day); }
std::optional<TargetGroup> parse_target_group(std::string_view text) { return parse_in(kTargetGroupNames, text); }
std::optional<Need> parse_need(std::string_view text) { return parse_in(kNeedNames, text); }
std::optional<Weekday> parse_weekday(std::string_view text) { return parse_in(kWeekdayNames, text); }

void normalise(Service& s) {
  sort_unique(s.target_groups);
  sort_unique(s.needs);
  sort_unique(s.areas);
  sort_unique(s.languages);
  sort_unique(s.hours);
}

bool is_date(std::string_view text) { return parse_date(text).has_value(); }

std::optional<std::int64_t> days_between(std::string_view from, std::string_view to) {
  auto a = parse_date(from), b = parse_date(to);
  if (!a || !b) return std::nullopt;
  auto [ya, ma, da] = *a;
  auto [yb, mb, db] = *b;
  return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

bool is_stale(const Capacity& capacity, std::string_view today, std::int64_t max_days) {
  auto age = days_between(capacity.last_confirmed, today);
  return !age || *age > max_days;
}

Result<void> check_service(const Service& s) {
  if (s.name.empty() || !within(s.name, 200)) return invalid("name: 1 to 200 characters");
  if (!within(s.description, 4000)) return invalid("description: at most 4000 characters");
  if (!within(s.eligibility, 2000)) return invalid("eligibility: at most 2000 characters");
  if (!within(s.intake, 2000)) return invalid("intake: at most 2000 characters");
  if (!within(s.address, 500)) return invalid("address: at most 500 characters");
  if (s.organisation <= 0) return invalid("organisation: a service belongs to an organisation");
  if (s.areas.size() > 50) return invalid("areas: at most 50");
  for (const auto& a : s.areas) {
    if (a.empty() || !within(a, 200)) return invalid("areas: each 1 to 200 characters");
  }
  for (const auto& l : s.languages) {
    if (!is_language(l)) return invalid("languages: ISO 639 codes such as nl, fr, en");
  }
  for (const auto& h : s.hours) {
    if (!is_time(h.opens) || !is_time(h.closes)) return invalid("hours: times as HH:MM");
    if (h.opens >= h.closes) return invalid("hours: a service opens before it closes");
  }
  const Contact& c = s.contact;
  if (c.contact_point < 0) return invalid("contact: no such contact point");
  if (!is_phone(c.phone)) return invalid("contact.phone: at most 40 of +0123456789 ()./-");
  if (!c.email.empty() && (c.email.find('@') == std::string::npos || !within(c.email, 200))) {
    return invalid("contact.email: an e-mail address");
  }
  if (c.contact_point == 0 && c.phone.empty() && c.email.empty()) {
    return invalid("contact: a contact point, a phone number or an e-mail address");
  }
  const Capacity& k = s.capacity;
  if (k.places < 0 || k.waiting < 0) return invalid("capacity: places and people waiting are not negative");
  if (k.median_wait_days && *k.median_wait_days < 0) return invalid("capacity: the median wait is not negative");
  if (!k.last_confirmed.empty() && !is_date(k.last_confirmed)) return invalid("capacity.last_confirmed: YYYY-MM-DD");
  return {};
}

}  // namespace tafel::care
