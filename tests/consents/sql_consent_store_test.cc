// SqlConsentStore on SQLite and PostgreSQL: a given, witnessed consent round-trips
// exactly; stale saves are refused; lists by organisation, case and "ever given";
// the evidence file is stored sealed (the stored text holds neither the name on the
// form nor its hex) and does not open under another key; and a change through the
// service commits with its audit entry.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/clock.h"
#include "app/consents/consent_service.h"
#include "core/audit/hash.h"
#include "core/directory/organisation.h"
#include "storage/audit_crypto.h"
#include "storage/consents/consent_store.h"
#include "storage/directory_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "support/organisations.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using namespace tafel::consents;

class SqlConsentStoreTest : public ::testing::TestWithParam<storage::Engine> {};

using test_support::add_organisation;

storage::SecretSealer sealer(std::uint8_t fill) { return storage::SecretSealer(std::vector<std::uint8_t>(32, fill)); }

Consent sample(std::int64_t org) {
  Consent c;
  c.case_id = 5;
  c.recorded_by = org;
  c.recorder = 11;
  c.recipients = {Recipient{Recipient::Kind::organisation, org, sharing::Sector::other},
                  Recipient{Recipient::Kind::sector, 0, sharing::Sector::police}, Recipient{Recipient::Kind::any}};
  c.categories = {sharing::Category::identity, sharing::Category::care};
  c.purposes = {sharing::Purpose::care, sharing::Purpose::coordination};
  c.valid_from = 1'000;
  c.valid_until = 9'000'000;
  c.state = State::requested;
  c.created_at = 900;
  return c;
}

TEST_P(SqlConsentStoreTest, AConsentRoundTripsAndStaleSavesAreRefused) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t welfare = add_organisation(database, clock, "OCMW");
  storage::SqlConsentStore store(database, clock, sealer(7));

  auto inserted = store.insert(sample(welfare));
  ASSERT_TRUE(inserted) << inserted.error().message;
  EXPECT_GT(inserted->id, 0);
  EXPECT_EQ(inserted->version, 1);
  Consent c = *inserted;
  c.state = State::given;
  c.giver = Giver::minor_self;
  c.minor_age = 13;
  c.evidence = Evidence{Evidence::Kind::verbal, "", 0, "An Peeters", "maatschappelijk werker"};
  c.decided_at = 2'000;
  auto saved = store.update(c);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(store.update(c).error().code, "conflict");  // still at version 1

  auto found = store.find(c.id);
  ASSERT_TRUE(found && *found);
  const Consent& f = **found;
  EXPECT_EQ(f.recipients, c.recipients);
  EXPECT_EQ(f.categories, c.categories);
  EXPECT_EQ(f.purposes, c.purposes);
  EXPECT_EQ(f.valid_from, 1'000);
  EXPECT_EQ(f.valid_until, 9'000'000);
  EXPECT_EQ(f.withdrawn_at, kNever);
  EXPECT_EQ(f.state, State::given);
  EXPECT_EQ(f.giver, Giver::minor_self);
  EXPECT_EQ(f.minor_age, 13);
  EXPECT_EQ(f.evidence.witness_function, "maatschappelijk werker");
  EXPECT_EQ(f.decided_at, 2'000);
  EXPECT_EQ(f.created_at, 900);
  EXPECT_EQ(f.version, 2);

  Consent open_ended = sample(welfare);
  open_ended.case_id = 6;
  open_ended.valid_until = kNever;
  auto second = *store.insert(open_ended);
  EXPECT_EQ((*store.find(second.id))->valid_until, kNever);
  EXPECT_EQ(store.by_organisation(welfare)->size(), 2u);
  EXPECT_EQ(store.by_organisation(welfare)->front().id, second.id);  // newest first
  EXPECT_EQ(store.by_case(6)->size(), 1u);
  ASSERT_EQ(store.ever_given()->size(), 1u);
  EXPECT_EQ(store.ever_given()->front().id, c.id);
  EXPECT_FALSE(*store.find(c.id + 100));
}

TEST_P(SqlConsentStoreTest, EvidenceIsStoredSealedAndOpensOnlyUnderItsKey) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t welfare = add_organisation(database, clock, "OCMW");
  storage::SqlConsentStore store(database, clock, sealer(7));
  auto c = *store.insert(sample(welfare));
  std::string form = "%PDF-1.7 Ik, Yannick Vermeiren, geef toestemming";
  app::consents::EvidenceFile file{"application/pdf", std::vector<std::uint8_t>(form.begin(), form.end())};
  ASSERT_TRUE(store.put_evidence(c.id, file));

  std::string stored;
  ASSERT_TRUE(database.with_session([&](soci::session& s) {
    long long id = c.id;
    s << "SELECT sealed FROM consent_evidence WHERE consent_id = :i", soci::use(id), soci::into(stored);
  }));
  EXPECT_EQ(stored.find("Vermeiren"), std::string::npos);
  std::string name = "Vermeiren";
  EXPECT_EQ(stored.find(core::audit::to_hex(std::vector<std::uint8_t>(name.begin(), name.end()))), std::string::npos);

  auto read = store.evidence(c.id);
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->bytes, file.bytes);
  EXPECT_EQ((*read)->type, "application/pdf");
  storage::SqlConsentStore other_key(database, clock, sealer(8));
  EXPECT_EQ(other_key.evidence(c.id).error().code, "corrupt_record");
  EXPECT_FALSE(*store.evidence(c.id + 100));
}

TEST_P(SqlConsentStoreTest, AChangeThroughTheServiceCommitsWithItsAuditEntry) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(app::Instant{std::chrono::seconds{1'780'000'000}});
  storage::Database& database = (*db)->database();
  std::int64_t welfare = add_organisation(database, clock, "OCMW");
  storage::SqlConsentStore store(database, clock, sealer(7));
  app::cases::MemoryCaseDirectory cases;
  cases.put({5, 1, true, false, false, {welfare}, {}});
  storage::SqlAuditTrail audit(database, storage::AuditKey::generate(), clock);
  storage::SqlUnitOfWork transactions(database);
  app::consents::ConsentService service(store, cases, audit, clock, transactions);
  app::consents::Caller caller{{1, welfare, access::Role::member, true}, {"req", "192.0.2.1"}};
  app::consents::ConsentDraft d;
  d.case_id = 5;
  d.recipients = {Recipient{Recipient::Kind::any}};
  d.categories = {sharing::Category::social};
  d.purposes = {sharing::Purpose::care};
  auto c = service.record(caller, d);
  ASSERT_TRUE(c) << c.error().message;
  auto given = service.give(caller, c->id, {Giver::person, 0, "An Peeters", "teamleider"});
  ASSERT_TRUE(given) << given.error().message;
  auto facts = service.given_consents();
  ASSERT_TRUE(facts);
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_EQ(facts->front().recorded_by, welfare);
  EXPECT_EQ(facts->front().expires, sharing::kNever);
  long long entries = 0;
  ASSERT_TRUE(database.with_session([&](soci::session& session) {
    session << "SELECT COUNT(*) FROM audit_entry WHERE object_type IN ('consent', 'consent:given')",
        soci::into(entries);
  }));
  EXPECT_EQ(entries, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlConsentStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
