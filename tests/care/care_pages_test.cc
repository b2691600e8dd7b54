// The catalogue through the router `tafel serve` builds: the read-only page shows
// every organisation's services with their capacity, labels in the reader's language
// and a mark on stale capacity; the HSDS API pages with a Link header.

#include "web/pages_fixture.h"

#include <boost/json.hpp>

#include "app/care/catalogue_service.h"

namespace tafel {
namespace {

using namespace web_test;
using namespace tafel::care;

class CarePagesTest : public PagesTest {
 protected:
  Service add(directory::OrganisationId org, const std::string& name, std::string confirmed) {
    Service s;
    s.organisation = org;
    s.name = name;
    s.needs = {Need::addiction};
    s.target_groups = {TargetGroup::youth};
    s.languages = {"fr", "nl"};
    s.contact.phone = "014 00 80 00";
    s.capacity = {15, 11, 42, std::move(confirmed)};
    app::care::Caller platform{{0, 0, Role::platform_admin, true}, {"test", ""}};
    auto created = runtime_->catalogue().create(platform, s);
    EXPECT_TRUE(created) << created.error().message;
    return *created;
  }
};

TEST_F(CarePagesTest, EverySignedInUserSeesTheCatalogueWithCapacityAndStaleMarks) {
  std::string today = runtime_->catalogue().today();
  add(org_a_, "Ambulante begeleiding jongeren", today);
  add(org_b_, "Slachtofferbejegening", "");  // never confirmed: stale
  Browser reader = login("member@b.example");
  reader.lang = "fr";
  auto page = send(reader, "GET", "/care/services");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(count(page.body, "data-service="), 2);
  EXPECT_EQ(count(page.body, "Ambulante begeleiding jongeren"), 1);
  EXPECT_EQ(count(page.body, "Welzijnshuis"), 1);  // the other organisation's service too
  EXPECT_GE(count(page.body, "Assuétudes"), 2);
  EXPECT_GE(count(page.body, "42 jours"), 2);
  EXPECT_EQ(count(page.body, "govuk-tag--yellow"), 1);
  EXPECT_EQ(count(page.body, "care."), 0) << "a catalog key leaked";
  EXPECT_EQ(send(Browser{}, "GET", "/care/services").status, 303);
}

TEST_F(CarePagesTest, TheHsdsApiServesPagesOfServicesWithTheNextInTheLinkHeader) {
  for (const char* name : {"Een", "Twee", "Drie"}) add(org_a_, name, "");
  Browser reader = login("member@a.example");
  auto first = send(reader, "GET", "/api/v1/hsds/services?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  auto services = boost::json::parse(first.body).as_array();
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[0].at("name").as_string(), "Een");
  EXPECT_EQ(services[0].at("organization").at("name").as_string(), "Welzijnshuis");
  EXPECT_EQ(services[0].at("x-tafel-capacity").at("people_waiting").as_int64(), 11);
  std::string link(first.header("link"));
  ASSERT_EQ(link.rfind("</api/v1/hsds/services?after=", 0), 0u) << link;
  std::string next = link.substr(1, link.find('>') - 1);
  auto second = send(reader, "GET", next);
  ASSERT_EQ(second.status, 200);
  auto rest = boost::json::parse(second.body).as_array();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].at("name").as_string(), "Drie");
  EXPECT_TRUE(second.header("link").empty());
}

}  // namespace
}  // namespace tafel
