// The catalogue's value rules (core/care/service.h): each refusal names its field,
// the stale rule counts calendar days from the last confirmation, and the code lists
// read back by their names.

#include <gtest/gtest.h>

#include "core/care/service.h"

namespace tafel::care {
namespace {

Service valid() {
  Service s;
  s.organisation = 3;
  s.name = "Drugpunt vrije inloop";
  s.hours = {{Weekday::monday, "13:00", "18:00"}};
  s.contact.phone = "014 00 80 00";
  s.languages = {"nl", "fr"};
  s.capacity = {25, 4, 10, "2026-05-01"};
  return s;
}

TEST(CareCore, AValidServicePassesAndEachRefusalNamesItsField) {
  EXPECT_TRUE(check_service(valid()));
  auto refused = [](auto change) {
    Service s = valid();
    change(s);
    auto r = check_service(s);
    EXPECT_FALSE(r);
    return r ? std::string() : r.error().code + " " + r.error().message;
  };
  EXPECT_EQ(refused([](Service& s) { s.name.clear(); }).rfind("invalid_input name", 0), 0u);
  EXPECT_NE(refused([](Service& s) { s.organisation = 0; }).find("organisation"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.hours = {{Weekday::friday, "18:00", "09:00"}}; }).find("hours"),
            std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.hours = {{Weekday::friday, "9h", "17:00"}}; }).find("hours"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.languages = {"Nederlands"}; }).find("languages"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.contact = {}; }).find("contact"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.contact.email = "no-at-sign"; }).find("contact.email"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.capacity.waiting = -1; }).find("capacity"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.capacity.median_wait_days = -2; }).find("median"), std::string::npos);
  EXPECT_NE(refused([](Service& s) { s.capacity.last_confirmed = "2026-02-30"; }).find("last_confirmed"),
            std::string::npos);
}

TEST(CareCore, CapacityIsStaleMoreThanThirtyDaysAfterItsLastConfirmationOrWhenNeverConfirmed) {
  Capacity c{10, 2, 5, "2026-05-01"};
  EXPECT_FALSE(is_stale(c, "2026-05-01"));
  EXPECT_FALSE(is_stale(c, "2026-05-31"));  // 30 days
  EXPECT_TRUE(is_stale(c, "2026-06-01"));   // 31 days
  EXPECT_FALSE(is_stale(c, "2026-06-01", 31));
  c.last_confirmed.clear();
  EXPECT_TRUE(is_stale(c, "2026-05-01"));
  EXPECT_EQ(days_between("2024-02-28", "2024-03-01"), 2);  // a leap year
  EXPECT_EQ(days_between("2025-12-31", "2026-01-01"), 1);
  EXPECT_EQ(days_between("2026-01-02", "2026-01-01"), -1);
  EXPECT_FALSE(days_between("2026-13-01", "2026-01-01"));
}

TEST(CareCore, CodeListsReadBackByName) {
  for (const auto& [value, name] : kTargetGroupNames) EXPECT_EQ(parse_target_group(name), value);
  for (const auto& [value, name] : kNeedNames) EXPECT_EQ(parse_need(name), value);
  for (const auto& [value, name] : kWeekdayNames) EXPECT_EQ(parse_weekday(name), value);
  EXPECT_FALSE(parse_need("motivation"));
  EXPECT_EQ(name_of(Need::mental_health), "mental_health");
  EXPECT_EQ(name_of(Weekday::thursday), "TH");
}

TEST(CareCore, NormaliseSortsAndDeduplicatesSoEqualCataloguesCompareEqual) {
  Service a = valid(), b = valid();
  a.needs = {Need::housing, Need::addiction, Need::housing};
  b.needs = {Need::addiction, Need::housing};
  a.hours = {{Weekday::friday, "09:00", "12:00"}, {Weekday::monday, "13:00", "18:00"}};
  b.hours = {{Weekday::monday, "13:00", "18:00"}, {Weekday::friday, "09:00", "12:00"}};
  normalise(a);
  normalise(b);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace tafel::care
