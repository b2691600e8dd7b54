// The catalogue's use cases over the memory store: every signed-in user reads it;
// only the organisation's own admin (or a platform admin) creates, edits and confirms
// capacity, each change audited; the import refuses record by record and writes
// nothing on a refusal unless partial.

#include <gtest/gtest.h>

#include "app/audit/audit_trail.h"
#include "app/care/catalogue_service.h"
#include "app/clock.h"

namespace tafel::app::care {
namespace {

using namespace tafel::care;
using access::Role;

struct CatalogueServiceTest : ::testing::Test {
  MemoryCatalogueStore store;
  audit::MemoryAuditTrail audit;
  ManualClock clock{Instant{std::chrono::seconds{1'780'000'000}}};  // 2026-05-28
  CatalogueService service{store, store, audit, clock, UnitOfWork::immediate()};

  static Caller caller(access::UserId user, access::OrganisationId org, Role role) {
    return {access::Principal{user, org, role, true}, {"req", "192.0.2.7"}};
  }
  Caller admin = caller(11, 1, Role::organisation_admin), member = caller(12, 1, Role::member),
         observer = caller(13, 1, Role::observer), other_admin = caller(21, 2, Role::organisation_admin),
         platform = caller(1, 9, Role::platform_admin);

  CatalogueServiceTest() {
    store.organisations = {{1, "CAW De Nethe", "Welzijn", ""}, {2, "OCMW Nethegem", "Sociale dienst", ""}};
    store.contact_points = {{5, 1}, {6, 2}};
  }

  static Service draft() {
    Service s;
    s.name = "Onthaal";
    s.needs = {Need::housing, Need::income};
    s.target_groups = {TargetGroup::adults};
    s.areas = {"Oosterveld"};
    s.languages = {"nl"};
    s.hours = {{Weekday::monday, "09:00", "12:00"}};
    s.contact.phone = "014 00 50 00";
    return s;
  }
};

TEST_F(CatalogueServiceTest, OnlyTheOrganisationsOwnAdminChangesItsServicesAndEveryoneReadsThem) {
  EXPECT_EQ(service.create(member, draft()).error().code, "forbidden");
  EXPECT_EQ(service.create(observer, draft()).error().code, "forbidden");
  auto s = service.create(admin, draft());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->organisation, 1);
  auto other = draft();
  other.organisation = 1;
  EXPECT_EQ(service.create(other_admin, other).error().code, "forbidden");
  EXPECT_TRUE(service.create(platform, other));

  auto edit = draft();
  edit.name = "Onthaal en eerste hulp";
  EXPECT_EQ(service.update(other_admin, s->id, edit).error().code, "forbidden");
  EXPECT_EQ(service.update(member, s->id, edit).error().code, "forbidden");
  auto edited = service.update(admin, s->id, edit);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->name, "Onthaal en eerste hulp");
  EXPECT_EQ(service.confirm_capacity(other_admin, s->id, 10, 2, 7).error().code, "forbidden");

  for (const Caller& c : {member, observer, other_admin, caller(31, 3, Role::dpo)}) {
    EXPECT_EQ(service.service(c, s->id)->name, "Onthaal en eerste hulp");
    EXPECT_EQ(service.list(c, std::nullopt)->services.size(), 2u);
  }
  auto entries = audit.entries();
  ASSERT_EQ(entries.size(), 3u);  // two creations, one edit
  EXPECT_EQ(entries[2].object_type, "care_service");
  EXPECT_EQ(entries[2].actor, "11");
}

TEST_F(CatalogueServiceTest, ConfirmingCapacityDatesItTodayAndStaleServicesAreListed) {
  auto s = service.create(admin, draft());
  ASSERT_TRUE(s);
  EXPECT_EQ(service.stale(admin, 1)->size(), 1u);  // never confirmed
  auto confirmed = service.confirm_capacity(admin, s->id, 12, 19, 120);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->capacity, (Capacity{12, 19, 120, "2026-05-28"}));
  EXPECT_TRUE(service.stale(admin, 1)->empty());
  clock.advance(std::chrono::hours{24 * 31});
  EXPECT_EQ(service.stale(admin, 1)->size(), 1u);
  EXPECT_EQ(service.confirm_capacity(admin, s->id, -1, 0, std::nullopt).error().code, "invalid_input");
  EXPECT_EQ(audit.entries().back().object_type, "care_service_capacity");
}

TEST_F(CatalogueServiceTest, AContactPointMustBeTheOrganisations) {
  auto d = draft();
  d.contact = {6, "", ""};
  EXPECT_EQ(service.create(admin, d).error().code, "invalid_input");
  d.contact = {5, "", ""};
  EXPECT_TRUE(service.create(admin, d));
}

TEST_F(CatalogueServiceTest, AnImportWithARefusalWritesNothingUnlessPartial) {
  auto record = [](std::string path, std::string org, std::string id, std::string name) {
    ImportRecord r;
    r.path = std::move(path);
    r.organisation.name = std::move(org);
    r.organisation.description = "Wat we doen";
    r.service = draft();
    r.service.external_id = std::move(id);
    r.service.name = std::move(name);
    return r;
  };
  std::vector<ImportRecord> records = {record("$[0]", "CAW De Nethe", "a", "Onthaal"),
                                       record("$[1]", "Nieuwe vzw", "b", "Buddywerking"),
                                       record("$[2]", "CAW De Nethe", "c", "")};
  auto report = service.import(platform, records, {{"$[3].phones[0]", "an object"}}, false);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_FALSE(report->written);
  EXPECT_EQ(report->refused, (std::vector<Refusal>{{"$[3].phones[0]", "an object"},
                                                   {"$[2]", "name: 1 to 200 characters"}}));
  EXPECT_TRUE(service.list(platform, std::nullopt)->services.empty());
  EXPECT_EQ(store.organisations.size(), 2u);

  report = service.import(platform, records, {}, true);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->created, 2u);
  EXPECT_EQ(report->organisations_added, 1u);
  EXPECT_EQ(service.list(platform, std::nullopt)->services.size(), 2u);
  // The same HSDS id again replaces the service.
  records = {record("$[0]", "CAW De Nethe", "a", "Onthaal CAW")};
  report = service.import(platform, records, {}, false);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->updated, 1u);
  EXPECT_EQ(service.list(platform, std::nullopt)->services.front().name, "Onthaal CAW");
  // An organisation admin imports only for its own organisation and adds none.
  records = {record("$[0]", "OCMW Nethegem", "x", "Leefloon"), record("$[1]", "Onbekend", "y", "Iets")};
  report = service.import(admin, records, {}, false);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->written);
  ASSERT_EQ(report->refused.size(), 2u);
  EXPECT_EQ(report->refused[0].path, "$[0]");
  EXPECT_NE(report->refused[1].reason.find("not in the directory"), std::string::npos);
}

}  // namespace
}  // namespace tafel::app::care
