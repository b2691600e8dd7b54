// SqlSituationStore on SQLite and PostgreSQL: a situation at the response stage
// with its triangle, goals, action plan, voices, steps and confirmations survives a
// round trip exactly; stale saves are refused; lists follow the involved
// organisations; the directory's display names are read for the detector; and a
// change through the service commits with its audit entry.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/clock.h"
#include "app/situations/situation_service.h"
#include "core/directory/organisation.h"
#include "core/situations/identifier_detector.h"
#include "storage/audit_crypto.h"
#include "storage/directory_store.h"
#include "storage/situations/situation_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "support/organisations.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using namespace tafel::situations;

class SqlSituationStoreTest : public ::testing::TestWithParam<storage::Engine> {};

using test_support::add_organisation;

void add_user(storage::Database& db, std::int64_t org, const std::string& email, const std::string& name) {
  auto r = db.transaction([&](soci::session& s) {
    long long o = org, at = 0;
    s << "INSERT INTO users (organisation_id, email, display_name, role, language, active, password_hash, "
         "created_at) VALUES (:o, :e, :n, 'member', 'nl', 1, 'x', :t)",
        soci::use(o), soci::use(email), soci::use(name), soci::use(at);
  });
  ASSERT_TRUE(r) << r.error().message;
}

TEST_P(SqlSituationStoreTest, ASituationRoundTripsWithEverythingItHolds) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t police = add_organisation(database, clock, "Politie");
  std::int64_t street = add_organisation(database, clock, "Straathoekwerk");
  std::int64_t other = add_organisation(database, clock, "Jeugdhuis");
  storage::SqlSituationStore store(database, clock);

  Situation s;
  s.title = "Jongeren aan het stationsplein";
  s.behaviour = "Samenscholing in de vroege avond, de ingang wordt geblokkeerd";
  s.since = "maart 2026";
  s.area = 0;
  s.address = "Stationsplein";
  s.latitude = 51.3217;
  s.longitude = 4.9388;
  s.stage = Stage::response;
  s.triangle = {"groep jongeren", "reizigers", "stationshal", "jeugdwerk", "stationspersoneel", "NMBS"};
  s.action_plan = "Samen met de jongeren een plek zoeken";
  s.owner = police;
  s.participants = {street};
  s.table = 4;
  s.goals = {{police, "Vrije doorgang"}, {street, "Contact houden"}};
  s.actions = {{1, "Gesprek met de groep", street, 0, "2026-06-01", ActionStatus::open}};
  s.voices = {{2, "Er is hier niets voor ons.", "2026-05-02", street}};
  s.steps = {{Stage::scanning, Stage::analysis, 7, 100}, {Stage::analysis, Stage::response, 7, 200}};
  s.confirmations = {{"behaviour", "phone", 7, 150}};
  s.next_id = 3;
  auto stored = store.insert(s);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->version, 1);
  auto found = store.find(stored->id);
  ASSERT_TRUE(found && *found);
  Situation expected = s;
  expected.id = stored->id;
  expected.version = 1;
  EXPECT_EQ(**found, expected);

  auto changed = **found;
  changed.stage = Stage::assessment;
  changed.latitude.reset();
  changed.longitude.reset();
  changed.participants = {street, other};
  auto updated = store.update(changed);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(store.update(changed).error().code, "conflict");  // read at version 1
  EXPECT_EQ(**store.find(stored->id), *updated);
  EXPECT_EQ(store.list(other, 0, 100)->size(), 1u);
  EXPECT_EQ(store.list(police, 0, 100)->size(), 1u);
  changed = *updated;
  changed.participants = {street};
  ASSERT_TRUE(store.update(changed));
  EXPECT_TRUE(store.list(other, 0, 100)->empty());
  EXPECT_EQ(store.list(std::nullopt, 0, 100)->size(), 1u);
  EXPECT_EQ(*store.find(999), std::nullopt);
}

// Issue 21: lists are keyset pages, newest first; following the last id of each page
// visits every situation of the organisation once, and no other organisation's.
TEST_P(SqlSituationStoreTest, ListsAreKeysetPagesNewestFirst) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t police = add_organisation(database, clock, "Politie");
  std::int64_t street = add_organisation(database, clock, "Straathoekwerk");
  storage::SqlSituationStore store(database, clock);
  std::vector<std::int64_t> mine;
  for (int i = 0; i < 7; ++i) {
    Situation s;
    s.title = "Situatie " + std::to_string(i);
    s.owner = i % 3 == 0 ? street : police;
    auto saved = store.insert(s);
    ASSERT_TRUE(saved) << saved.error().message;
    if (s.owner == police) mine.insert(mine.begin(), saved->id);
  }
  std::vector<std::int64_t> seen;
  std::int64_t before = 0;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = store.list(police, before, 2);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_LE(page->size(), 2u);
    for (const auto& s : *page) seen.push_back(s.id);
    if (page->size() < 2) break;
    before = page->back().id;
  }
  EXPECT_EQ(seen, mine);
  auto all = store.list(std::nullopt, 0, 3);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_GT(all->at(0).id, all->at(1).id);
}

TEST_P(SqlSituationStoreTest, TheServiceSavesAndAuditsInOneTransactionAndReadsTheDirectorysNames) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t police = add_organisation(database, clock, "Politie");
  add_user(database, police, "y@example.be", "Yannick Vermeiren");
  storage::SqlSituationStore store(database, clock);
  add_user(database, police, "z@example.be", "  Zoë Peeters ");
  // Looked up by key (spaces trimmed, ASCII lowered), only the names asked for.
  EXPECT_EQ(*store.display_names_among({"yannick vermeiren"}), std::vector<std::string>{"Yannick Vermeiren"});
  EXPECT_EQ(*store.display_names_among(situations::name_candidates("Gezien: YANNICK Vermeiren en zoë peeters.")),
            (std::vector<std::string>{"  Zoë Peeters ", "Yannick Vermeiren"}));
  EXPECT_TRUE(store.display_names_among(situations::name_candidates("Zoe Peeters, Yannick"))->empty());
  std::vector<std::string> many(150, "x y");  // more keys than one statement takes
  many.push_back("yannick vermeiren");
  EXPECT_EQ(store.display_names_among(many)->size(), 1u);
  EXPECT_TRUE(*store.organisation_exists(police));
  EXPECT_FALSE(*store.organisation_exists(police + 100));
  EXPECT_FALSE(*store.area_exists(1));
  storage::SqlAuditTrail audit(database, storage::AuditKey::generate(), clock);
  storage::SqlUnitOfWork transactions(database);
  app::situations::SituationService service(store, store, audit, clock, transactions);
  app::situations::Caller caller{{1, police, access::Role::member, true}, {"req", "192.0.2.1"}};
  app::situations::SituationDraft d;
  d.title = "Park";
  d.behaviour = "Yannick Vermeiren en anderen aan de kiosk";
  EXPECT_EQ(service.create(caller, d, false).error().code, "identifier_suspected");
  d.behaviour = "Groep aan de kiosk";
  auto s = service.create(caller, d, false);
  ASSERT_TRUE(s) << s.error().message;
  long long entries = 0;
  ASSERT_TRUE(database.with_session([&](soci::session& session) {
    session << "SELECT COUNT(*) FROM audit_entry WHERE object_type = 'situation'", soci::into(entries);
  }));
  EXPECT_EQ(entries, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlSituationStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
