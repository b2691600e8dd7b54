// SqlCatalogueStore on SQLite and PostgreSQL: a service with everything it holds
// survives a round trip; updates are versioned; lists page by organisation; the HSDS
// id finds the imported service; organisations are found by name and added; and a
// change through the use case commits with its audit entry.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/care/catalogue_service.h"
#include "app/clock.h"
#include "core/directory/organisation.h"
#include "storage/audit_crypto.h"
#include "storage/care/catalogue_store.h"
#include "storage/directory_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "support/organisations.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using namespace tafel::care;

class SqlCatalogueStoreTest : public ::testing::TestWithParam<storage::Engine> {};

// The organisations of this test state "Hulp" as their finality (read back below).
std::int64_t add_organisation(storage::Database& db, const app::Clock& clock, const std::string& name) {
  return test_support::add_organisation(db, clock, name, "Hulp");
}

Service sample(std::int64_t org, std::string name) {
  Service s;
  s.organisation = org;
  s.name = std::move(name);
  s.description = "Begeleiding voor jongeren met problematisch gebruik";
  s.target_groups = {TargetGroup::youth};
  s.needs = {Need::addiction, Need::mental_health};
  s.areas = {"Kapelhoek", "Oosterveld"};
  s.languages = {"fr", "nl"};
  s.eligibility = "12 tot 21 jaar";
  s.intake = "Aanmelding door de jongere, ouders, school of politie";
  s.address = "Stationsstraat 40";
  s.hours = {{Weekday::monday, "09:00", "17:00"}, {Weekday::friday, "09:00", "12:00"}};
  s.contact = {0, "014 00 80 10", "jongeren@drugpunt.example"};
  s.capacity = {15, 11, 42, "2026-05-01"};
  return s;
}

TEST_P(SqlCatalogueStoreTest, AServiceRoundTripsUpdatesAndListsByOrganisation) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t drugs = add_organisation(database, clock, "Drugpunt");
  std::int64_t caw = add_organisation(database, clock, "CAW");
  storage::SqlCatalogueStore store(database, clock);

  Service s = sample(drugs, "Ambulante begeleiding");
  s.external_id = "ac148810-d857-441c-9679-408f346de14b";
  auto stored = store.insert(s);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->version, 1);
  auto found = store.find(stored->id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ(**found, *stored);
  Service unknown_wait = sample(caw, "Onthaal");
  unknown_wait.capacity.median_wait_days.reset();
  unknown_wait.capacity.last_confirmed.clear();
  auto second = store.insert(unknown_wait);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(**store.find(second->id), *second);
  EXPECT_EQ(store.insert(s).error().code, "conflict");  // the same HSDS id

  Service edited = **found;
  edited.capacity = {16, 3, 20, "2026-05-28"};
  auto updated = store.update(edited);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ((*store.find(stored->id))->capacity.waiting, 3);
  EXPECT_EQ(store.update(edited).error().code, "conflict");  // read at version 1
  edited.id = 999;
  EXPECT_EQ(store.update(edited).error().code, "not_found");
  EXPECT_EQ((*store.find_external("ac148810-d857-441c-9679-408f346de14b"))->id, stored->id);
  EXPECT_FALSE(*store.find_external("other"));

  ASSERT_TRUE(store.insert(sample(drugs, "Vrije inloop")));
  auto of_drugs = store.list(drugs, 0, 10);
  ASSERT_TRUE(of_drugs);
  ASSERT_EQ(of_drugs->size(), 2u);
  EXPECT_EQ(of_drugs->at(0).name, "Ambulante begeleiding");
  EXPECT_EQ(of_drugs->at(1).name, "Vrije inloop");
  EXPECT_EQ(store.list(caw, 0, 10)->size(), 1u);
  auto first = store.list(std::nullopt, 0, 2);
  ASSERT_EQ(first->size(), 2u);
  auto rest = store.list(std::nullopt, first->back().id, 2);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(rest->front().name, "Vrije inloop");
}

TEST_P(SqlCatalogueStoreTest, OrganisationsAreFoundByNameAndAddedAndChangesAreAudited) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t caw = add_organisation(database, clock, "CAW De Nethe");
  storage::SqlCatalogueStore store(database, clock);
  EXPECT_EQ((*store.organisation_named("CAW De Nethe"))->id, caw);
  EXPECT_EQ((*store.organisation(caw))->description, "Hulp");
  EXPECT_FALSE(*store.organisation_named("CAW"));
  EXPECT_FALSE(*store.contact_point_of(1, caw));

  storage::SqlAuditTrail audit(database, storage::AuditKey::generate(), clock);
  storage::SqlUnitOfWork transactions(database);
  app::care::CatalogueService service(store, store, audit, clock, transactions);
  app::care::Caller platform{{1, caw, access::Role::platform_admin, true}, {"req", "192.0.2.1"}};
  app::care::ImportRecord r;
  r.path = "$[0]";
  r.organisation = {0, "Nieuwe vzw", "Buddywerking", "https://vzw.example"};
  r.service = sample(0, "Buddy's");
  r.service.external_id = "e94c9f38-1e8f-4564-91d4-d53501ab1765";
  auto report = service.import(platform, {r}, {}, false);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->created, 1u);
  EXPECT_EQ(report->organisations_added, 1u);
  auto added = store.organisation_named("Nieuwe vzw");
  ASSERT_TRUE(added && *added);
  EXPECT_EQ((*added)->website, "https://vzw.example");
  EXPECT_EQ(store.list((*added)->id, 0, 10)->size(), 1u);
  auto confirmed = service.confirm_capacity(platform, store.list((*added)->id, 0, 1)->front().id, 4, 1, 3);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->capacity.last_confirmed, "2026-05-28");
  long long entries = 0;
  ASSERT_TRUE(database.with_session([&](soci::session& session) {
    session << "SELECT COUNT(*) FROM audit_entry WHERE object_type LIKE 'care_service%'", soci::into(entries);
  }));
  EXPECT_EQ(entries, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlCatalogueStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
