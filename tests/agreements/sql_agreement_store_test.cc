// SqlAgreementStore on both engines: every version and signature kept and read back
// exactly, lost updates refused, signatures append-only, altered texts detected.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/clock.h"
#include "fixtures.h"
#include "storage/agreement_store.h"
#include "storage/audit_crypto.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

using test_support::k2026;
using test_support::kDay;

class SqlAgreementStoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    store_ = std::make_unique<SqlAgreementStore>(db_->database(), clock_, audit_sha256);
  }

  app::ManualClock clock_{app::Instant{std::chrono::seconds{1'800'000'000}}};
  std::unique_ptr<test_support::TestDatabase> db_;
  std::unique_ptr<SqlAgreementStore> store_;
};

TEST_P(SqlAgreementStoreTest, EveryVersionAndSignatureIsKeptAndReadBackExactly) {
  auto a = agreement::Agreement::create(test_support::police_municipality(), 7, k2026, audit_sha256);
  ASSERT_TRUE(a);
  auto id = store_->create(*a);
  ASSERT_TRUE(id) << id.error().message;
  a->set_id(*id);

  std::int64_t revision = a->revision();
  // Each signature keeps the parties' facts it was given on (issue 11, point 3).
  ASSERT_TRUE(a->sign("1", 10, a->latest().hash, k2026 + 1, "1:police/professional/safety/1;3:municipality/none/care/0"));
  ASSERT_TRUE(a->sign("3", 30, a->latest().hash, k2026 + 2));
  ASSERT_TRUE(store_->save(*a, revision)) << "signatures";
  revision = a->revision();
  // The suspending party is kept with the version (issue 11, point 6).
  ASSERT_TRUE(a->suspend(k2026 + 3, "3"));
  ASSERT_TRUE(store_->save(*a, revision)) << "suspension";
  EXPECT_EQ((*store_->find(*id))->version(1)->suspended_by, "3");
  ASSERT_TRUE(a->resume(k2026 + 4));
  ASSERT_TRUE(store_->save(*a, revision + 1)) << "resumption";
  revision = a->revision();
  ASSERT_TRUE(a->new_version(7, k2026 + kDay));
  auto v2 = test_support::police_municipality();
  v2.title = "Overlast Nethegem — versie 2, met “aanhalingstekens” en\nnieuwe regel";
  ASSERT_TRUE(a->edit(v2, audit_sha256));
  ASSERT_TRUE(store_->save(*a, revision));

  auto back = store_->find(*id);
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_TRUE(*back);
  const auto& b = **back;
  EXPECT_EQ(b.revision(), a->revision());
  ASSERT_EQ(b.versions().size(), 2u);
  EXPECT_EQ(b.version(1)->status, agreement::VersionStatus::in_force);
  EXPECT_EQ(b.version(1)->signatures, a->version(1)->signatures);
  EXPECT_EQ(b.version(2)->document, v2);
  EXPECT_EQ(b.version(2)->hash, a->version(2)->hash);

  auto all = store_->list();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
  EXPECT_FALSE(*store_->find(*id + 100));
}

TEST_P(SqlAgreementStoreTest, AStaleWriteIsAConflictAndLosesNothing) {
  auto a = agreement::Agreement::create(test_support::police_municipality(), 7, k2026, audit_sha256);
  auto id = store_->create(*a);
  ASSERT_TRUE(id);
  auto first = **store_->find(*id);
  auto second = first;
  std::int64_t revision = first.revision();
  ASSERT_TRUE(first.sign("1", 10, first.latest().hash, k2026));
  ASSERT_TRUE(store_->save(first, revision));
  ASSERT_TRUE(second.sign("3", 30, second.latest().hash, k2026));
  EXPECT_EQ(store_->save(second, revision).error().code, "conflict");
  auto stored = **store_->find(*id);
  ASSERT_EQ(stored.latest().signatures.size(), 1u);
  EXPECT_EQ(stored.latest().signatures[0].organisation, "1");
}

TEST_P(SqlAgreementStoreTest, AnAlteredTextOrADeletedSignatureIsRefused) {
  auto a = agreement::Agreement::create(test_support::police_municipality(), 7, k2026, audit_sha256);
  auto id = store_->create(*a);
  ASSERT_TRUE(id);
  a->set_id(*id);
  std::int64_t revision = a->revision();
  ASSERT_TRUE(a->sign("1", 10, a->latest().hash, k2026));
  ASSERT_TRUE(store_->save(*a, revision));

  auto deleted = db_->database().transaction(
      [](soci::session& s) { s << "DELETE FROM agreement_signatures"; });
  EXPECT_FALSE(deleted);
  auto altered = db_->database().transaction([](soci::session& s) {
    s << "UPDATE agreement_versions SET document = replace(document, 'Openbare orde', 'Openbare ORDE')";
  });
  ASSERT_TRUE(altered) << altered.error().message;
  EXPECT_EQ(store_->find(*id).error().code, "corrupt_agreement");
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlAgreementStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
