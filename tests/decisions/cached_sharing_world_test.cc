// The sharing world is built once per change of its inputs (issue 12 point 4, ADR
// 0011): a change committed through the stores — by this server or by another on the
// same database — is seen by the next decision, and nothing is rebuilt while nothing
// changed. Two Runtimes on two connections to one database stand for two servers.

#include <gtest/gtest.h>

#include "accounts/fake_crypto.h"
#include "agreements/fixtures.h"
#include "app/clock.h"
#include "cli/runtime.h"
#include "storage/audit_crypto.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using namespace sharing;
using app::decisions::Question;
using test_support::k2026;
using test_support::kDay;

const app::audit::Origin kOrigin{"req-1", "192.0.2.1"};

class CachedSharingWorldTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    auto second = storage::Database::open(db_->url(), 2);
    ASSERT_TRUE(second) << second.error().message;
    cli::Runtime::Options options;
    options.clock = &clock_;
    options.crypto = &crypto_;
    auto a = cli::Runtime::create(db_->shared_database(), options);
    ASSERT_TRUE(a) << a.error().message;
    here_ = *a;
    auto b = cli::Runtime::create(std::shared_ptr<storage::Database>(std::move(*second)), options);
    ASSERT_TRUE(b) << b.error().message;
    there_ = *b;
    // 1: police zone, 2: CAW, 3: municipality (the agreement fixture's parties 1 and 3).
    auto& d = here_->directory_store();
    ASSERT_EQ(*d.create_organisation(test_support::organisation(1, Sector::police, Secrecy::none, true, Mission::safety)), 1);
    ASSERT_EQ(*d.create_organisation(test_support::organisation(2, Sector::welfare, Secrecy::professional, false,
                                                                Mission::care)),
              2);
    ASSERT_EQ(*d.create_organisation(test_support::organisation(3, Sector::municipality, Secrecy::discretion, true,
                                                                Mission::both)),
              3);
  }

  // The police asks here whether it may tell the municipality a person's identity.
  app::decisions::Answer ask_here() {
    Question q;
    q.recipient = 3;
    q.about = Question::About::person_without_case;
    q.categories = {Category::identity};
    q.purpose = Purpose::coordination;
    auto answer = here_->decisions().ask({100, 1, access::Role::member, true}, q, kOrigin);
    EXPECT_TRUE(answer) << answer.error().message;
    return answer ? *answer : app::decisions::Answer{};
  }

  std::uint64_t builds() { return here_->sharing_world().builds(); }

  app::ManualClock clock_{app::Instant{std::chrono::microseconds{k2026 + 30 * kDay}}};
  test_support::FakeCrypto crypto_;
  std::unique_ptr<test_support::TestDatabase> db_;
  std::shared_ptr<cli::Runtime> here_, there_;
};

TEST_P(CachedSharingWorldTest, AnAgreementSignedOrSuspendedOnAnotherServerDecidesTheNextQuestionHere) {
  EXPECT_FALSE(ask_here().permit);
  const auto first = builds();
  EXPECT_FALSE(ask_here().permit);
  EXPECT_FALSE(ask_here().permit);
  EXPECT_EQ(builds(), first) << "nothing changed: no rebuild";

  auto a = agreement::Agreement::create(test_support::police_municipality(), 1, k2026, storage::audit_sha256);
  ASSERT_TRUE(a);
  for (const char* org : {"1", "3"}) ASSERT_TRUE(a->sign(org, 1, a->latest().hash, k2026));
  auto id = there_->agreement_store().create(*a);
  ASSERT_TRUE(id) << id.error().message;
  auto permitted = ask_here();
  EXPECT_TRUE(permitted.permit);
  EXPECT_EQ(permitted.rule, "r1");
  EXPECT_EQ(builds(), first + 1);

  auto stored = *there_->agreement_store().find(*id);
  const std::int64_t revision = stored->revision();
  ASSERT_TRUE(stored->suspend(k2026 + kDay));
  ASSERT_TRUE(there_->agreement_store().save(*stored, revision));
  auto suspended = ask_here();
  EXPECT_FALSE(suspended.permit);
  ASSERT_FALSE(suspended.reasons.empty());
  EXPECT_EQ(suspended.reasons.back(), Reason::agreement_not_in_force);
  EXPECT_EQ(builds(), first + 2);
}

TEST_P(CachedSharingWorldTest, AnOrganisationChangedOnAnotherServerIsInTheNextWorldHere) {
  auto before = here_->sharing_world().current();
  ASSERT_TRUE(before);
  auto org = *there_->directory_store().find_organisation(3);
  org->sector = Sector::youth_work;
  ASSERT_TRUE(there_->directory_store().update_organisation(*org));
  auto after = here_->sharing_world().current();
  ASSERT_TRUE(after);
  auto i = (*after)->organisation(3);
  ASSERT_TRUE(i);
  EXPECT_EQ((*after)->policy.world().organisations[*i].sector, Sector::youth_work);
  EXPECT_NE(before->get(), after->get());
}

TEST_P(CachedSharingWorldTest, ATableSaveRebuildsOnlyWhenWhatTheWorldReadsChanged) {
  tables::Table t;
  t.name = "Overleg stationsbuurt";
  t.basis = tables::LegalBasis::decree;
  t.basis_reference = "Decreet 17 juli 2020";
  t.finality = {Purpose::integrity};
  t.members = {1, 2};
  auto saved = there_->table_store().insert(t);
  ASSERT_TRUE(saved) << saved.error().message;
  auto world = here_->sharing_world().current();
  ASSERT_TRUE(world);
  ASSERT_TRUE((*world)->table(saved->id));
  const auto built = builds();

  // Minutes, actions, statements: not read by the engine.
  saved->finality_statement = "Samen de buurt leefbaar houden.";
  saved = there_->table_store().update(*saved);
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_TRUE(here_->sharing_world().current());
  EXPECT_EQ(builds(), built);

  saved->members.push_back(3);
  saved = there_->table_store().update(*saved);
  ASSERT_TRUE(saved) << saved.error().message;
  world = here_->sharing_world().current();
  ASSERT_TRUE(world);
  EXPECT_EQ(builds(), built + 1);
  const auto& table = (*world)->policy.world().tables[*(*world)->table(saved->id)];
  EXPECT_EQ(table.members.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Engines, CachedSharingWorldTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
