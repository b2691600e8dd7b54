// SqlNecessityStore on SQLite and PostgreSQL: a report survives a round trip exactly;
// a review's steps and state are kept; stale saves are refused; the queue holds an
// organisation's reviews, open ones first; and a report made through the service
// commits with its review and audit entries in one transaction.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/clock.h"
#include "app/necessity/necessity_service.h"
#include "core/directory/organisation.h"
#include "necessity/test_world.h"
#include "storage/audit_crypto.h"
#include "storage/directory_store.h"
#include "storage/necessity/necessity_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "support/organisations.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using necessity::Report;
using necessity::Review;
using necessity::ReviewState;

class SqlNecessityStoreTest : public ::testing::TestWithParam<storage::Engine> {};

using test_support::add_organisation;

TEST_P(SqlNecessityStoreTest, ReportsAndReviewsRoundTrip) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'790'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t caw = add_organisation(database, clock, "CAW");
  std::int64_t other = add_organisation(database, clock, "Politie");
  storage::SqlNecessityStore store(database, clock);

  Report r;
  r.author = 7;
  r.organisation = caw;
  r.ground = sharing::Ground::art_458bis;
  r.recipient = other;
  r.case_id = 5;
  r.categories = {sharing::Category::identity, sharing::Category::health};
  r.purpose = sharing::Purpose::integrity;
  r.justification.danger = sharing::Danger::other_victims;
  r.justification.cannot_protect = true;
  r.justification.higher_value = "Lichamelijke integriteit";
  r.tried = "Gesprek\nmet de moeder";
  r.reasoning = "Dringend — ‘gevaar’";
  r.decided_ground = sharing::Ground::art_458bis;
  r.obligations = {"record_reasoning"};
  r.created_at_us = 123;
  auto stored = store.insert_report(r);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_GT(stored->id, 0);
  auto found = store.find_report(stored->id);
  ASSERT_TRUE(found && *found);
  const Report& x = **found;
  EXPECT_EQ(x.author, 7);
  EXPECT_EQ(x.organisation, caw);
  EXPECT_EQ(x.ground, sharing::Ground::art_458bis);
  EXPECT_EQ(x.recipient, other);
  EXPECT_EQ(x.case_id, 5);
  EXPECT_EQ(x.categories, r.categories);
  EXPECT_EQ(x.justification.danger, sharing::Danger::other_victims);
  EXPECT_TRUE(x.justification.cannot_protect);
  EXPECT_EQ(x.justification.higher_value, r.justification.higher_value);
  EXPECT_FALSE(x.justification.other_means_exhausted);
  EXPECT_EQ(x.tried, r.tried);
  EXPECT_EQ(x.reasoning, r.reasoning);
  EXPECT_EQ(x.obligations, r.obligations);
  EXPECT_EQ(x.created_at_us, 123);
  EXPECT_EQ(store.reports_by(7)->size(), 1u);
  EXPECT_TRUE(store.reports_by(8)->empty());
  EXPECT_EQ(*store.find_report(999), std::nullopt);

  Review first;
  first.kind = "necessity_report";
  first.subject = stored->id;
  first.organisation = caw;
  first.author = 7;
  first.summary = "art_458bis report";
  auto a = store.insert_review(first);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->version, 1);
  Review second = first;
  second.kind = "contribution";
  second.subject = 42;
  auto b = store.insert_review(second);
  ASSERT_TRUE(b);
  Review elsewhere = first;
  elsewhere.organisation = other;
  elsewhere.subject = 99;
  ASSERT_TRUE(store.insert_review(elsewhere));

  Review changed = *a;
  ASSERT_TRUE(necessity::ask(changed, 3, "Waarom nu?", 200));
  auto saved = store.update_review(changed);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(store.update_review(changed).error().code, "conflict");
  Review closed = *b;
  ASSERT_TRUE(necessity::accept(closed, 3, 300));
  ASSERT_TRUE(store.update_review(closed));

  auto again = store.review_of("necessity_report", stored->id);
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->state, ReviewState::question);
  ASSERT_EQ((*again)->steps.size(), 1u);
  EXPECT_EQ((*again)->steps[0].text, "Waarom nu?");
  EXPECT_EQ((*again)->steps[0].by, 3);
  EXPECT_EQ((*again)->summary, "art_458bis report");
  EXPECT_EQ(*store.review_of("contribution", 999), std::nullopt);

  auto queue = store.reviews_of(caw);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ(queue->at(0).id, a->id);  // open first
  EXPECT_EQ(queue->at(1).state, ReviewState::accepted);
}

TEST_P(SqlNecessityStoreTest, AReportCommitsWithItsReviewAndAuditEntries) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'790'000'000}});
  storage::Database& database = (*db)->database();
  // The fixed world names organisations 10, 20, 30: create enough of them.
  std::int64_t org = 0;
  while (org < 30) org = add_organisation(database, clock, "Organisatie " + std::to_string(org + 1));
  storage::SqlNecessityStore store(database, clock);
  storage::SqlAuditTrail audit(database, storage::AuditKey::generate(), clock);
  storage::SqlUnitOfWork transactions(database);
  app::cases::MemoryCaseDirectory cases;
  test_support::put_test_cases(cases);
  test_support::FixedSharingWorld world;
  app::necessity::NecessityService service(store, cases, world, audit, clock, transactions);
  app::necessity::Caller worker{{1, 10, access::Role::member, true}, {"req", "192.0.2.1"}};
  app::necessity::Claim c;
  c.ground = sharing::Ground::art_458bis;
  c.recipient = 20;
  c.case_id = 5;
  c.categories = {sharing::Category::identity};
  c.justification.danger = sharing::Danger::serious_imminent;
  c.justification.cannot_protect = true;
  c.reasoning = "Acuut gevaar.";
  auto made = service.submit(worker, c);
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_TRUE(made->report);
  long long entries = 0, reviews = 0;
  ASSERT_TRUE(database.with_session([&](soci::session& session) {
    session << "SELECT COUNT(*) FROM audit_entry WHERE object_type IN ('necessity_report', 'dpo_review', 'person')",
        soci::into(entries);
    session << "SELECT COUNT(*) FROM dpo_reviews WHERE organisation_id = 10 AND state = 'pending'", soci::into(reviews);
  }));
  EXPECT_EQ(entries, 3);
  EXPECT_EQ(reviews, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlNecessityStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
