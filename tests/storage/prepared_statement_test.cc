// Statements kept prepared per pooled session (storage/prepared_statement.h, ADR 0023):
// a reused statement gives the same answers as a freshly prepared one, after the data
// changed and after a failure on its session, on every engine.

#include <soci/soci.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/database_url.h"
#include "storage/prepared_statement.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

using test_support::TestDatabase;

const std::string kRead = "SELECT body FROM note WHERE id = :i";
const std::string kInsert = "INSERT INTO note (id, body) VALUES (:i, :b)";
const std::string kList = "SELECT id, body FROM note WHERE id >= :i ORDER BY id";

// Counts how often each statement text is prepared by the sessions opened while it
// lives (Database::observe_statements).
class PrepareCounter {
 public:
  PrepareCounter() {
    Database::observe_statements([this](const std::string& text) {
      std::lock_guard lock(mutex_);
      ++counts_[text];
    });
  }
  ~PrepareCounter() { Database::observe_statements(nullptr); }
  int count(const std::string& text) {
    std::lock_guard lock(mutex_);
    return counts_[text];
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> counts_;
};

class PreparedStatementTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    // Observed sessions are those opened after the counter: create it first.
    counter_ = std::make_unique<PrepareCounter>();
    // One session: every call below reuses it, and its cache.
    auto created = TestDatabase::create(GetParam(), TestDatabase::Migrate::no, 1);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    db_ = std::move(*created);
    ASSERT_TRUE(db().with_session([](soci::session& sql) {
      sql << "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)";
    }));
  }

  Database& db() { return db_->database(); }

  std::string read(long long id) {
    std::string body = "<none>";
    auto done = db().with_session([&](soci::session& sql) {
      soci::indicator ind = soci::i_ok;
      if (!PreparedStatement(sql, kRead).execute(soci::use(id), soci::into(body, ind))) body = "<none>";
    });
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return body;
  }

  Result<void> insert(long long id, const std::string& body) {
    return db().transaction([&](soci::session& sql) {
      PreparedStatement(sql, kInsert).execute(soci::use(id), soci::use(body));
    });
  }

  std::vector<std::string> list(long long from) {
    std::vector<std::string> out;
    auto done = db().with_session([&](soci::session& sql) {
      PreparedStatement(sql, kList).for_each_row(
          [&](const soci::row& row) { out.push_back(row.get<std::string>(1)); }, soci::use(from));
    });
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return out;
  }

  std::unique_ptr<PrepareCounter> counter_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_P(PreparedStatementTest, ReusedStatementSeesDataChangedSinceItsLastUse) {
  ASSERT_TRUE(insert(1, "first"));
  EXPECT_EQ(read(2), "<none>");
  EXPECT_EQ(read(1), "first");  // last: one row read, the statement not stepped to its end

  // Changed through another connection (another server, on PostgreSQL; another
  // process, on SQLite, where a statement left stepped would pin an old snapshot).
  auto other = Database::open(db_->url(), 1);
  ASSERT_TRUE(other.has_value()) << other.error().message;
  ASSERT_TRUE((*other)->transaction([](soci::session& sql) {
    sql << "UPDATE note SET body = 'changed' WHERE id = 1";
    sql << "INSERT INTO note (id, body) VALUES (2, 'second')";
  }));
  // The cached statement left nothing open on its session: any other statement there
  // sees the new data, and a write transaction can start (on SQLite a statement left
  // stepped would hold the old snapshot, and BEGIN IMMEDIATE would fail on it).
  long long notes = 0;
  ASSERT_TRUE(db().with_session([&](soci::session& sql) { sql << "SELECT count(*) FROM note", soci::into(notes); }));
  EXPECT_EQ(notes, 2);
  ASSERT_TRUE(db().transaction([](soci::session& sql) { sql << "UPDATE note SET body = body WHERE id = 2"; }));
  EXPECT_EQ(read(1), "changed");
  EXPECT_EQ(read(2), "second");
  EXPECT_EQ(list(0), (std::vector<std::string>{"changed", "second"}));
  EXPECT_EQ(list(2), (std::vector<std::string>{"second"}));
  EXPECT_EQ(list(3), (std::vector<std::string>{}));

  // And through this session's own writes.
  ASSERT_TRUE(insert(3, "third"));
  EXPECT_EQ(list(2), (std::vector<std::string>{"second", "third"}));

  // Each text was prepared once on the one session, then reused.
  EXPECT_EQ(counter_->count(kRead), 1);
  EXPECT_EQ(counter_->count(kList), 1);
  EXPECT_EQ(counter_->count(kInsert), 1);
}

TEST_P(PreparedStatementTest, StatementWorksAgainAfterAConstraintViolationOnItsSession) {
  ASSERT_TRUE(insert(1, "first"));
  // The same statement, same session: a duplicate key fails the transaction...
  auto failed = db().transaction([&](soci::session& sql) {
    long long id = 2;
    std::string body = "second";
    PreparedStatement(sql, kInsert).execute(soci::use(id), soci::use(body));
    id = 1;
    body = "duplicate";
    PreparedStatement(sql, kInsert).execute(soci::use(id), soci::use(body));
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "database_error");
  // ...which is rolled back as a whole...
  EXPECT_EQ(list(0), (std::vector<std::string>{"first"}));
  // ...and the same text works again on that session, with new values.
  auto again = insert(2, "second");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(list(0), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(read(2), "second");

  // A failure caught inside the work (the session stays in use) leaves the other
  // cached statements usable too.
  auto caught = db().with_session([&](soci::session& sql) {
    long long id = 1;
    std::string body = "duplicate";
    EXPECT_THROW(PreparedStatement(sql, kInsert).execute(soci::use(id), soci::use(body)), soci::soci_error);
    std::string read_back;
    PreparedStatement(sql, kRead).execute(soci::use(id), soci::into(read_back));
    EXPECT_EQ(read_back, "first");
  });
  ASSERT_TRUE(caught.has_value()) << caught.error().message;
  EXPECT_EQ(read(1), "first");
}

TEST_P(PreparedStatementTest, FailureInsideRowCallbackRetiresTheStatementOnly) {
  ASSERT_TRUE(insert(1, "first"));
  ASSERT_TRUE(insert(2, "second"));
  auto failed = db().with_session([&](soci::session& sql) {
    long long from = 0;
    PreparedStatement(sql, kList).for_each_row(
        [](const soci::row&) { throw std::runtime_error("reader gave up"); }, soci::use(from));
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_THAT(failed.error().message, ::testing::HasSubstr("reader gave up"));
  EXPECT_EQ(list(0), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(counter_->count(kList), 2);  // prepared again after the failed use
}

TEST_P(PreparedStatementTest, NestedUseOfTheSameTextAndUseOutsideThePoolWork) {
  ASSERT_TRUE(insert(1, "first"));
  ASSERT_TRUE(insert(2, "second"));
  std::vector<std::string> pairs;
  ASSERT_TRUE(db().with_session([&](soci::session& sql) {
    long long from = 0;
    PreparedStatement(sql, kList).for_each_row(
        [&](const soci::row& outer) {
          long long inner_from = outer.get<int>(0);
          PreparedStatement(sql, kList).for_each_row(
              [&](const soci::row& inner) {
                pairs.push_back(outer.get<std::string>(1) + "/" + inner.get<std::string>(1));
              },
              soci::use(inner_from));
        },
        soci::use(from));
  }));
  EXPECT_EQ(pairs, (std::vector<std::string>{"first/first", "first/second", "second/second"}));

  // A session the pool did not lend has no cache: prepared for the one use.
  std::string body;
  {
    auto url = parse_database_url(db_->url());
    ASSERT_TRUE(url.has_value());
    soci::session plain(GetParam() == Engine::sqlite ? "sqlite3" : "postgresql",
                        GetParam() == Engine::sqlite ? url->sqlite_path : url->conninfo);
    long long id = 2;
    EXPECT_TRUE(PreparedStatement(plain, kRead).execute(soci::use(id), soci::into(body)));
  }
  EXPECT_EQ(body, "second");
}

TEST_P(PreparedStatementTest, BulkWritesOfDifferentSizesReuseOneStatement) {
  const std::string bulk = "INSERT INTO note (id, body) VALUES (:i, :b)";
  for (int round = 0; round < 3; ++round) {
    std::vector<long long> ids;
    std::vector<std::string> bodies;
    for (int i = 0; i <= round; ++i) {
      ids.push_back(round * 10 + i);
      bodies.push_back("r" + std::to_string(round) + "." + std::to_string(i));
    }
    auto done = db().transaction([&](soci::session& sql) {
      PreparedStatement(sql, bulk).execute(soci::use(ids), soci::use(bodies));
    });
    ASSERT_TRUE(done.has_value()) << done.error().message;
  }
  EXPECT_EQ(list(0), (std::vector<std::string>{"r0.0", "r1.0", "r1.1", "r2.0", "r2.1", "r2.2"}));
  EXPECT_EQ(counter_->count(bulk), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, PreparedStatementTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
