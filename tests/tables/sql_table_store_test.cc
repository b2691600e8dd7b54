// SqlTableStore on SQLite and PostgreSQL: a table with a series, a held meeting and
// frozen minutes survives a round trip exactly; stale saves are refused; membership
// and feed tokens are queried by organisation and digest.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/clock.h"
#include "core/directory/organisation.h"
#include "storage/directory_store.h"
#include "storage/tables/table_store.h"
#include "support/organisations.h"
#include "support/test_database.h"
#include "table_fixture.h"

namespace tafel {
namespace {

using namespace tafel::tables;
using test_support::local;

class SqlTableStoreTest : public ::testing::TestWithParam<storage::Engine> {};

using test_support::add_organisation;

std::int64_t add_user(storage::Database& db, std::int64_t org, const std::string& email) {
  long long id = 0;
  auto r = db.transaction([&](soci::session& s) {
    long long o = org, at = 0;
    s << "INSERT INTO users (organisation_id, email, display_name, role, language, active, password_hash, "
         "created_at) VALUES (:o, :e, 'X', 'member', 'nl', 1, 'x', :t) RETURNING id",
        soci::use(o), soci::use(email), soci::use(at), soci::into(id);
  });
  EXPECT_TRUE(r) << r.error().message;
  return id;
}

TEST_P(SqlTableStoreTest, ATableRoundTripsWithItsMeetingsAndMinutes) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t police = add_organisation(database, clock, "Politie");
  std::int64_t ocmw = add_organisation(database, clock, "OCMW");
  std::int64_t caw = add_organisation(database, clock, "CAW");
  std::int64_t other = add_organisation(database, clock, "Jeugdhuis");
  std::int64_t chair_id = add_user(database, police, "chair@example.be");
  std::int64_t sec_id = add_user(database, ocmw, "sec@example.be");

  storage::SqlTableStore store(database, clock);
  formats::IcalCalendar calendar;
  app::audit::MemoryAuditTrail audit;
  test_support::FakeCrypto crypto;
  app::tables::TableService service(store, calendar, audit, clock, crypto);
  auto chair = test_support::TableFixture::caller(chair_id, police);
  auto secretary = test_support::TableFixture::caller(sec_id, ocmw);

  app::tables::TableDraft d;
  d.name = "Overleg stationsbuurt";
  d.basis = LegalBasis::decree;
  d.basis_reference = "Decreet 2020";
  d.finality = {sharing::Purpose::integrity};
  d.members = {police, ocmw, caw};
  d.delegates = {{sec_id, ocmw, TableRole::secretary}};
  d.secrecy_text = "Geheim";
  auto created = service.create_table(chair, d);
  ASSERT_TRUE(created) << created.error().message;
  ASSERT_TRUE(service.approve_basis(test_support::TableFixture::caller(1, 1, access::Role::platform_admin), created->id));
  std::int64_t id = created->id;
  ASSERT_TRUE(service.add_series(chair, id, {.rule = "FREQ=MONTHLY;BYDAY=2TU", .start = local("2026-02-10T19:00")}));
  std::int64_t meeting = service.table(chair, id)->meetings[0].id;
  ASSERT_TRUE(service.move_meeting(chair, id, service.table(chair, id)->meetings[1].id, local("2026-03-11T19:00")));
  auto item = service.add_agenda_item(chair, id, meeting,
                                      {.kind = ItemKind::case_item, .title = "Casus", .case_id = 17});
  ASSERT_TRUE(item);
  ASSERT_TRUE(service.open_meeting(chair, id, meeting));
  ASSERT_TRUE(service.record_attendance(chair, id, meeting, chair_id, police, Presence::present));
  ASSERT_TRUE(service.record_attendance(chair, id, meeting, sec_id, ocmw, Presence::present));
  ASSERT_TRUE(service.acknowledge_secrecy(secretary, id, meeting));
  ASSERT_TRUE(service.add_decision(chair, id, meeting, 0, "Besluit"));
  ASSERT_TRUE(service.add_action(chair, id, meeting, {.description = "Bellen", .owner_organisation = caw, .due = "2026-03-01"}));
  ASSERT_TRUE(service.draft_minutes(secretary, id, meeting, "# Verslag"));
  ASSERT_TRUE(service.approve_minutes(chair, id, meeting));
  ASSERT_TRUE(*service.approve_minutes(secretary, id, meeting));

  auto loaded = store.find(id);
  ASSERT_TRUE(loaded && *loaded);
  const Table& t = **loaded;
  EXPECT_EQ(storage::encode_table(t), storage::encode_table(*store.find(id).value()));
  EXPECT_EQ(t.name, "Overleg stationsbuurt");
  EXPECT_TRUE(t.basis_approved()) << "the approval survives the round trip";
  EXPECT_EQ(t.members, (std::vector<std::int64_t>{police, ocmw, caw}));
  EXPECT_EQ(t.role_of(chair_id), TableRole::chair);
  ASSERT_EQ(t.series.size(), 1u);
  EXPECT_EQ(t.series[0].moved.size(), 1u);
  const Meeting& held = *t.find_meeting(meeting);
  EXPECT_EQ(held.find_item(item->id)->case_id, 17);
  EXPECT_TRUE(held.minutes.frozen());
  EXPECT_EQ(held.minutes.current()->approvals.size(), 2u);
  EXPECT_EQ(held.decisions.size(), 1u);
  EXPECT_EQ(t.actions.size(), 1u);
  EXPECT_EQ(held.acknowledgements.size(), 1u);

  // A save based on an old version is refused; nothing is lost.
  Table stale = t;
  stale.name = "Oud";
  Table fresh = t;
  fresh.name = "Nieuw";
  ASSERT_TRUE(store.update(fresh));
  EXPECT_EQ(store.update(stale).error().code, "conflict");
  EXPECT_EQ((*store.find(id))->name, "Nieuw");

  EXPECT_EQ(store.list(caw)->size(), 1u);
  EXPECT_TRUE(store.list(other)->empty());
  EXPECT_EQ(store.list(std::nullopt)->size(), 1u);
  EXPECT_FALSE(*store.find(id + 100));

  auto token = service.create_feed_token(secretary);
  ASSERT_TRUE(token);
  auto feed = service.feed_for_token(*token);
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(*formats::count_calendar_events(*feed), 2u);  // the series and its moved occurrence
  ASSERT_TRUE(service.revoke_feed_token(secretary));
  EXPECT_EQ(service.feed_for_token(*token).error().code, "not_found");
}

TEST(TableDocument, ACorruptDocumentIsAnErrorNotACrash) {
  EXPECT_EQ(storage::decode_table("not json").error().code, "corrupt_record");
  EXPECT_EQ(storage::decode_table("{\"id\":1}").error().code, "corrupt_record");
  EXPECT_EQ(storage::decode_table("[]").error().code, "corrupt_record");
}

TEST(TableDocument, ATableSavedBeforeBasisApprovalsIsNotApproved) {
  Table t;
  t.id = 7;
  t.name = "Oud";
  t.basis = LegalBasis::decree;
  t.basis_reference = "Decreet";
  t.members = {1};
  t.delegates = {{11, 1, TableRole::chair}};
  t.basis_approval = BasisApproval{LegalBasis::decree, "Decreet", 1, 1, 5};
  std::string text = storage::encode_table(t);
  EXPECT_TRUE(storage::decode_table(text)->cases_open());
  auto at = text.find(",\"basis_approval\"");
  ASSERT_NE(at, std::string::npos);
  text.erase(at, text.size() - 1 - at);  // the key was the document's last
  auto old = storage::decode_table(text);
  ASSERT_TRUE(old) << text;
  EXPECT_FALSE(old->basis_approved());
  EXPECT_FALSE(old->cases_open());
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlTableStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
