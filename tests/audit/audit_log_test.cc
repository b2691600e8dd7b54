// The audit log on both engines: an untouched log verifies; every kind of tampering
// done directly in the database is caught and the first entry concerned is named;
// concurrent appenders (threads, two "servers", a killed process) keep one chain.
#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/audit/group_commit_appender.h"
#include "app/clock.h"
#include "core/audit/merkle.h"
#include "storage/audit_crypto.h"
#include "storage/audit_log.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

namespace audit = core::audit;
using test_support::TestDatabase;

audit::Entry make_entry(int i) {
  audit::Entry e;
  e.actor = "user-" + std::to_string(i % 7);
  e.organisation = "org-" + std::to_string(i % 3);
  e.action = i % 5 == 0 ? audit::Action::sharing_decision : audit::Action::view;
  e.object_type = "situation";
  e.object_id = "sit-" + std::to_string(i);
  if (e.action == audit::Action::sharing_decision) {
    e.ground = "case_consultation";
    e.rule = "rule-" + std::to_string(i);
  }
  e.request_id = "req-" + std::to_string(i);
  e.source = "3f2a9c" + std::to_string(i);
  e.outcome = i % 4 == 0 ? audit::Outcome::denied : audit::Outcome::success;
  return e;
}

class AuditLogTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    AuditLog::Options options;
    options.checkpoint_every = 4;  // small, so that short logs have several checkpoints
    options.checkpoint_interval = std::chrono::hours(1);
    log_ = std::make_unique<AuditLog>(db_->database(), key_, clock_, options);
  }

  // Appends entries 1..n in a few batches of different sizes.
  void fill(int n) {
    int done = 0;
    for (int batch = 1; done < n; ++batch) {
      std::vector<audit::Entry> entries;
      for (int i = 0; i < batch && done < n; ++i) entries.push_back(make_entry(++done));
      auto seqs = log_->append(entries);
      ASSERT_TRUE(seqs) << seqs.error().message;
    }
  }

  void sql(const std::string& statement) {
    auto r = db_->database().with_session([&](soci::session& s) { s << statement; });
    ASSERT_TRUE(r) << r.error().message;
  }

  audit::VerifyReport verify() {
    auto report = log_->verify(key_.public_key_hex());
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : audit::VerifyReport{};
  }

  app::ManualClock clock_{app::Instant(std::chrono::microseconds(1'767'225'600'000'000))};
  AuditKey key_ = AuditKey::generate();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<AuditLog> log_;
};

TEST_P(AuditLogTest, AnUntouchedLogVerifies) {
  fill(20);
  const auto report = verify();
  EXPECT_TRUE(report.intact()) << report.problem->message;
  EXPECT_EQ(report.entries, 20u);
  EXPECT_EQ(report.checkpoints, 5u);  // at 4, 8, 12, 16, 20
}

TEST_P(AuditLogTest, AnEmptyLogVerifies) { EXPECT_TRUE(verify().intact()); }

TEST_P(AuditLogTest, EditedEntryIsNamed) {
  fill(20);
  sql("UPDATE audit_entry SET object_id = 'sit-999' WHERE seq = 7");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "altered");
  EXPECT_EQ(report.problem->seq, 7u);
}

TEST_P(AuditLogTest, EditedOutcomeOfTheNewestUncheckpointedEntryIsNamed) {
  fill(22);  // 21 and 22 are after the last checkpoint (20)
  sql("UPDATE audit_entry SET outcome = 'success' WHERE seq = 22 AND outcome <> 'success'");
  sql("UPDATE audit_entry SET outcome = 'denied' WHERE seq = 22 AND outcome = 'success' AND actor = 'user-1'");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->seq, 22u);
}

TEST_P(AuditLogTest, DeletedEntryIsNamed) {
  fill(20);
  sql("DELETE FROM audit_entry WHERE seq = 7");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "removed");
  EXPECT_EQ(report.problem->seq, 7u);
}

TEST_P(AuditLogTest, DeletedTailIsNamed) {
  fill(20);
  sql("DELETE FROM audit_entry WHERE seq > 17");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "removed");
  EXPECT_EQ(report.problem->seq, 18u);
}

TEST_P(AuditLogTest, InsertedEntryIsNamed) {
  fill(20);
  // Make room at 7 by renumbering 7..20 to 8..21 (in two steps: the key is unique),
  // then insert a copy of entry 3 as entry 7.
  sql("UPDATE audit_entry SET seq = -(seq + 1) WHERE seq >= 7");
  sql("UPDATE audit_entry SET seq = -seq WHERE seq < 0");
  sql("INSERT INTO audit_entry SELECT 7, at, actor, organisation, action, object_type, object_id, ground, rule_id, "
      "request_id, source, outcome, leaf_hash FROM audit_entry WHERE seq = 3");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->seq, 7u);
}

TEST_P(AuditLogTest, AppendedFakeEntryIsNamed) {
  fill(20);
  sql("INSERT INTO audit_entry SELECT 21, at, actor, organisation, action, object_type, object_id, ground, rule_id, "
      "request_id, source, outcome, leaf_hash FROM audit_entry WHERE seq = 20");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "inserted");
  EXPECT_EQ(report.problem->seq, 21u);
}

TEST_P(AuditLogTest, SwappedEntriesAreNamed) {
  fill(20);
  sql("UPDATE audit_entry SET seq = -1 WHERE seq = 9");
  sql("UPDATE audit_entry SET seq = 9 WHERE seq = 10");
  sql("UPDATE audit_entry SET seq = 10 WHERE seq = -1");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "altered");
  EXPECT_EQ(report.problem->seq, 9u);
}

// An operator who knows the format recomputes the recorded hash of the entry he edits:
// only the signed checkpoint catches that, and it names the range it covers.
TEST_P(AuditLogTest, RewriteWithRecomputedHashIsCaughtByTheCheckpoint) {
  fill(20);
  auto bundle = log_->prove(7);
  ASSERT_TRUE(bundle) << bundle.error().message;
  audit::Entry forged = bundle->entry;
  forged.outcome = forged.outcome == audit::Outcome::success ? audit::Outcome::denied : audit::Outcome::success;
  const audit::MerkleHasher hasher(&audit_sha256);
  const std::string leaf = audit::to_hex(hasher.leaf(audit::canonical_bytes(forged)));
  sql("UPDATE audit_entry SET outcome = '" + std::string(audit::outcome_name(forged.outcome)) + "', leaf_hash = '" +
      leaf + "' WHERE seq = 7");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "checkpoint_mismatch");
  EXPECT_EQ(report.problem->seq, 5u);  // the checkpoint at 8 covers 5..8
  EXPECT_NE(report.problem->message.find("between 5 and 8"), std::string::npos) << report.problem->message;
}

TEST_P(AuditLogTest, ForgedCheckpointIsNamed) {
  fill(20);
  sql("UPDATE audit_checkpoint SET root = '" + std::string(64, 'a') + "' WHERE tree_size = 12");
  const auto report = verify();
  ASSERT_FALSE(report.intact());
  EXPECT_EQ(report.problem->kind, "bad_signature");
  EXPECT_EQ(report.problem->seq, 12u);
}

TEST_P(AuditLogTest, ACheckpointFromAnotherKeyIsRejected) {
  fill(8);
  auto report = log_->verify(AuditKey::generate().public_key_hex());
  ASSERT_TRUE(report);
  ASSERT_FALSE(report->intact());
  EXPECT_EQ(report->problem->kind, "bad_signature");
}

TEST_P(AuditLogTest, ProofsVerifyWithThePublicKeyAlone) {
  fill(13);
  auto checkpoint = log_->checkpoint_now();
  ASSERT_TRUE(checkpoint) << checkpoint.error().message;
  EXPECT_EQ(checkpoint->size, 13u);
  const audit::MerkleHasher hasher(&audit_sha256);
  for (std::uint64_t seq = 1; seq <= 13; ++seq) {
    auto bundle = log_->prove(seq);
    ASSERT_TRUE(bundle) << bundle.error().message;
    EXPECT_EQ(bundle->entry.object_id, "sit-" + std::to_string(seq));
    EXPECT_TRUE(audit::check_bundle(*bundle, key_.public_key_hex(), hasher, &audit_verify_signature));
    auto altered = *bundle;
    altered.entry.actor = "someone-else";
    EXPECT_EQ(audit::check_bundle(altered, key_.public_key_hex(), hasher, &audit_verify_signature).error().code,
              "not_included");
    EXPECT_EQ(audit::check_bundle(*bundle, AuditKey::generate().public_key_hex(), hasher, &audit_verify_signature)
                  .error()
                  .code,
              "bad_signature");
  }
  EXPECT_EQ(log_->prove(14).error().code, "not_found");
}

TEST_P(AuditLogTest, TimeBasedCheckpointsAreSigned) {
  fill(3);  // below checkpoint_every
  auto due = log_->checkpoint_if_due();
  ASSERT_TRUE(due);
  EXPECT_FALSE(*due);
  clock_.advance(std::chrono::hours(2));
  due = log_->checkpoint_if_due();
  ASSERT_TRUE(due);
  EXPECT_TRUE(*due);
  auto all = log_->checkpoints();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().size, 3u);
}

// A change's entry commits or rolls back with the change.
TEST_P(AuditLogTest, EntriesAppendedInsideATransactionRollBackWithIt) {
  fill(5);
  auto failed = db_->database().transaction([&](soci::session& s) {
    const std::vector<audit::Entry> entries{make_entry(100)};
    log_->append_in(s, entries);
    throw std::runtime_error("the change itself failed");
  });
  EXPECT_FALSE(failed);
  EXPECT_EQ(*log_->size(), 5u);
  std::vector<std::uint64_t> seqs;
  auto ok = db_->database().transaction([&](soci::session& s) {
    const std::vector<audit::Entry> entries{make_entry(101)};
    seqs = log_->append_in(s, entries);
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(seqs, std::vector<std::uint64_t>{6});
  EXPECT_TRUE(verify().intact());
}

TEST_P(AuditLogTest, RejectsAnEntryWithControlCharacters) {
  auto bad = make_entry(1);
  bad.object_id = "a\nb";
  const std::vector<audit::Entry> entries{bad};
  EXPECT_EQ(log_->append(entries).error().code, "invalid_audit_entry");
  app::audit::GroupCommitAppender appender(*log_);
  EXPECT_EQ(appender.append(bad).error().code, "invalid_audit_entry");
  EXPECT_EQ(*log_->size(), 0u);
}

// Many request threads: every acknowledged entry is present exactly once, the
// chain verifies, and entries were grouped into fewer transactions.
TEST_P(AuditLogTest, GroupCommitKeepsEveryAcknowledgedEntry) {
  app::audit::GroupCommitAppender appender(*log_);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 100;
  std::mutex mutex;
  std::set<std::uint64_t> acknowledged;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto seq = appender.append(make_entry(t * kPerThread + i));
        ASSERT_TRUE(seq) << seq.error().message;
        std::lock_guard lock(mutex);
        EXPECT_TRUE(acknowledged.insert(*seq).second) << "sequence number given twice: " << *seq;
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(acknowledged.size(), std::size_t{kThreads * kPerThread});
  EXPECT_EQ(*acknowledged.begin(), 1u);
  EXPECT_EQ(*acknowledged.rbegin(), std::uint64_t{kThreads * kPerThread});
  const auto report = verify();
  EXPECT_TRUE(report.intact()) << report.problem->message;
  EXPECT_EQ(report.entries, std::uint64_t{kThreads * kPerThread});
  EXPECT_LT(appender.stats().batches, std::uint64_t{kThreads * kPerThread});
}

// Two Database handles stand for two tafel servers on one database.
TEST_P(AuditLogTest, TwoServersAppendToOneChain) {
  auto second_db = Database::open(db_->url(), 4);
  ASSERT_TRUE(second_db) << second_db.error().message;
  AuditLog::Options options;
  options.checkpoint_every = 50;
  AuditLog second_log(**second_db, key_, clock_, options);
  app::audit::GroupCommitAppender first(*log_);
  app::audit::GroupCommitAppender second(second_log);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 60;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto& appender = t % 2 == 0 ? first : second;
      for (int i = 0; i < kPerThread; ++i) {
        if (!appender.append(make_entry(t * kPerThread + i))) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  const auto report = verify();
  EXPECT_TRUE(report.intact()) << report.problem->message;
  EXPECT_EQ(report.entries, std::uint64_t{kThreads * kPerThread});
}

// A tafel process appending under load is killed with SIGKILL: every sequence number
// it acknowledged on stdout is in the database and the log verifies.
TEST_P(AuditLogTest, KilledAppenderLosesNoAcknowledgedEntry) {
  const std::string key_file = (std::filesystem::temp_directory_path() /
                                ("tafel-audit-kill-" + std::to_string(::getpid()) + ".key"))
                                   .string();
  std::filesystem::remove(key_file);
  ASSERT_TRUE(std::filesystem::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    const std::string url = db_->url();
    ::execl(TAFEL_BINARY, TAFEL_BINARY, "audit", "load-test", "--database", url.c_str(), "--key", key_file.c_str(),
            "--threads", "32", "--count", "100000000", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string received;
  std::size_t lines = 0;
  char buffer[4096];
  // Let it acknowledge a good number of entries, then kill it mid-flight.
  while (lines < 3000) {
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
    lines = static_cast<std::size_t>(std::count(received.begin(), received.end(), '\n'));
  }
  ::kill(child, SIGKILL);
  for (;;) {  // whatever it wrote before dying was acknowledged too
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the load process ended before it was killed (exit "
                                   << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ")";
  ASSERT_GE(lines, 3000u);

  std::uint64_t highest = 0;
  std::size_t count = 0;
  std::size_t start = 0;
  for (std::size_t end = received.find('\n'); end != std::string::npos; end = received.find('\n', start)) {
    highest = std::max<std::uint64_t>(highest, std::stoull(received.substr(start, end - start)));
    ++count;
    start = end + 1;
  }
  auto key = AuditKey::load(key_file);
  ASSERT_TRUE(key) << key.error().message;
  AuditLog reopened(db_->database(), *key, clock_);
  auto size = reopened.size();
  ASSERT_TRUE(size);
  // Sequence numbers are contiguous from 1, so every acknowledged one is present when
  // the highest is; and no two acknowledgements shared a number.
  EXPECT_GE(*size, highest);
  EXPECT_GE(*size, count);
  auto report = reopened.verify(key->public_key_hex());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->intact()) << report->problem->message;
  EXPECT_EQ(report->entries, *size);
  std::filesystem::remove(key_file);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditLogTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

// Issue 11, point 15: the instance key lives in keys_dir, not beside the database.
TEST(InstanceKey, TheDefaultLocationIsNotInsideTheDatabaseDirectory) {
  ::unsetenv("TAFEL_AUDIT_KEY");
  namespace fs = std::filesystem;
  const fs::path key = fs::weakly_canonical(resolve_audit_key_path("", std::string(kDefaultKeysDir)));
  const fs::path database_dir = fs::weakly_canonical(fs::path("var/tafel.sqlite").parent_path());  // the default
  auto [end, ignored] = std::mismatch(database_dir.begin(), database_dir.end(), key.begin(), key.end());
  EXPECT_NE(end, database_dir.end()) << key << " lies inside " << database_dir;
  EXPECT_EQ(key.filename(), "instance.key");
  EXPECT_EQ(resolve_audit_key_path("", "/etc/tafel/keys"), "/etc/tafel/keys/instance.key");
  EXPECT_EQ(resolve_audit_key_path("/k/explicit.key", "/etc/tafel/keys"), "/k/explicit.key");
}

TEST(InstanceKey, ACreatedKeyIsPrivateAndAReadableOneIsRefused) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tafel-key-mode-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string path = (dir / "keys" / "instance.key").string();
  auto created = AuditKey::load_or_create(path);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(fs::status(dir / "keys").permissions() & fs::perms::all, fs::perms::owner_all);
  fs::permissions(path, fs::perms::group_read, fs::perm_options::add);
  auto refused = AuditKey::load(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "audit_key");
  EXPECT_NE(refused.error().message.find("chmod 600 " + path), std::string::npos) << refused.error().message;
  EXPECT_FALSE(AuditKey::load_or_create(path));
  fs::remove_all(dir);
}

TEST(InstanceKey, AKeyBesideASqliteFileIsMovedNotReplaced) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tafel-key-move-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "data");
  const std::string database = (dir / "data" / "t.sqlite").string();
  auto legacy = AuditKey::load_or_create(legacy_audit_key_path(database));
  ASSERT_TRUE(legacy) << legacy.error().message;
  const std::string path = (dir / "keys" / "instance.key").string();
  auto moved = adopt_legacy_key(path, database);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(*moved, legacy_audit_key_path(database));
  EXPECT_FALSE(fs::exists(legacy_audit_key_path(database)));
  auto loaded = AuditKey::load(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->public_key_hex(), legacy->public_key_hex());
  auto again = adopt_legacy_key(path, database);  // nothing left to move
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  fs::remove_all(dir);
}

// Issue 11, point 14: person pseudonyms are keyed, stable and never the id itself.
TEST(InstanceKey, PersonPseudonymsAreKeyedAndStable) {
  AuditKey a = AuditKey::generate(), b = AuditKey::generate();
  const std::string p = a.pseudonymise_person("X-123");
  EXPECT_TRUE(p.starts_with("p1:"));
  EXPECT_EQ(p.size(), 3u + 64u);
  EXPECT_EQ(p.find("X-123"), std::string::npos);
  EXPECT_EQ(a.pseudonymise_person("X-123"), p);
  EXPECT_NE(a.pseudonymise_person("X-124"), p);
  EXPECT_NE(b.pseudonymise_person("X-123"), p);
}

}  // namespace
}  // namespace tafel::storage
