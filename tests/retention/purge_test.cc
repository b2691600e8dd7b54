// The retention purge on SQLite and PostgreSQL through the runtime `tafel serve`
// builds, driven by the clock port (issue 12, "Done when": the purge deletes what is
// past retention and nothing else): before a table's period has run out nothing goes;
// after it exactly the closed case and what is on it (contributions, consents) goes,
// with an audit stub per record that names the number and never the person; open
// cases, other tables' cases and other contributions stay and still read; a second run
// deletes nothing and writes no second stub. And a contribution received under an
// agreement goes when that agreement's period for its category has run out.

#include <gtest/gtest.h>

#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "accounts/fake_crypto.h"
#include "cli/runtime.h"
#include "storage/audit_crypto.h"
#include "storage/tables/table_store.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using access::Principal;
using access::Role;
using app::retention::ItemKind;
using app::retention::PurgeItem;
namespace tb = tafel::tables;
namespace fs = std::filesystem;

constexpr std::int64_t kDay = 86'400'000'000;
constexpr std::int64_t kStart = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z

class PurgeTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    if (!test_support::engine_available(GetParam())) GTEST_SKIP() << "engine not available";
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    keys_ = fs::temp_directory_path() / ("tafel-purge-keys-" + std::to_string(::getpid()) + "-" +
                                          test_support::engine_name(GetParam()));
    fs::remove_all(keys_);
    cli::Runtime::Options options;
    options.clock = &clock_;
    options.crypto = &crypto_;
    options.audit_key_path = (keys_ / "instance.key").string();
    options.master_key_path = (keys_ / "master.key").string();
    auto runtime = cli::Runtime::create(db_->shared_database(), options);
    ASSERT_TRUE(runtime) << runtime.error().message;
    runtime_ = std::move(*runtime);
    Principal root{0, 0, Role::platform_admin, true};
    auto org = [&](const char* name) {
      directory::Organisation o;
      o.name = name;
      o.finality = "Wat we doen.";
      o.languages = {"nl"};
      return *runtime_->directory().create_organisation(root, o);
    };
    care_ = org("OCMW Nethegem");
    police_ = org("Politie Nethegem");
    kept_table_ = table("Casusoverleg zonder termijn", std::nullopt);
    table_ = table("Casusoverleg Nethegem", 30);
  }
  void TearDown() override {
    runtime_.reset();
    if (!keys_.empty()) fs::remove_all(keys_);
  }

  std::int64_t table(const char* name, std::optional<std::int32_t> days) {
    storage::SqlTableStore tables(db_->database(), clock_);
    tb::Table t;
    t.name = name;
    t.kind = tb::TableKind::case_consultation;
    t.basis = tb::LegalBasis::law;
    t.basis_reference = "art. 458ter Sw.";
    t.basis_approval = tb::BasisApproval{t.basis, t.basis_reference, 1, care_, 1};
    t.members = {care_, police_};
    t.delegates = {{11, care_, tb::TableRole::chair}, {21, police_, tb::TableRole::delegate}};
    t.case_retention_days = days;
    auto stored = tables.insert(t);
    EXPECT_TRUE(stored) << stored.error().message;
    return stored ? stored->id : 0;
  }

  app::cases::Caller chair() { return {Principal{11, care_, Role::member, true}, {"req-1", "192.0.2.1"}}; }

  std::int64_t open_case(std::int64_t table_id, const char* name) {
    app::cases::CaseDraft draft;
    draft.identity = {name, "2009-03-14", "Heidebaan 12, 2999 Nethegem", "09.03.14-123.84", "Spijbelt."};
    draft.tracks = {{care_, cases::Track::care}, {police_, cases::Track::safety}};
    auto c = runtime_->cases().open_case(chair(), table_id, draft);
    EXPECT_TRUE(c) << c.error().message;
    return c ? c->id : 0;
  }

  std::int64_t contribution(std::int64_t case_id, sharing::Category category = sharing::Category::care,
                            std::string rule = {}) {
    contributions::Contribution x;
    x.case_id = case_id;
    x.source = care_;
    x.author = 11;
    x.parts = {{category, "Gesprek gehad."}};
    x.created_at_us = now();
    if (!rule.empty()) {
      contributions::Share s;
      s.from = care_;
      s.recipient = police_;
      s.status = contributions::ShareStatus::shared;
      s.ground = "agreement";
      s.rule = rule;
      s.categories = {category};
      s.at_us = now();
      x.shares.push_back(s);
    }
    auto stored = runtime_->contribution_store().insert(x);
    EXPECT_TRUE(stored) << stored.error().message;
    return stored ? stored->id : 0;
  }

  std::int64_t consent(std::int64_t case_id) {
    consents::Consent k;
    k.case_id = case_id;
    k.recorded_by = care_;
    k.recorder = 11;
    k.recipients = {consents::Recipient{consents::Recipient::Kind::organisation, police_, sharing::Sector::other}};
    k.categories = {sharing::Category::social};
    k.purposes = {sharing::Purpose::care};
    k.valid_from = now();
    k.state = consents::State::given;
    k.decided_at = now();
    auto stored = runtime_->consent_store().insert(k);
    EXPECT_TRUE(stored) << stored.error().message;
    if (!stored) return 0;
    EXPECT_TRUE(runtime_->consent_store().put_evidence(stored->id, {"application/pdf", {'%', 'P', 'D', 'F'}}));
    return stored->id;
  }

  std::int64_t now() const { return clock_.now().time_since_epoch().count(); }
  void at(std::int64_t micros) { clock_.set(app::Instant(std::chrono::microseconds(micros))); }

  std::vector<core::audit::Entry> audit_entries() {
    app::audit::AuditFilter all;
    all.limit = 10'000;
    auto entries = runtime_->audit_trail().log().find(all);
    EXPECT_TRUE(entries);
    return entries ? *entries : std::vector<core::audit::Entry>{};
  }
  std::vector<core::audit::Entry> stubs() {
    std::vector<core::audit::Entry> out;
    for (auto& e : audit_entries()) {
      if (e.action == core::audit::Action::remove && e.ground == "retention") out.push_back(e);
    }
    // In the order they were written.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    return out;
  }

  long long world_generation() {
    long long g = 0;
    auto r = db_->database().with_session(
        [&](soci::session& s) { s << "SELECT generation FROM sharing_world_generation WHERE id = 1", soci::into(g); });
    EXPECT_TRUE(r);
    return g;
  }

  bool case_exists(std::int64_t id) { return runtime_->case_store().find(id)->has_value(); }
  bool contribution_exists(std::int64_t id) { return runtime_->contribution_store().find(id)->has_value(); }
  bool consent_exists(std::int64_t id) { return runtime_->consent_store().find(id)->has_value(); }

  app::ManualClock clock_{app::Instant{std::chrono::microseconds{kStart}}};
  test_support::FakeCrypto crypto_;
  std::unique_ptr<test_support::TestDatabase> db_;
  fs::path keys_;
  std::shared_ptr<cli::Runtime> runtime_;
  access::OrganisationId care_ = 0, police_ = 0;
  std::int64_t table_ = 0, kept_table_ = 0;
};

TEST_P(PurgeTest, DeletesTheClosedCasePastItsTablesPeriodWithWhatIsOnItAndNothingElse) {
  const std::int64_t closing = open_case(table_, "Yannick Vermeiren");
  const std::int64_t open = open_case(table_, "Open Casus");
  const std::int64_t elsewhere = open_case(kept_table_, "Andere Tafel");
  const std::int64_t on_closing = contribution(closing), on_open = contribution(open),
                     on_elsewhere = contribution(elsewhere);
  const std::int64_t consent_closing = consent(closing), consent_open = consent(open);

  at(kStart + kDay);
  ASSERT_TRUE(runtime_->cases().close(chair(), closing));
  ASSERT_TRUE(runtime_->cases().close(chair(), elsewhere));  // its table keeps closed cases
  const std::int64_t closed_at = now();

  // Before the period has run out (one microsecond before): nothing is due.
  at(closed_at + 30 * kDay - 1);
  auto early = runtime_->purge().dry_run();
  ASSERT_TRUE(early) << early.error().message;
  EXPECT_TRUE(early->items.empty());
  auto early_apply = runtime_->purge().apply();
  ASSERT_TRUE(early_apply) << early_apply.error().message;
  EXPECT_TRUE(early_apply->items.empty());
  EXPECT_TRUE(case_exists(closing));
  EXPECT_TRUE(stubs().empty());

  // After it: the dry run lists exactly the closed case and its dependants.
  at(closed_at + 30 * kDay);
  auto due = runtime_->purge().dry_run();
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_FALSE(due->applied);
  ASSERT_EQ(due->items.size(), 3u);
  EXPECT_EQ(due->items[0].kind, ItemKind::case_record);
  EXPECT_EQ(due->items[0].id, closing);
  EXPECT_EQ(due->items[1].kind, ItemKind::contribution);
  EXPECT_EQ(due->items[1].id, on_closing);
  EXPECT_EQ(due->items[2].kind, ItemKind::consent);
  EXPECT_EQ(due->items[2].id, consent_closing);
  for (const auto& item : due->items) {
    EXPECT_EQ(item.case_id, closing);
    EXPECT_EQ(item.table_id, table_);
    EXPECT_EQ(item.due_at, closed_at + 30 * kDay);
    EXPECT_FALSE(item.removed);
  }
  // The dry run changed nothing.
  EXPECT_TRUE(case_exists(closing));
  EXPECT_TRUE(contribution_exists(on_closing));
  EXPECT_TRUE(consent_exists(consent_closing));
  EXPECT_TRUE(stubs().empty());

  const long long generation = world_generation();
  auto applied = runtime_->purge().apply();
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(applied->applied);
  ASSERT_EQ(applied->items.size(), 3u);
  EXPECT_EQ(applied->removed(), 3);
  EXPECT_GT(world_generation(), generation) << "cases and consents feed the sharing engine";

  // Gone: the case with its sealed identity, its contribution, its consent and evidence.
  EXPECT_FALSE(case_exists(closing));
  EXPECT_FALSE(runtime_->case_store().identity(closing)->has_value());
  EXPECT_EQ(runtime_->cases().summary(chair(), closing).error().code, "not_found");
  EXPECT_FALSE(contribution_exists(on_closing));
  EXPECT_FALSE(consent_exists(consent_closing));
  EXPECT_FALSE(runtime_->consent_store().evidence(consent_closing)->has_value());

  // Everything else stays and still reads.
  auto open_identity = runtime_->cases().identity(chair(), open);
  ASSERT_TRUE(open_identity) << open_identity.error().message;
  EXPECT_EQ(open_identity->name, "Open Casus");
  auto elsewhere_summary = runtime_->cases().summary(chair(), elsewhere);
  ASSERT_TRUE(elsewhere_summary) << elsewhere_summary.error().message;
  EXPECT_FALSE(elsewhere_summary->open());
  EXPECT_TRUE(contribution_exists(on_open));
  EXPECT_TRUE(contribution_exists(on_elsewhere));
  EXPECT_EQ(runtime_->contribution_store().find(on_open)->value().parts.front().text, "Gesprek gehad.");
  EXPECT_TRUE(consent_exists(consent_open));
  EXPECT_TRUE(runtime_->consent_store().evidence(consent_open)->has_value());

  // One stub per deleted record: the number, the rule, never the person.
  auto written = stubs();
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(written[0].object_type, "case");
  EXPECT_EQ(written[0].object_id, std::to_string(closing));
  EXPECT_EQ(written[0].rule, "table-" + std::to_string(table_) + "/case_retention_days=30");
  EXPECT_EQ(written[0].organisation, std::to_string(care_));
  EXPECT_EQ(written[1].object_type, "contribution");
  EXPECT_EQ(written[1].object_id, std::to_string(on_closing));
  EXPECT_EQ(written[2].object_type, "consent");
  EXPECT_EQ(written[2].object_id, std::to_string(consent_closing));
  for (const auto& e : audit_entries()) {
    for (const std::string& field : {e.actor, e.organisation, e.object_type, e.object_id, e.ground, e.rule}) {
      EXPECT_EQ(field.find("Vermeiren"), std::string::npos);
      EXPECT_EQ(field.find("Heidebaan"), std::string::npos);
    }
  }

  // Again: nothing is due any more, nothing is deleted, no second stub.
  auto again = runtime_->purge().apply();
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->items.empty());
  EXPECT_EQ(stubs().size(), 3u);
  EXPECT_TRUE(case_exists(open));
  EXPECT_TRUE(case_exists(elsewhere));
}

TEST_P(PurgeTest, AContributionReceivedUnderAnAgreementGoesWhenItsPeriodForTheCategoryRunsOut) {
  // An agreement in force between the two organisations: identity kept 90 days.
  agreement::Document d;
  d.title = "Nethegem";
  d.valid_from = kStart - kDay;
  d.review_date = kStart + 365 * kDay;
  d.parties = {{std::to_string(care_), "Zorg", {}, {}}, {std::to_string(police_), "Veiligheid", {}, {}}};
  agreement::RuleText r;
  r.id = "r1";
  r.from = {std::to_string(care_)};
  r.to = {std::to_string(police_)};
  r.categories = {sharing::Category::identity, sharing::Category::care};
  r.purposes = {sharing::Purpose::care};
  r.grounds = {sharing::Ground::agreement};
  d.rules = {r};
  d.retention = {{sharing::Category::identity, 90}};
  auto a = agreement::Agreement::create(d, 1, kStart - kDay, storage::audit_sha256);
  ASSERT_TRUE(a) << a.error().message;
  for (auto org : {care_, police_}) ASSERT_TRUE(a->sign(std::to_string(org), 1, a->latest().hash, kStart - kDay));
  auto agreement_id = runtime_->agreement_store().create(*a);
  ASSERT_TRUE(agreement_id) << agreement_id.error().message;
  const std::string rule = std::to_string(*agreement_id) + "/r1";

  const std::int64_t c = open_case(table_, "Yannick Vermeiren");
  const std::int64_t identity = contribution(c, sharing::Category::identity, rule);
  const std::int64_t care = contribution(c, sharing::Category::care, rule);  // no period for care
  const std::int64_t received = now();

  at(received + 90 * kDay - 1);
  auto early = runtime_->purge().dry_run();
  ASSERT_TRUE(early) << early.error().message;
  EXPECT_TRUE(early->items.empty());

  at(received + 90 * kDay);
  auto applied = runtime_->purge().apply();
  ASSERT_TRUE(applied) << applied.error().message;
  ASSERT_EQ(applied->items.size(), 1u);
  const PurgeItem& item = applied->items.front();
  EXPECT_EQ(item.kind, ItemKind::contribution);
  EXPECT_EQ(item.id, identity);
  EXPECT_EQ(item.agreement_id, *agreement_id);
  EXPECT_EQ(item.table_id, 0);
  EXPECT_EQ(item.due_at, received + 90 * kDay);
  EXPECT_TRUE(item.removed);
  EXPECT_FALSE(contribution_exists(identity));
  EXPECT_TRUE(contribution_exists(care));
  EXPECT_TRUE(case_exists(c)) << "an open case stays";

  auto written = stubs();
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written[0].object_type, "contribution");
  EXPECT_EQ(written[0].object_id, std::to_string(identity));
  EXPECT_EQ(written[0].rule, "agreement-" + std::to_string(*agreement_id) + "/retention/identity=90");

  auto again = runtime_->purge().apply();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->items.empty());
  EXPECT_EQ(stubs().size(), 1u);
}

// Two servers on one database purge at the same moment: every record goes once and has
// exactly one stub.
TEST_P(PurgeTest, TwoServersPurgingAtOnceDeleteEachRecordOnceWithOneStub) {
  std::vector<std::int64_t> closed;
  for (int i = 0; i < 4; ++i) {
    closed.push_back(open_case(table_, "Yannick Vermeiren"));
    contribution(closed.back());
    consent(closed.back());
  }
  at(kStart + kDay);
  for (auto c : closed) ASSERT_TRUE(runtime_->cases().close(chair(), c));
  at(kStart + 40 * kDay);

  cli::Runtime::Options options;
  options.clock = &clock_;
  options.crypto = &crypto_;
  options.audit_key_path = (keys_ / "instance.key").string();
  options.master_key_path = (keys_ / "master.key").string();
  auto other = cli::Runtime::create(db_->shared_database(), options);
  ASSERT_TRUE(other) << other.error().message;
  Result<app::retention::PurgeReport> first = fail("not_run", ""), second = fail("not_run", "");
  std::thread a([&] { first = runtime_->purge().apply(); });
  std::thread b([&] { second = (*other)->purge().apply(); });
  a.join();
  b.join();
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(first->removed() + second->removed(), 12);
  EXPECT_EQ(stubs().size(), 12u);
  for (auto c : closed) EXPECT_FALSE(case_exists(c));
}

// What a second server purging the same record sees inside its transaction: the
// record is already gone, so it deletes nothing and must write no stub.
TEST_P(PurgeTest, DeletingWhatIsAlreadyGoneReportsThatItWasGone) {
  const std::int64_t c = open_case(table_, "Yannick Vermeiren");
  const std::int64_t x = contribution(c);
  const std::int64_t k = consent(c);
  EXPECT_TRUE(*runtime_->case_store().remove(c));
  EXPECT_FALSE(*runtime_->case_store().remove(c));
  EXPECT_TRUE(*runtime_->contribution_store().remove(x));
  EXPECT_FALSE(*runtime_->contribution_store().remove(x));
  EXPECT_TRUE(*runtime_->consent_store().remove(k));
  EXPECT_FALSE(*runtime_->consent_store().remove(k));
}

INSTANTIATE_TEST_SUITE_P(Engines, PurgeTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
