// `tafel audit verify` through the real binary, on both engines: rows edited,
// deleted, inserted and swapped directly in the database are each named with a
// non-zero exit; an untouched log exits 0. And several tafel processes appending to
// one database at once (several servers on one PostgreSQL) keep one chain that
// verifies.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/clock.h"
#include "storage/audit_crypto.h"
#include "storage/audit_log.h"
#include "support/run_command.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

namespace audit = core::audit;
using test_support::TestDatabase;

using Outcome = test_support::CommandOutcome;

// Runs the tafel binary with `args` (shell-quoted by the caller), stdout captured.
Outcome run_tafel(const std::string& args) {
  return test_support::run_command(std::string(TAFEL_BINARY) + " " + args + " 2>/dev/null");
}

std::string shell_quoted(const std::string& s) { return "'" + s + "'"; }

audit::Entry make_entry(int i) {
  audit::Entry e;
  e.actor = "user-" + std::to_string(i % 5);
  e.organisation = "org-" + std::to_string(i % 3);
  e.action = i % 4 == 0 ? audit::Action::sharing_decision : audit::Action::view;
  e.object_type = "person";
  e.object_id = "p-" + std::to_string(i);
  e.request_id = "req-" + std::to_string(i);
  return e;
}

class AuditCliTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    ASSERT_TRUE(std::filesystem::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    static int counter = 0;
    key_file_ = (std::filesystem::temp_directory_path() /
                 ("tafel-audit-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".key"))
                    .string();
    std::filesystem::remove(key_file_);
  }
  void TearDown() override { std::filesystem::remove(key_file_); }

  // Appends 20 entries in batches, with a checkpoint at every 8th.
  void fill() {
    auto key = AuditKey::load_or_create(key_file_);
    ASSERT_TRUE(key) << key.error().message;
    AuditLog::Options options;
    options.checkpoint_every = 8;
    AuditLog log(db_->database(), *key, clock_, options);
    for (int start = 1; start <= 20; start += 5) {
      std::vector<audit::Entry> batch;
      for (int i = start; i < start + 5; ++i) batch.push_back(make_entry(i));
      ASSERT_TRUE(log.append(batch));
    }
  }

  void sql(const std::string& statement) {
    auto r = db_->database().with_session([&](soci::session& s) { s << statement; });
    ASSERT_TRUE(r) << r.error().message;
  }

  Outcome verify() {
    return run_tafel("audit verify --json --database " + shell_quoted(db_->url()) + " --key " +
                     shell_quoted(key_file_));
  }

  void expect_named(const Outcome& run, const std::string& kind, int seq) {
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find("\"intact\":false"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("\"kind\":\"" + kind + "\""), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("\"seq\":" + std::to_string(seq) + ","), std::string::npos) << run.output;
  }

  app::ManualClock clock_{app::Instant(std::chrono::microseconds(1'767'225'600'000'000))};
  std::unique_ptr<TestDatabase> db_;
  std::string key_file_;
};

constexpr const char* kFields = "at, actor, organisation, action, object_type, object_id, ground, rule_id, "
                                "request_id, source, outcome, leaf_hash";

TEST_P(AuditCliTest, AnUntouchedLogExitsZero) {
  fill();
  const Outcome run = verify();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("\"intact\":true"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("\"entries\":20"), std::string::npos) << run.output;
}

TEST_P(AuditCliTest, AnEditedRowIsNamed) {
  fill();
  sql("UPDATE audit_entry SET object_id = 'p-999' WHERE seq = 7");
  expect_named(verify(), "altered", 7);
}

TEST_P(AuditCliTest, ADeletedRowIsNamed) {
  fill();
  sql("DELETE FROM audit_entry WHERE seq = 7");
  expect_named(verify(), "removed", 7);
}

TEST_P(AuditCliTest, AnInsertedRowIsNamed) {
  fill();
  // Make room at 7 (in two steps: the primary key must hold after each), then copy
  // entry 3 with its recorded hash into the gap.
  sql("UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 7");
  sql("UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000");
  sql(std::string("INSERT INTO audit_entry (seq, ") + kFields + ") SELECT 7, " + kFields +
      " FROM audit_entry WHERE seq = 3");
  expect_named(verify(), "altered", 7);
}

TEST_P(AuditCliTest, ARowAppendedAfterTheEndIsNamed) {
  fill();
  sql(std::string("INSERT INTO audit_entry (seq, ") + kFields + ") SELECT 21, " + kFields +
      " FROM audit_entry WHERE seq = 20");
  expect_named(verify(), "inserted", 21);
}

TEST_P(AuditCliTest, SwappedRowsAreNamed) {
  fill();
  sql("UPDATE audit_entry SET seq = -7 WHERE seq = 7");
  sql("UPDATE audit_entry SET seq = 7 WHERE seq = 8");
  sql("UPDATE audit_entry SET seq = 8 WHERE seq = -7");
  expect_named(verify(), "altered", 7);
}

// Several servers on one database: three processes append at once, each through its
// own connections and group committer; the result is one chain holding every entry.
TEST_P(AuditCliTest, SeveralProcessesAppendingAtOnceKeepOneChain) {
  fill();
  ASSERT_TRUE(AuditKey::load_or_create(key_file_));
  const std::string args = "audit load-test --threads 8 --count 300 --database " + shell_quoted(db_->url()) + " --key " +
                           shell_quoted(key_file_) + " >/dev/null";
  std::vector<FILE*> processes;
  for (int i = 0; i < 3; ++i) {
    processes.push_back(::popen((std::string(TAFEL_BINARY) + " " + args).c_str(), "r"));
    ASSERT_NE(processes.back(), nullptr);
  }
  for (FILE* p : processes) {
    const int status = ::pclose(p);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a load process failed";
  }
  const Outcome run = verify();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("\"entries\":920"), std::string::npos) << run.output;
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditCliTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
