#pragma once
// Throwaway databases for storage tests, parameterised over the engines.
//
// SQLite is always available. PostgreSQL is available when the environment variable
// TAFEL_TEST_POSTGRES_URL holds the URL of a server where the user may CREATE and
// DROP databases (./run test starts one with scripts/pg-cluster.sh and sets it).
//
// Link tafel_test_support and #include "support/test_database.h". Typical use
// (tests/storage/database_test.cc does exactly this):
//
//   class RepoTest : public ::testing::TestWithParam<tafel::storage::Engine> {};
//
//   TEST_P(RepoTest, StoresThings) {
//     TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
//     auto db = tafel::test_support::TestDatabase::create(GetParam());
//     ASSERT_TRUE(db.has_value()) << db.error().message;
//     (*db)->database().transaction(...);
//   }
//
//   INSTANTIATE_TEST_SUITE_P(Engines, RepoTest,
//                            ::testing::ValuesIn(tafel::test_support::all_engines()),
//                            tafel::test_support::EngineParamName());
//
// Instantiating over all_engines() (not available_engines()) makes a missing
// PostgreSQL visible as skipped tests instead of silently running fewer.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/result.h"
#include "storage/database.h"

namespace tafel::test_support {

// Every engine tafel supports, in a stable order: sqlite, postgresql.
std::vector<storage::Engine> all_engines();

// The engines usable in this run: sqlite, plus postgresql when
// TAFEL_TEST_POSTGRES_URL is set and not empty.
std::vector<storage::Engine> available_engines();

bool engine_available(storage::Engine engine);

// "sqlite" or "postgresql": usable in gtest parameter names and messages.
std::string engine_name(storage::Engine engine);

// For INSTANTIATE_TEST_SUITE_P's fourth argument with Engine parameters.
struct EngineParamName {
  std::string operator()(const ::testing::TestParamInfo<storage::Engine>& info) const {
    return engine_name(info.param);
  }
};

// Skips the current test with a message when `engine` is not available.
#define TAFEL_SKIP_UNLESS_AVAILABLE(engine)                                          \
  do {                                                                               \
    if (!::tafel::test_support::engine_available(engine)) {                          \
      GTEST_SKIP() << ::tafel::test_support::engine_name(engine)                     \
                   << " not available: set TAFEL_TEST_POSTGRES_URL (./run test does)"; \
    }                                                                                \
  } while (false)

// A fresh, empty database that is removed when this object is destroyed.
// SQLite: a file in a new temporary directory (directory deleted afterwards).
// PostgreSQL: a new database with a unique name on the TAFEL_TEST_POSTGRES_URL
// server (dropped afterwards, even if sessions are still connected).
class TestDatabase {
 public:
  enum class Migrate { yes, no };

  // Creates the database, opens it with a pool of `pool_size` sessions and, unless
  // `migrate` is Migrate::no, applies every migration. Fails (never skips) when the
  // engine is unavailable: call TAFEL_SKIP_UNLESS_AVAILABLE first.
  static Result<std::unique_ptr<TestDatabase>> create(storage::Engine engine,
                                                      Migrate migrate = Migrate::yes,
                                                      std::size_t pool_size = 4);

  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  storage::Database& database() { return *database_; }
  // The same database as a shared pointer, for owners such as cli::Runtime; it
  // must not outlive this object (the database is dropped in the destructor).
  std::shared_ptr<storage::Database> shared_database() { return database_; }
  storage::Engine engine() const { return engine_; }

  // The URL of this database, for opening a second Database on the same data
  // (for example to test two processes migrating at once).
  const std::string& url() const { return url_; }

 private:
  TestDatabase(storage::Engine engine, std::string url, std::string cleanup_target);

  storage::Engine engine_;
  std::string url_;
  std::string cleanup_target_;  // SQLite: the temporary directory; PostgreSQL: the database name
  std::shared_ptr<storage::Database> database_;
};

}  // namespace tafel::test_support
