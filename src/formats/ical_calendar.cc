#include "formats/ical_calendar.h"

#include <libical/ical.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>

namespace tafel::formats {

using app::tables::FeedEvent;
using app::tables::Occurrence;
using tables::LocalTime;

namespace {

// libical keeps its error state in a global and its built-in zones in a lazily
// filled table; one lock keeps both consistent across request threads.
std::mutex& ical_mutex() {
  static std::mutex m;
  return m;
}

icaltimezone* zone(void* z) { return static_cast<icaltimezone*>(z); }

icaltimetype floating(const LocalTime& t) {
  icaltimetype v = icaltime_null_time();
  v.year = t.year;
  v.month = t.month;
  v.day = t.day;
  v.hour = t.hour;
  v.minute = t.minute;
  v.second = 0;
  v.is_date = 0;
  return v;
}

LocalTime local_of(const icaltimetype& t) { return LocalTime{t.year, t.month, t.day, t.hour, t.minute}; }

std::int64_t utc_us(const icaltimetype& local, icaltimezone* tz) {
  return static_cast<std::int64_t>(icaltime_as_timet_with_zone(local, tz)) * 1'000'000;
}

constexpr std::array<std::string_view, 14> kParts = {"FREQ",     "UNTIL",      "COUNT",     "INTERVAL", "BYSECOND",
                                                     "BYMINUTE", "BYHOUR",     "BYDAY",     "BYMONTHDAY",
                                                     "BYYEARDAY", "BYWEEKNO", "BYMONTH",   "BYSETPOS", "WKST"};

// Europe/Brussels as calendar programs expect it (the EU rules in force since
// 1996), rather than libical's full history under a vendor-prefixed TZID.
constexpr const char* kBrusselsZone =
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n"
    "BEGIN:DAYLIGHT\r\nTZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

Result<icalrecurrencetype> parse_rule(std::string_view rule) {
  std::string text(rule);
  if (text.rfind("RRULE:", 0) == 0) text.erase(0, 6);
  if (text.empty()) return fail("invalid_rule", "the recurrence rule is empty");
  bool has_freq = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::size_t eq = part.find('=');
    std::string name = part.substr(0, eq);
    if (eq == std::string::npos || eq + 1 == part.size()) {
      return fail("invalid_rule", "each part of the rule is NAME=VALUE; \"" + part.substr(0, 40) + "\" is not");
    }
    bool known = false;
    for (auto k : kParts) known = known || k == name;
    if (!known) return fail("invalid_rule", "unknown rule part \"" + name.substr(0, 40) + "\"");
    if (name == "FREQ") has_freq = true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!has_freq) return fail("invalid_rule", "the rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)");
  icalerror_clear_errno();
  icalrecurrencetype r = icalrecurrencetype_from_string(text.c_str());
  bool malformed = icalerrno != ICAL_NO_ERROR || r.freq == ICAL_NO_RECURRENCE;
  icalerror_clear_errno();
  if (malformed) {
    return fail("invalid_rule",
                "the rule is not valid RFC 5545 (check the values, and do not combine COUNT with UNTIL)");
  }
  if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE || r.freq == ICAL_HOURLY_RECURRENCE) {
    return fail("invalid_rule", "meetings recur at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)");
  }
  return r;
}

}  // namespace

IcalCalendar::IcalCalendar() {
  std::lock_guard lock(ical_mutex());
  zone_ = icaltimezone_get_builtin_timezone("Europe/Brussels");
}

Result<void> check_recurrence_rule(std::string_view rule) {
  std::lock_guard lock(ical_mutex());
  auto r = parse_rule(rule);
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<std::vector<Occurrence>> IcalCalendar::expand(const tables::Series& series, std::size_t max_count,
                                                     const LocalTime& until) const {
  std::lock_guard lock(ical_mutex());
  if (!zone_) return fail("calendar_unavailable", "the Europe/Brussels time zone is missing (install tzdata)");
  auto rule = parse_rule(series.rule);
  if (!rule) return tl::unexpected(rule.error());
  std::unique_ptr<icalrecur_iterator, decltype(&icalrecur_iterator_free)> it(
      icalrecur_iterator_new(*rule, floating(series.start)), &icalrecur_iterator_free);
  icalerror_clear_errno();
  if (!it) return fail("invalid_rule", "the rule yields no date (for example 30 February)");
  std::vector<Occurrence> out;
  std::int64_t duration = std::int64_t{series.duration_minutes} * 60'000'000;
  while (out.size() < max_count) {
    icaltimetype t = icalrecur_iterator_next(it.get());
    if (icaltime_is_null_time(t)) break;
    LocalTime local = local_of(t);
    if (until < local) break;
    std::int64_t start = utc_us(t, zone(zone_));
    out.push_back(Occurrence{local, start, start + duration});
  }
  icalerror_clear_errno();
  return out;
}

Result<std::int64_t> IcalCalendar::to_utc(const LocalTime& local) const {
  std::lock_guard lock(ical_mutex());
  if (!zone_) return fail("calendar_unavailable", "the Europe/Brussels time zone is missing (install tzdata)");
  return utc_us(floating(local), zone(zone_));
}

LocalTime IcalCalendar::to_local(std::int64_t utc_us_value) const {
  std::lock_guard lock(ical_mutex());
  time_t seconds = static_cast<time_t>(utc_us_value / 1'000'000);
  icaltimetype t = icaltime_from_timet_with_zone(seconds, 0, zone(zone_));
  return local_of(t);
}

std::string IcalCalendar::feed(std::string_view name, const std::vector<FeedEvent>& events,
                               std::int64_t generated_at_us) const {
  std::lock_guard lock(ical_mutex());
  icalcomponent* calendar = icalcomponent_new_vcalendar();
  icalcomponent_add_property(calendar, icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar, icalproperty_new_prodid("-//tafel//consultation tables//EN"));
  icalcomponent_add_property(calendar, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  std::string calname(name);
  icalproperty* x_name = icalproperty_new_x(calname.c_str());
  icalproperty_set_x_name(x_name, "X-WR-CALNAME");
  icalcomponent_add_property(calendar, x_name);
  if (icalcomponent* tz = icalparser_parse_string(kBrusselsZone)) icalcomponent_add_component(calendar, tz);

  icaltimetype stamp = icaltime_from_timet_with_zone(static_cast<time_t>(generated_at_us / 1'000'000), 0,
                                                     icaltimezone_get_utc_timezone());
  auto with_zone = [](icalproperty* p) {
    icalproperty_add_parameter(p, icalparameter_new_tzid("Europe/Brussels"));
    return p;
  };
  for (const auto& e : events) {
    icalcomponent* event = icalcomponent_new_vevent();
    icalcomponent_add_property(event, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(event, with_zone(icalproperty_new_dtstart(floating(e.start))));
    icalcomponent_add_property(event,
                               icalproperty_new_duration(icaldurationtype_from_int(e.duration_minutes * 60)));
    icalcomponent_add_property(event, icalproperty_new_summary(e.summary.c_str()));
    if (!e.location.empty()) icalcomponent_add_property(event, icalproperty_new_location(e.location.c_str()));
    if (!e.url.empty()) icalcomponent_add_property(event, icalproperty_new_url(e.url.c_str()));
    icalcomponent_add_property(event, icalproperty_new_sequence(static_cast<int>(e.sequence)));
    if (!e.rule.empty()) {
      if (auto rule = parse_rule(e.rule)) icalcomponent_add_property(event, icalproperty_new_rrule(*rule));
    }
    for (const auto& ex : e.exdates) {
      icalcomponent_add_property(event, with_zone(icalproperty_new_exdate(floating(ex))));
    }
    if (e.recurrence_id) {
      icalcomponent_add_property(event, with_zone(icalproperty_new_recurrenceid(floating(*e.recurrence_id))));
    }
    if (e.cancelled) icalcomponent_add_property(event, icalproperty_new_status(ICAL_STATUS_CANCELLED));
    icalcomponent_add_component(calendar, event);
  }
  std::string text = icalcomponent_as_ical_string(calendar);
  icalcomponent_free(calendar);
  icalerror_clear_errno();
  return text;
}

Result<std::size_t> count_calendar_events(std::string_view text) {
  std::lock_guard lock(ical_mutex());
  std::string copy(text);
  icalerror_clear_errno();
  icalcomponent* c = icalparser_parse_string(copy.c_str());
  if (!c || icalcomponent_isa(c) != ICAL_VCALENDAR_COMPONENT) {
    if (c) icalcomponent_free(c);
    return fail("invalid_calendar", "not an iCalendar document");
  }
  std::size_t count = icalcomponent_count_components(c, ICAL_VEVENT_COMPONENT);
  icalcomponent_free(c);
  icalerror_clear_errno();
  return count;
}

}  // namespace tafel::formats
