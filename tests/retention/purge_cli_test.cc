// `tafel purge` through the real binary on both engines: a case closed long ago (the
// records are made with a clock in 2024; the binary runs on the real clock) at a table
// keeping closed cases 30 days. --dry-run lists it with its due date and deletes
// nothing; --apply deletes it and says so; a second --apply finds nothing; neither or
// both flags is a usage error (exit 2).

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "accounts/fake_crypto.h"
#include "cli/runtime.h"
#include "storage/tables/table_store.h"
#include "support/run_command.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using access::Principal;
using access::Role;
namespace tb = tafel::tables;
namespace fs = std::filesystem;

constexpr std::int64_t kDay = 86'400'000'000;
constexpr std::int64_t k2024 = 1'704'067'200'000'000;  // 2024-01-01T00:00:00Z

using Outcome = test_support::CommandOutcome;

Outcome run_tafel(const std::string& args) {
  return test_support::run_command(std::string(TAFEL_BINARY) + " " + args + " 2>&1");
}

class PurgeCliTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    ASSERT_TRUE(fs::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    keys_ = fs::temp_directory_path() / ("tafel-purge-cli-keys-" + std::to_string(::getpid()) + "-" +
                                          test_support::engine_name(GetParam()));
    fs::remove_all(keys_);
  }
  void TearDown() override {
    if (!keys_.empty()) fs::remove_all(keys_);
  }

  // A closed case (closed on 2024-01-02) and a contribution on it, at a table keeping
  // closed cases 30 days; and an open case. Returns the closed case's number.
  std::int64_t seed() {
    app::ManualClock clock{app::Instant{std::chrono::microseconds{k2024}}};
    test_support::FakeCrypto crypto;
    cli::Runtime::Options options;
    options.clock = &clock;
    options.crypto = &crypto;
    options.audit_key_path = (keys_ / "instance.key").string();
    options.master_key_path = (keys_ / "master.key").string();
    auto runtime = cli::Runtime::create(db_->shared_database(), options);
    EXPECT_TRUE(runtime) << runtime.error().message;
    if (!runtime) return 0;
    Principal root{0, 0, Role::platform_admin, true};
    directory::Organisation o;
    o.name = "OCMW Nethegem";
    o.finality = "Zorg.";
    o.languages = {"nl"};
    auto care = *(*runtime)->directory().create_organisation(root, o);
    storage::SqlTableStore tables(db_->database(), clock);
    tb::Table t;
    t.name = "Casusoverleg";
    t.kind = tb::TableKind::case_consultation;
    t.basis = tb::LegalBasis::law;
    t.basis_reference = "art. 458ter Sw.";
    t.basis_approval = tb::BasisApproval{t.basis, t.basis_reference, 1, care, 1};
    t.members = {care};
    t.delegates = {{11, care, tb::TableRole::chair}};
    t.case_retention_days = 30;
    auto table = tables.insert(t);
    EXPECT_TRUE(table);
    app::cases::Caller chair{Principal{11, care, Role::member, true}, {}};
    app::cases::CaseDraft draft;
    draft.identity = {"Yannick Vermeiren", "2009-03-14", "", "", ""};
    draft.tracks = {{care, cases::Track::care}};
    auto closed = (*runtime)->cases().open_case(chair, table->id, draft);
    auto open = (*runtime)->cases().open_case(chair, table->id, draft);
    EXPECT_TRUE(closed && open);
    contributions::Contribution x;
    x.case_id = closed->id;
    x.source = care;
    x.parts = {{sharing::Category::care, "Gesprek."}};
    EXPECT_TRUE((*runtime)->contribution_store().insert(x));
    clock.set(app::Instant{std::chrono::microseconds{k2024 + kDay}});
    EXPECT_TRUE((*runtime)->cases().close(chair, closed->id));
    return closed->id;
  }

  std::string options() const { return "--database '" + db_->url() + "' --keys-dir '" + keys_.string() + "'"; }

  std::unique_ptr<test_support::TestDatabase> db_;
  fs::path keys_;
};

TEST_P(PurgeCliTest, DryRunListsApplyDeletesAndASecondApplyFindsNothing) {
  const std::int64_t c = seed();
  ASSERT_GT(c, 0);
  const std::string number = std::to_string(c);

  Outcome dry = run_tafel("purge --dry-run " + options());
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("dry run (nothing deleted)"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("KIND"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("case          " + number), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("2024-02-01"), std::string::npos) << "due 30 days after closure\n" << dry.output;
  EXPECT_NE(dry.output.find("would go"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("2 records would go (1 case, 1 contribution, 0 consents)."), std::string::npos)
      << dry.output;
  EXPECT_EQ(dry.output.find("Vermeiren"), std::string::npos) << dry.output;

  Outcome applied = run_tafel("purge --apply " + options());
  EXPECT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_NE(applied.output.find("went"), std::string::npos) << applied.output;
  EXPECT_NE(applied.output.find("2 records went (1 case, 1 contribution, 0 consents)."), std::string::npos)
      << applied.output;

  Outcome again = run_tafel("purge --apply " + options());
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("Nothing is past retention."), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("0 records went."), std::string::npos) << again.output;
}

TEST_P(PurgeCliTest, NeitherOrBothFlagsIsAUsageError) {
  Outcome neither = run_tafel("purge " + options());
  EXPECT_EQ(neither.exit_code, 2) << neither.output;
  EXPECT_NE(neither.output.find("exactly one of --dry-run"), std::string::npos) << neither.output;
  Outcome both = run_tafel("purge --dry-run --apply " + options());
  EXPECT_EQ(both.exit_code, 2) << both.output;
}

INSTANTIATE_TEST_SUITE_P(Engines, PurgeCliTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
