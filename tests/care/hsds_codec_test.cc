// The HSDS 3.0 mapping (web/care/hsds_codec.h): a service written and read back is
// the same service; the reader takes the three shapes of the HSDS examples and names
// the JSON path of what it refuses.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "web/care/hsds_codec.h"

namespace tafel::web::care {
namespace {

using namespace tafel::care;
namespace json = boost::json;

Service sample() {
  Service s;
  s.id = 7;
  s.organisation = 3;
  s.name = "Ambulante begeleiding";
  s.description = "Begeleiding voor jongeren";
  s.target_groups = {TargetGroup::youth, TargetGroup::families};
  s.needs = {Need::addiction, Need::mental_health};
  s.areas = {"Oosterveld", "Kapelhoek"};
  s.languages = {"nl", "fr"};
  s.eligibility = "12 tot 21 jaar";
  s.intake = "Aanmelding door ouders of school";
  s.address = "Stationsstraat 40, Nethegem";
  s.hours = {{Weekday::monday, "09:00", "17:00"}, {Weekday::tuesday, "09:00", "17:00"},
             {Weekday::saturday, "10:00", "12:00"}};
  s.contact = {0, "014 00 80 10", "jongeren@drugpunt.example"};
  s.capacity = {15, 11, 42, "2026-05-01"};
  normalise(s);
  return s;
}

app::care::CatalogueOrganisation org() { return {3, "Drugpunt Nethegem", "Preventie en begeleiding", "https://drugpunt.example"}; }

TEST(HsdsCodec, AServiceWrittenAndReadBackIsTheSameService) {
  json::object o = hsds_service(sample(), org());
  EXPECT_EQ(o.at("id").as_string(), derived_uuid(1, 7));
  EXPECT_EQ(o.at("organization").at("name").as_string(), "Drugpunt Nethegem");
  EXPECT_EQ(o.at("x-tafel-capacity").at("people_waiting").as_int64(), 11);
  EXPECT_EQ(o.at("schedules").as_array().size(), 2u);  // one per distinct opening time
  EXPECT_EQ(o.at("schedules").at(0).at("byday").as_string(), "MO,TU");
  auto read = read_hsds(json::serialize(json::array{o}));
  ASSERT_TRUE(read.refused.empty()) << read.refused.front().path << ": " << read.refused.front().reason;
  ASSERT_EQ(read.records.size(), 1u);
  EXPECT_EQ(read.records[0].path, "$[0]");
  EXPECT_EQ(read.records[0].organisation.name, "Drugpunt Nethegem");
  EXPECT_EQ(read.records[0].organisation.website, "https://drugpunt.example");
  Service back = read.records[0].service;
  normalise(back);
  Service expected = sample();
  expected.id = 0;
  expected.organisation = 0;
  expected.external_id = derived_uuid(1, 7);
  EXPECT_EQ(back, expected);
}

TEST(HsdsCodec, EveryRefusalNamesItsJsonPath) {
  json::object good = hsds_service(sample(), org());
  json::object bad_day = good, no_name = good, bad_type = good, no_org = good;
  bad_day["schedules"].as_array()[1].as_object()["byday"] = "SA,ZZ";
  no_name.erase("name");
  bad_type["phones"] = "014";
  no_org.erase("organization");
  auto read = read_hsds(json::serialize(json::array{good, bad_day, no_name, bad_type, no_org, 42}));
  EXPECT_EQ(read.records.size(), 1u);
  std::vector<std::string> paths;
  for (const auto& r : read.refused) paths.push_back(r.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"$[1].schedules[1].byday", "$[2].name", "$[3].phones",
                                             "$[4].organization", "$[5]"}));
  auto not_json = read_hsds("[{");
  ASSERT_EQ(not_json.refused.size(), 1u);
  EXPECT_EQ(not_json.refused[0].path, "$");
}

std::string example(const char* name) {
  std::ifstream in(std::string(TAFEL_SOURCE_DIR) + "/../shared/standards/hsds-3.0/examples/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(HsdsCodec, TheThreeHsdsExamplesRead) {
  for (const char* name : {"service_full.json", "organization_full.json", "service_at_location_full.json"}) {
    std::string text = example(name);
    if (text.empty()) GTEST_SKIP() << "the shared HSDS examples are not there";
    auto read = read_hsds(text);
    ASSERT_TRUE(read.refused.empty()) << name << ": " << read.refused.front().path << ": " << read.refused.front().reason;
    ASSERT_EQ(read.records.size(), 1u) << name;
    const auto& r = read.records[0];
    EXPECT_EQ(r.organisation.name, "Example Organization Inc.") << name;
    EXPECT_EQ(r.service.name, "Community Counselling");
    EXPECT_EQ(r.service.contact.phone, "+44 1234 234567");  // the example's quotes dropped
    EXPECT_EQ(r.service.hours.size(), 2u);                  // TH,FR 10:00-18:00
    EXPECT_EQ(r.service.languages, std::vector<std::string>{"ur"});
    EXPECT_FALSE(r.service.address.empty()) << name;
    Service s = r.service;
    s.organisation = 1;
    normalise(s);
    EXPECT_TRUE(check_service(s)) << name << ": " << check_service(s).error().message;
  }
}

}  // namespace
}  // namespace tafel::web::care
