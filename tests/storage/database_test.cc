// Database behaviour on every engine: SQLite always, PostgreSQL when
// TAFEL_TEST_POSTGRES_URL is set (skipped with a message otherwise).

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/database.h"
#include "storage/migration.h"
#include "storage/migrator.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

using test_support::TestDatabase;
using ::testing::HasSubstr;
using ::testing::Not;

long long now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override { TAFEL_SKIP_UNLESS_AVAILABLE(GetParam()); }

  std::unique_ptr<TestDatabase> make(TestDatabase::Migrate migrate = TestDatabase::Migrate::yes,
                                     std::size_t pool_size = 4) {
    auto created = TestDatabase::create(GetParam(), migrate, pool_size);
    if (!created) {
      ADD_FAILURE() << created.error().code << ": " << created.error().message;
      return nullptr;
    }
    return std::move(*created);
  }

  static long long count(Database& db, const std::string& table) {
    long long n = -1;
    auto done = db.with_session([&](soci::session& sql) { sql << "SELECT count(*) FROM " + table, soci::into(n); });
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return n;
  }

  // A migration list: everything compiled in, then `extra` numbered after it.
  static std::vector<Migration> builtin_plus(const std::vector<std::string_view>& extra) {
    std::vector<Migration> list = builtin_migrations();
    for (std::string_view sql : extra) {
      Migration m;
      m.version = static_cast<int>(list.size()) + 1;
      m.name = "extra_" + std::to_string(m.version);
      m.sql = sql;
      list.push_back(m);
    }
    return list;
  }
};

TEST_P(DatabaseTest, OpensAndAnswersPing) {
  auto db = make();
  ASSERT_TRUE(db);
  EXPECT_EQ(db->database().engine(), GetParam());
  auto ping = db->database().ping();
  EXPECT_TRUE(ping.has_value()) << ping.error().message;
}

TEST_P(DatabaseTest, MigrateAppliesEveryMigrationOnceAndIsIdempotent) {
  auto db = make(TestDatabase::Migrate::no);
  ASSERT_TRUE(db);
  Database& database = db->database();
  ASSERT_EQ(database.schema_version().value(), 0);

  auto first = database.migrate();
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(*first, Database::latest_schema_version());
  EXPECT_EQ(database.schema_version().value(), Database::latest_schema_version());

  auto second = database.migrate();
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(database.schema_version().value(), Database::latest_schema_version());
}

TEST_P(DatabaseTest, SchemaVersionRecordsEachMigrationWithNameAndTime) {
  long long before = now_us();
  auto db = make();
  ASSERT_TRUE(db);
  long long after = now_us();
  std::vector<int> versions;
  std::vector<std::string> names;
  std::vector<long long> times;
  auto read = db->database().with_session([&](soci::session& sql) {
    versions.resize(100);
    names.resize(100);
    times.resize(100);
    sql << "SELECT version, name, applied_at FROM schema_version ORDER BY version", soci::into(versions),
        soci::into(names), soci::into(times);
  });
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const auto& builtin = builtin_migrations();
  ASSERT_EQ(versions.size(), builtin.size());
  for (std::size_t i = 0; i < builtin.size(); ++i) {
    EXPECT_EQ(versions[i], builtin[i].version);
    EXPECT_EQ(names[i], builtin[i].name);
    EXPECT_GE(times[i], before);
    EXPECT_LE(times[i], after);
  }
}

TEST_P(DatabaseTest, InstanceHasARandomIdAndACreationTime) {
  long long before = now_us();
  auto a = make();
  auto b = make();
  ASSERT_TRUE(a && b);
  long long after = now_us();
  auto read = [](Database& db, std::string& id, long long& created) {
    return db.with_session([&](soci::session& sql) {
      sql << "SELECT instance_id, created_at FROM instance", soci::into(id), soci::into(created);
    });
  };
  std::string id_a, id_b;
  long long created_a = 0, created_b = 0;
  ASSERT_TRUE(read(a->database(), id_a, created_a).has_value());
  ASSERT_TRUE(read(b->database(), id_b, created_b).has_value());
  EXPECT_THAT(id_a, ::testing::MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(id_a, id_b);
  // {{now}} has millisecond resolution on SQLite: allow for the rounding.
  EXPECT_GE(created_a, before - 1000);
  EXPECT_LE(created_a, after + 1000);
  EXPECT_EQ(count(a->database(), "instance"), 1);
}

TEST_P(DatabaseTest, TransactionCommitsWhenWorkReturns) {
  auto db = make();
  ASSERT_TRUE(db);
  Database& database = db->database();
  ASSERT_TRUE(database.with_session([](soci::session& sql) { sql << "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"; }));
  auto done = database.transaction([](soci::session& sql) {
    sql << "INSERT INTO note (id, body) VALUES (1, 'één')";
    sql << "INSERT INTO note (id, body) VALUES (2, 'deux')";
  });
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(count(database, "note"), 2);
  std::string body;
  ASSERT_TRUE(database.with_session([&](soci::session& sql) { sql << "SELECT body FROM note WHERE id = 1", soci::into(body); }));
  EXPECT_EQ(body, "één");
}

TEST_P(DatabaseTest, TransactionRollsBackWhenWorkThrows) {
  auto db = make(TestDatabase::Migrate::yes, 1);  // one session: the next call reuses it
  ASSERT_TRUE(db);
  Database& database = db->database();
  ASSERT_TRUE(database.with_session([](soci::session& sql) { sql << "CREATE TABLE note (id INTEGER PRIMARY KEY)"; }));
  auto failed = database.transaction([](soci::session& sql) {
    sql << "INSERT INTO note (id) VALUES (1)";
    throw std::runtime_error("caller gave up");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "database_error");
  EXPECT_THAT(failed.error().message, HasSubstr("caller gave up"));
  EXPECT_EQ(count(database, "note"), 0);
  // The session is clean again: a new transaction works on it.
  ASSERT_TRUE(database.transaction([](soci::session& sql) { sql << "INSERT INTO note (id) VALUES (1)"; }));
  EXPECT_EQ(count(database, "note"), 1);
}

TEST_P(DatabaseTest, FailingStatementRollsBackTheWholeTransaction) {
  auto db = make(TestDatabase::Migrate::yes, 1);
  ASSERT_TRUE(db);
  Database& database = db->database();
  ASSERT_TRUE(database.with_session([](soci::session& sql) { sql << "CREATE TABLE note (id INTEGER PRIMARY KEY)"; }));
  auto failed = database.transaction([](soci::session& sql) {
    sql << "INSERT INTO note (id) VALUES (7)";
    sql << "INSERT INTO note (id) VALUES (7)";  // duplicate key
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "database_error");
  EXPECT_EQ(count(database, "note"), 0);
  EXPECT_TRUE(database.ping().has_value());
}

TEST_P(DatabaseTest, ErrorMessagesDoNotQuoteBoundValues) {
  auto db = make();
  ASSERT_TRUE(db);
  Database& database = db->database();
  ASSERT_TRUE(database.with_session([](soci::session& sql) { sql << "CREATE TABLE person (name TEXT PRIMARY KEY)"; }));
  std::string name = "Jan Janssens";
  auto failed = database.transaction([&](soci::session& sql) {
    sql << "INSERT INTO person (name) VALUES (:name)", soci::use(name);
    sql << "INSERT INTO person (name) VALUES (:name)", soci::use(name);
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_THAT(failed.error().message, Not(HasSubstr("Janssens")));
  EXPECT_THAT(failed.error().message, ::testing::ContainsRegex("(UNIQUE|unique)"));

  // PostgreSQL quotes a value it cannot convert; SQLite stores it (type affinity).
  ASSERT_TRUE(database.with_session([](soci::session& sql) { sql << "CREATE TABLE visit (day INTEGER NOT NULL)"; }));
  auto wrong_type = database.transaction(
      [&](soci::session& sql) { sql << "INSERT INTO visit (day) VALUES (:day)", soci::use(name); });
  if (!wrong_type) {
    EXPECT_THAT(wrong_type.error().message, Not(HasSubstr("Janssens")));
  }
}

TEST_P(DatabaseTest, ForeignKeysAreEnforced) {
  auto db = make();
  ASSERT_TRUE(db);
  Database& database = db->database();
  ASSERT_TRUE(database.with_session([](soci::session& sql) {
    sql << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
    sql << "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id))";
  }));
  auto orphan = database.transaction([](soci::session& sql) { sql << "INSERT INTO child (id, parent_id) VALUES (1, 42)"; });
  EXPECT_FALSE(orphan.has_value());
  EXPECT_EQ(count(database, "child"), 0);
}

TEST_P(DatabaseTest, DialectPlaceholdersWorkOnTheEngine) {
  auto db = make();
  ASSERT_TRUE(db);
  Database& database = db->database();
  auto ddl = render_sql("CREATE TABLE doc (id {{id}}, body {{blob}} NOT NULL, at {{timestamp}} NOT NULL DEFAULT 0)",
                        GetParam());
  ASSERT_TRUE(ddl.has_value());
  const std::string bytes("\x00\x01\xff tafel", 9);
  std::vector<long long> ids;
  auto done = database.transaction([&](soci::session& sql) {
    sql << *ddl;
    for (int i = 0; i < 3; ++i) {
      long long at = 1700000000123456LL + i;  // beyond 32 bits: checks BIGINT
      sql << "INSERT INTO doc (body, at) VALUES (:body, :at)", soci::use(bytes), soci::use(at);
    }
    ids.resize(10);
    sql << "SELECT id FROM doc ORDER BY id", soci::into(ids);
  });
  ASSERT_TRUE(done.has_value()) << done.error().message;
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
  long long at = 0;
  ASSERT_TRUE(database.with_session([&](soci::session& sql) { sql << "SELECT MAX(at) FROM doc", soci::into(at); }));
  EXPECT_EQ(at, 1700000000123458LL);
  // {{now}} yields the current time in microseconds.
  auto now_sql = render_sql("SELECT {{now}}", GetParam());
  long long before = now_us(), db_now = 0;
  ASSERT_TRUE(database.with_session([&](soci::session& sql) { sql << *now_sql, soci::into(db_now); }));
  EXPECT_NEAR(static_cast<double>(db_now), static_cast<double>(before), 5e6);
}

TEST_P(DatabaseTest, PoolServesConcurrentThreadsWithinItsSize) {
  auto db = make(TestDatabase::Migrate::yes, 3);
  ASSERT_TRUE(db);
  Database& database = db->database();
  auto ddl = render_sql("CREATE TABLE hits (id {{id}}, worker INTEGER NOT NULL)", GetParam());
  ASSERT_TRUE(database.with_session([&](soci::session& sql) { sql << *ddl; }));

  constexpr int kThreads = 8, kPerThread = 25;
  std::atomic<int> failures{0};
  std::atomic<std::size_t> max_in_use{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto done = database.transaction([&](soci::session& sql) {
          sql << "INSERT INTO hits (worker) VALUES (:w)", soci::use(t);
          std::size_t in_use = database.pool_stats().in_use;
          std::size_t seen = max_in_use.load();
          while (in_use > seen && !max_in_use.compare_exchange_weak(seen, in_use)) {
          }
        });
        if (!done) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count(database, "hits"), kThreads * kPerThread);
  Database::PoolStats stats = database.pool_stats();
  EXPECT_EQ(stats.size, 3u);
  EXPECT_EQ(stats.in_use, 0u);
  EXPECT_LE(max_in_use.load(), 3u);
}

TEST_P(DatabaseTest, PoolCountsBorrowersThatHadToWait) {
  auto db = make(TestDatabase::Migrate::yes, 2);
  ASSERT_TRUE(db);
  Database& database = db->database();
  std::latch holding(2), release(1);
  std::vector<std::thread> holders;
  for (int i = 0; i < 2; ++i) {
    holders.emplace_back([&] {
      auto done = database.with_session([&](soci::session&) {
        holding.count_down();
        release.wait();
      });
      EXPECT_TRUE(done.has_value());
    });
  }
  holding.wait();
  EXPECT_EQ(database.pool_stats().in_use, 2u);
  EXPECT_EQ(database.pool_stats().waits, 0u);
  std::thread waiter([&] { EXPECT_TRUE(database.ping().has_value()); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (database.pool_stats().waits == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(database.pool_stats().waits, 1u);
  release.count_down();
  waiter.join();
  for (auto& holder : holders) holder.join();
  EXPECT_EQ(database.pool_stats().in_use, 0u);
}

TEST_P(DatabaseTest, TwoDatabasesMigratingAtOnceApplyEachMigrationOnce) {
  auto db = make(TestDatabase::Migrate::no);
  ASSERT_TRUE(db);
  // Several migrations beyond the built-in ones widen the window for a race.
  std::vector<Migration> migrations = builtin_plus({
      "CREATE TABLE race_a (id INTEGER PRIMARY KEY)",
      "CREATE TABLE race_b (id INTEGER PRIMARY KEY); INSERT INTO race_b (id) VALUES (1)",
      "CREATE TABLE race_c (id INTEGER PRIMARY KEY); INSERT INTO race_c (id) SELECT id FROM race_b",
      "INSERT INTO race_a (id) VALUES (1)",
  });
  constexpr int kProcesses = 4;
  std::vector<std::unique_ptr<Database>> databases;
  for (int i = 0; i < kProcesses; ++i) {
    auto opened = Database::open(db->url(), 2);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    databases.push_back(std::move(*opened));
  }
  std::latch start(kProcesses);
  std::vector<Result<int>> results(kProcesses, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kProcesses; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = apply_migrations(*databases[i], migrations);
    });
  }
  for (auto& thread : threads) thread.join();
  int total = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.has_value()) << result.error().message;
    total += *result;
  }
  EXPECT_EQ(total, static_cast<int>(migrations.size()));
  EXPECT_EQ(count(db->database(), "schema_version"), static_cast<long long>(migrations.size()));
  EXPECT_EQ(count(db->database(), "race_a"), 1);
  EXPECT_EQ(count(db->database(), "race_c"), 1);
  EXPECT_EQ(count(db->database(), "instance"), 1);
}

TEST_P(DatabaseTest, FailingMigrationLeavesNoTraceAndKeepsEarlierOnes) {
  auto db = make(TestDatabase::Migrate::no);
  ASSERT_TRUE(db);
  std::vector<Migration> migrations = builtin_plus({
      "CREATE TABLE good (id INTEGER PRIMARY KEY)",
      "CREATE TABLE half (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1)",
  });
  auto result = apply_migrations(db->database(), migrations);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "migration_failed");
  char expected_label[32];
  std::snprintf(expected_label, sizeof expected_label, "%04d_extra_%d", migrations.back().version,
                migrations.back().version);
  EXPECT_THAT(result.error().message, HasSubstr(expected_label));
  EXPECT_EQ(db->database().schema_version().value(), migrations.back().version - 1);
  EXPECT_EQ(count(db->database(), "good"), 0);
  auto half = db->database().with_session([](soci::session& sql) {
    int n = 0;
    sql << "SELECT count(*) FROM half", soci::into(n);
  });
  EXPECT_FALSE(half.has_value()) << "the failed migration's table must not exist";
}

TEST_P(DatabaseTest, RefusesADatabaseNewerThanThisBinary) {
  auto db = make();
  ASSERT_TRUE(db);
  int future = Database::latest_schema_version() + 1;
  ASSERT_TRUE(db->database().transaction([&](soci::session& sql) {
    sql << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, 'from_the_future', 0)", soci::use(future);
  }));
  auto result = db->database().migrate();
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "schema_too_new");
  EXPECT_EQ(db->database().schema_version().value(), future);
}

TEST_P(DatabaseTest, UnreachableDatabaseGivesAClearErrorWithoutCredentials) {
  std::string url;
  std::filesystem::path blocker;
  if (GetParam() == Engine::postgresql) {
    url = "postgresql://alice_secret_user:hunter2pass@/tafel?host=/nonexistent-tafel-socket-dir&port=5999";
  } else {
    // A regular file where a directory should be: neither directory nor file can be made.
    blocker = std::filesystem::temp_directory_path() / ("tafel-blocker-" + std::to_string(now_us()));
    std::ofstream(blocker) << "not a directory";
    url = (blocker / "sub" / "db.sqlite").string();
  }
  auto opened = Database::open(url);
  if (!blocker.empty()) std::filesystem::remove(blocker);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, "database_unavailable");
  EXPECT_THAT(opened.error().message, HasSubstr("cannot"));
  EXPECT_THAT(opened.error().message, Not(HasSubstr("hunter2pass")));
  EXPECT_THAT(opened.error().message, Not(HasSubstr("alice_secret_user")));
}

TEST_P(DatabaseTest, RejectedCredentialsAreNotEchoed) {
  if (GetParam() == Engine::sqlite) {
    // SQLite has no credentials; a file that is not a database must be refused clearly.
    auto dir = std::filesystem::temp_directory_path() / ("tafel-garbage-" + std::to_string(now_us()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "garbage.sqlite") << std::string(4096, 'x');
    auto opened = Database::open((dir / "garbage.sqlite").string());
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, "database_unavailable");
    EXPECT_THAT(opened.error().message, HasSubstr("not a database"));
    return;
  }
  auto db = make(TestDatabase::Migrate::no);
  ASSERT_TRUE(db);
  // The test server trusts every local user name, so ask for a role that does not exist.
  std::string url = db->url();
  std::size_t at = url.find('@');
  ASSERT_NE(at, std::string::npos) << "TAFEL_TEST_POSTGRES_URL should name a user";
  std::string bad = "postgresql://no_such_role_x9:pa55word_x9" + url.substr(at);
  auto opened = Database::open(bad);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, "database_unavailable");
  EXPECT_THAT(opened.error().message, HasSubstr("***"));
  EXPECT_THAT(opened.error().message, Not(HasSubstr("no_such_role_x9")));
  EXPECT_THAT(opened.error().message, Not(HasSubstr("pa55word_x9")));
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

// SQLite connection set-up: what every session gets.
TEST(SqliteSetup, SessionsUseWalForeignKeysAndChosenSynchronousMode) {
  auto db = TestDatabase::create(Engine::sqlite);
  ASSERT_TRUE(db.has_value()) << db.error().message;
  auto pragmas = [](Database& database) {
    std::string journal;
    int foreign_keys = -1, synchronous = -1, busy = -1;
    EXPECT_TRUE(database.with_session([&](soci::session& sql) {
      sql << "PRAGMA journal_mode", soci::into(journal);
      sql << "PRAGMA foreign_keys", soci::into(foreign_keys);
      sql << "PRAGMA synchronous", soci::into(synchronous);
      sql << "PRAGMA busy_timeout", soci::into(busy);
    }));
    return std::make_tuple(journal, foreign_keys, synchronous, busy);
  };
  EXPECT_EQ(pragmas((*db)->database()), std::make_tuple(std::string("wal"), 1, 1, 5000));  // 1 = NORMAL

  auto full = Database::open((*db)->url() + "?synchronous=full&busy_timeout=250");
  ASSERT_TRUE(full.has_value()) << full.error().message;
  EXPECT_EQ(pragmas(**full), std::make_tuple(std::string("wal"), 1, 2, 250));  // 2 = FULL
}

TEST(SqliteSetup, CreatesMissingDirectoriesAndHandlesSpacesAndEqualsInPaths) {
  auto base = std::filesystem::temp_directory_path() / ("tafel-path-" + std::to_string(now_us()));
  std::string path = (base / "a dir" / "x=y" / "my db.sqlite").string();
  {
    auto db = Database::open("sqlite:" + path);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    EXPECT_TRUE((*db)->migrate().has_value());
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  auto reopened = Database::open(path);
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ((*reopened)->schema_version().value(), Database::latest_schema_version());
  reopened->reset();
  std::filesystem::remove_all(base);
}

}  // namespace
}  // namespace tafel::storage
