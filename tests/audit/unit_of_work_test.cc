// A change and its audit entry commit together or not at all (issue 5, "the audit
// entry of a change is written in the same transaction as the change"), on both
// engines: storage::SqlUnitOfWork with the production SqlAuditTrail.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <string>

#include "app/clock.h"
#include "storage/audit_crypto.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

namespace audit = core::audit;
using app::audit::Origin;
using test_support::TestDatabase;

class UnitOfWorkTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    trail_ = std::make_unique<SqlAuditTrail>(db_->database(), key_, clock_);
    work_ = std::make_unique<SqlUnitOfWork>(db_->database());
  }

  Database& database() { return db_->database(); }

  // "The change": a row in a plain table of the schema.
  Result<void> insert_area(const std::string& name) {
    return database().with_session([&](soci::session& sql) {
      sql << "INSERT INTO areas (kind, name) VALUES ('municipality', :n)", soci::use(name);
    });
  }

  long long areas() {
    long long n = -1;
    EXPECT_TRUE(database().with_session([&](soci::session& sql) { sql << "SELECT COUNT(*) FROM areas", soci::into(n); }));
    return n;
  }

  Result<std::uint64_t> record(std::string object_id) {
    audit::Entry e;
    e.actor = "1";
    e.organisation = "1";
    e.action = audit::Action::create;
    e.object_type = "area";
    e.object_id = std::move(object_id);
    return trail_->record(std::move(e), Origin{"req", "192.0.2.1"});
  }

  std::uint64_t log_size() {
    auto n = trail_->log().size();
    EXPECT_TRUE(n) << n.error().message;
    return n ? *n : 0;
  }

  void expect_log_verifies() {
    auto report = trail_->log().verify(key_.public_key_hex());
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->intact()) << report->problem->message;
  }

  app::ManualClock clock_{app::Instant(std::chrono::microseconds(1'767'225'600'000'000))};
  AuditKey key_ = AuditKey::generate();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<SqlAuditTrail> trail_;
  std::unique_ptr<SqlUnitOfWork> work_;
};

TEST_P(UnitOfWorkTest, AChangeAndItsEntryCommitTogether) {
  auto done = work_->run([&]() -> Result<void> {
    if (auto r = insert_area("Nethegem"); !r) return r;
    auto seq = record("1");
    if (!seq) return tl::unexpected(seq.error());
    // Inside the unit the entry is already in the log (same transaction).
    EXPECT_EQ(*seq, 1u);
    return {};
  });
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(areas(), 1);
  EXPECT_EQ(log_size(), 1u);
  expect_log_verifies();
}

TEST_P(UnitOfWorkTest, AFailingUseCaseLeavesNeitherTheChangeNorItsEntry) {
  auto done = work_->run([&]() -> Result<void> {
    if (auto r = insert_area("Nethegem"); !r) return r;
    if (auto seq = record("1"); !seq) return tl::unexpected(seq.error());
    return fail("conflict", "someone else saved it meanwhile");
  });
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, "conflict") << "the use case's own error comes back unchanged";
  EXPECT_EQ(areas(), 0);
  EXPECT_EQ(log_size(), 0u);
  // The next append continues the chain where it was: nothing half-written remains.
  ASSERT_TRUE(record("after"));
  EXPECT_EQ(log_size(), 1u);
  expect_log_verifies();
}

TEST_P(UnitOfWorkTest, AnEntryThatCannotBeWrittenUndoesTheChange) {
  auto done = work_->run([&]() -> Result<void> {
    if (auto r = insert_area("Nethegem"); !r) return r;
    auto seq = record(std::string(300, 'x'));  // longer than an entry field may be
    if (!seq) return tl::unexpected(seq.error());
    return {};
  });
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, "invalid_audit_entry");
  EXPECT_EQ(areas(), 0) << "a change whose entry failed must not stay";
  EXPECT_EQ(log_size(), 0u);
}

TEST_P(UnitOfWorkTest, AFailedStatementInsideDoomsTheUnitEvenIfTheErrorIsIgnored) {
  auto done = work_->run([&]() -> Result<void> {
    if (auto r = insert_area("Nethegem"); !r) return r;
    // A statement that fails (CHECK constraint); the use case carelessly goes on.
    auto bad = database().with_session([](soci::session& sql) {
      sql << "INSERT INTO areas (kind, name) VALUES ('district', 'no parent')";
    });
    EXPECT_FALSE(bad);
    return {};
  });
  EXPECT_FALSE(done) << "a unit with a failed statement must not report success";
  EXPECT_EQ(areas(), 0);
}

TEST_P(UnitOfWorkTest, OutsideAUnitEntriesAreGroupCommittedAsBefore) {
  ASSERT_TRUE(insert_area("Nethegem"));
  ASSERT_TRUE(record("1"));
  ASSERT_TRUE(record("2"));
  EXPECT_EQ(log_size(), 2u);
  EXPECT_EQ(database().current_transaction(), nullptr);
  expect_log_verifies();
}

TEST_P(UnitOfWorkTest, RunReturningPassesTheValueOrTheError) {
  auto value = work_->run_returning<int>([&]() -> Result<int> {
    if (auto r = insert_area("A"); !r) return tl::unexpected(r.error());
    return 42;
  });
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, 42);
  auto refused = work_->run_returning<int>([&]() -> Result<int> {
    if (auto r = insert_area("B"); !r) return tl::unexpected(r.error());
    return fail("forbidden", "no");
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "forbidden");
  EXPECT_EQ(areas(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, UnitOfWorkTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
