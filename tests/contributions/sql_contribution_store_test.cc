// SqlContributionStore on SQLite and PostgreSQL: a contribution with its parts and
// shares survives a round trip exactly; the stored document is sealed (no text in
// clear in the table); stale saves are refused; lists follow the situation or case.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/clock.h"
#include "core/directory/organisation.h"
#include "storage/contributions/contribution_store.h"
#include "storage/directory_store.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using namespace tafel::contributions;
using sharing::Category;

class SqlContributionStoreTest : public ::testing::TestWithParam<storage::Engine> {};

std::vector<std::uint8_t> key(std::uint8_t fill) { return std::vector<std::uint8_t>(32, fill); }

TEST_P(SqlContributionStoreTest, AContributionRoundTripsSealedAndStaleSavesAreRefused) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  storage::SqlDirectoryStore directory(database, clock);
  directory::Organisation o;
  o.name = "CAW";
  o.finality = "Test";
  o.languages = {"nl"};
  std::int64_t welfare = *directory.create_organisation(o);
  storage::SqlContributionStore store(database, clock, storage::SecretSealer(key(7)));

  Contribution c;
  c.case_id = 5;
  c.track = Track::safety;
  c.kind = Kind::fact;
  c.classification = Classification::secret;
  c.source = welfare;
  c.author = 31;
  c.parts = {{Category::aggregate, "Samenscholing"}, {Category::identity, "Vermeiren, Heidebaan 12"}};
  c.purpose = sharing::Purpose::integrity;
  c.professional_judgement = true;
  c.reasoning = "In het belang van de jongere";
  Share s;
  s.from = welfare;
  s.recipient = 1;
  s.status = ShareStatus::shared;
  s.ground = "case_consultation";
  s.obligations = {"secrecy_bound", "use_restricted"};
  s.use_restricted = true;
  s.categories = {Category::identity};
  s.context = {7, true, {1, welfare}};
  s.by = 31;
  s.at_us = 42;
  Share denied = s;
  denied.recipient = 2;
  denied.status = ShareStatus::denied;
  denied.ground.clear();
  denied.reasons = {"consent_missing"};
  denied.origin_ground = "consent";
  denied.origin_table = 3;
  c.shares = {s, denied};
  c.created_at_us = 41;
  auto stored = store.insert(c);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->version, 1);

  auto found = store.find(stored->id);
  ASSERT_TRUE(found && *found);
  Contribution expected = c;
  expected.id = stored->id;
  expected.version = 1;
  EXPECT_EQ((*found)->parts, expected.parts);
  EXPECT_EQ((*found)->shares, expected.shares);
  EXPECT_EQ((*found)->reasoning, expected.reasoning);
  EXPECT_EQ((*found)->classification, Classification::secret);
  EXPECT_EQ((*found)->track, Track::safety);

  std::string raw;
  auto read = database.with_session([&](soci::session& session) {
    long long id = stored->id;
    session << "SELECT document FROM contributions WHERE id = :i", soci::use(id), soci::into(raw);
  });
  ASSERT_TRUE(read);
  EXPECT_EQ(raw.find("Vermeiren"), std::string::npos);
  EXPECT_TRUE(storage::SecretSealer::is_sealed(raw));

  auto changed = **found;
  changed.shares.pop_back();
  ASSERT_TRUE(store.update(changed));
  EXPECT_EQ(store.update(changed).error().code, "conflict");  // read at version 1, now 2
  EXPECT_EQ((*store.find(stored->id))->shares.size(), 1u);

  EXPECT_EQ(store.for_case(5)->size(), 1u);
  EXPECT_TRUE(store.for_case(6)->empty());
  EXPECT_TRUE(store.for_situation(5)->empty());

  storage::SqlContributionStore other_key(database, clock, storage::SecretSealer(key(8)));
  EXPECT_EQ(other_key.find(stored->id).error().code, "corrupt_record");
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlContributionStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
