#pragma once
// The calendar port (app/tables/calendar.h) on libical 3.0: RFC 5545 recurrence
// rules expanded in local time and converted with the Europe/Brussels zone rules,
// and iCalendar feeds with a VTIMEZONE for Europe/Brussels.
//
// Why local expansion: a series agreed "every second Tuesday at 19:00" must stay at
// 19:00 on the wall clock across the daylight-saving change; expanding in UTC would
// move it by an hour. libical expands the rule on floating (zone-less) times and
// each occurrence is then converted with the zone.

#include "app/tables/calendar.h"

namespace tafel::formats {

class IcalCalendar final : public app::tables::Calendar {
 public:
  IcalCalendar();

  Result<std::vector<app::tables::Occurrence>> expand(const tables::Series& series, std::size_t max_count,
                                                      const tables::LocalTime& until) const override;
  Result<std::int64_t> to_utc(const tables::LocalTime& local) const override;
  tables::LocalTime to_local(std::int64_t utc_us) const override;
  std::string feed(std::string_view name, const std::vector<app::tables::FeedEvent>& events,
                   std::int64_t generated_at_us) const override;

 private:
  void* zone_;  // icaltimezone*, owned by libical's built-in zone table
};

// Checks an RRULE value; on failure the message says what is wrong. Exposed for the
// tests and the API's early validation.
Result<void> check_recurrence_rule(std::string_view rule);

// Parses an iCalendar document and counts its VEVENTs; "invalid_calendar" when
// libical cannot read it. Used by tests and by whoever wants to check a feed.
Result<std::size_t> count_calendar_events(std::string_view text);

}  // namespace tafel::formats
