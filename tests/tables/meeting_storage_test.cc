// The meeting features of issue 6 on SQLite and PostgreSQL: items marked and carried
// over, "declined to share" records and feedback forms (answers, disclosures, the
// engine's explanation) survive a save and a load; a document written before these
// fields existed still loads; and a change and all its audit entries — the
// table_declined entry, the sharing decisions of a sent form — commit together or
// not at all (docs/decisions/0009-audit-in-the-change-transaction.md).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "app/clock.h"
#include "app/decisions/sharing_facts.h"
#include "core/directory/organisation.h"
#include "storage/audit_crypto.h"
#include "storage/directory_store.h"
#include "storage/sql_audit_trail.h"
#include "storage/sql_unit_of_work.h"
#include "storage/tables/table_store.h"
#include "support/test_database.h"
#include "table_fixture.h"

namespace tafel {
namespace {

using namespace tafel::tables;
using test_support::local;
using Caller = app::tables::Caller;

// The directory as the engine sees it, under the ids the database gave.
class DirectoryFacts final : public app::tables::SharingFacts {
 public:
  std::int64_t police = 0, ocmw = 0, caw = 0;
  Result<app::tables::SharingFactsSnapshot> snapshot() override {
    app::tables::SharingFactsSnapshot s;
    auto add = [&](std::int64_t id, const char* name, sharing::Sector sector, sharing::Secrecy secrecy, bool duty) {
      s.world.organisations.push_back({std::to_string(id), sector, secrecy, duty, sharing::Mission::care});
      s.organisation_names[std::to_string(id)] = name;
    };
    add(police, "Politie", sharing::Sector::police, sharing::Secrecy::none, true);
    add(ocmw, "OCMW", sharing::Sector::social_services, sharing::Secrecy::professional, false);
    add(caw, "CAW", sharing::Sector::welfare, sharing::Secrecy::professional, false);
    return s;
  }
};

// The production trail, except that it refuses the entries `refuse` picks: an
// entry that cannot be written must undo the change it belongs to.
class RefusingTrail final : public app::audit::AuditTrail {
 public:
  explicit RefusingTrail(app::audit::AuditTrail& inner) : inner_(inner) {}
  std::function<bool(const core::audit::Entry&)> refuse = [](const core::audit::Entry&) { return false; };
  Result<std::uint64_t> record(core::audit::Entry entry, const app::audit::Origin& origin) override {
    if (refuse(entry)) return fail("audit_unavailable", "the audit log refused the entry");
    return inner_.record(std::move(entry), origin);
  }

 private:
  app::audit::AuditTrail& inner_;
};

class MeetingStorageTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    facts_.police = add_organisation("Politie");
    facts_.ocmw = add_organisation("OCMW");
    facts_.caw = add_organisation("CAW");
    chair_ = test_support::TableFixture::caller(add_user(facts_.police, "chair@example.be"), facts_.police);
    secretary_ = test_support::TableFixture::caller(add_user(facts_.ocmw, "sec@example.be"), facts_.ocmw);
    delegate_ = test_support::TableFixture::caller(add_user(facts_.caw, "caw@example.be"), facts_.caw);

    store_ = std::make_unique<storage::SqlTableStore>(database(), clock_);
    log_ = std::make_unique<storage::SqlAuditTrail>(database(), storage::AuditKey::generate(), clock_);
    trail_ = std::make_unique<RefusingTrail>(*log_);
    work_ = std::make_unique<storage::SqlUnitOfWork>(database());
    service_ = std::make_unique<app::tables::TableService>(*store_, calendar_, *trail_, clock_, crypto_, *work_);
    world_ = std::make_unique<app::decisions::RecordSharingWorld>(facts_, *store_, no_cases_, no_consents_);
    service_->set_sharing_world(*world_);

    app::tables::TableDraft d;
    d.name = "Overleg stationsbuurt";
    d.basis = LegalBasis::decree;
    d.basis_reference = "Decreet 17 juli 2020, art. 5";
    d.finality = {sharing::Purpose::integrity};
    d.members = {facts_.police, facts_.ocmw, facts_.caw};
    d.delegates = {{chair_.principal.user_id, facts_.police, TableRole::chair},
                   {secretary_.principal.user_id, facts_.ocmw, TableRole::secretary},
                   {delegate_.principal.user_id, facts_.caw, TableRole::delegate}};
    d.secrecy_text = "Wat hier gezegd wordt, blijft aan tafel.";
    auto created = service_->create_table(chair_, d);
    ASSERT_TRUE(created) << created.error().message;
    table_ = created->id;
    ASSERT_TRUE(service_->approve_basis(app::tables::Caller{{0, 0, access::Role::platform_admin, true}, {"t", "192.0.2.1"}},
                                        table_));  // case items open
    auto first = service_->add_meeting(chair_, table_, local("2026-02-10T19:00"), 90, "Wijkhuis", "");
    auto second = service_->add_meeting(chair_, table_, local("2026-03-10T19:00"), 90, "Wijkhuis", "");
    ASSERT_TRUE(first && second);
    first_ = first->id;
    second_ = second->id;
  }

  storage::Database& database() { return db_->database(); }

  std::int64_t add_organisation(const std::string& name) {
    storage::SqlDirectoryStore directory(database(), clock_);
    directory::Organisation o;
    o.name = name;
    o.finality = "Test";
    o.languages = {"nl"};
    return *directory.create_organisation(o);
  }

  std::int64_t add_user(std::int64_t org, const std::string& email) {
    long long id = 0;
    auto r = database().transaction([&](soci::session& s) {
      long long o = org, at = 0;
      s << "INSERT INTO users (organisation_id, email, display_name, role, language, active, password_hash, "
           "created_at) VALUES (:o, :e, 'X', 'member', 'nl', 1, 'x', :t) RETURNING id",
          soci::use(o), soci::use(email), soci::use(at), soci::into(id);
    });
    EXPECT_TRUE(r) << r.error().message;
    return id;
  }

  std::int64_t item(ItemKind kind, const char* title) {
    AgendaItem i{.kind = kind, .title = title};
    if (kind == ItemKind::case_item) i.case_id = 17;
    auto added = service_->add_agenda_item(chair_, table_, first_, i);
    EXPECT_TRUE(added) << added.error().message;
    return added ? added->id : 0;
  }

  // Opens the first meeting with the three organisations present.
  void run_first() {
    ASSERT_TRUE(service_->open_meeting(chair_, table_, first_));
    for (const Caller* c : {&chair_, &secretary_, &delegate_}) {
      ASSERT_TRUE(service_->record_attendance(chair_, table_, first_, c->principal.user_id,
                                              c->principal.organisation_id, Presence::present));
    }
  }

  // A form to the police about `about`, submitted for consent.
  std::int64_t submitted(std::int64_t about, sharing::CategorySet categories, sharing::Purpose purpose) {
    auto f = service_->draft_feedback(
        chair_, table_, first_, {facts_.police, {about}, "De tafel adviseert extra toezicht.", categories, purpose});
    EXPECT_TRUE(f) << f.error().message;
    if (!f) return 0;
    auto s = service_->submit_feedback(chair_, table_, first_, f->id);
    EXPECT_TRUE(s) << s.error().message;
    return f->id;
  }

  // Loads through a store of its own, so nothing can come from a cache.
  Table reloaded() {
    storage::SqlTableStore fresh(database(), clock_);
    auto found = fresh.find(table_);
    EXPECT_TRUE(found && *found) << (found ? "no table" : found.error().message);
    return found && *found ? **found : Table{};
  }

  std::uint64_t log_size() { return *log_->log().size(); }

  app::ManualClock clock_{test_support::at_utc(2026, 2, 10, 18)};
  formats::IcalCalendar calendar_;
  test_support::FakeCrypto crypto_;
  DirectoryFacts facts_;
  app::cases::MemoryCaseDirectory no_cases_;
  app::consents::MemoryConsentFacts no_consents_;
  std::unique_ptr<test_support::TestDatabase> db_;
  std::unique_ptr<storage::SqlTableStore> store_;
  std::unique_ptr<app::decisions::RecordSharingWorld> world_;
  std::unique_ptr<storage::SqlAuditTrail> log_;
  std::unique_ptr<RefusingTrail> trail_;
  std::unique_ptr<storage::SqlUnitOfWork> work_;
  std::unique_ptr<app::tables::TableService> service_;
  Caller chair_, secretary_, delegate_;
  std::int64_t table_ = 0, first_ = 0, second_ = 0;
};

TEST_P(MeetingStorageTest, CarriedOverDeclinedAndFeedbackSurviveSaveAndLoad) {
  auto marked = item(ItemKind::situation, "Overlast station");
  auto decided = item(ItemKind::situation, "Speelplein");
  auto casus = item(ItemKind::case_item, "Casus 1");
  run_first();
  ASSERT_TRUE(service_->mark_carry_over(secretary_, table_, first_, marked, true));
  ASSERT_TRUE(service_->add_decision(chair_, table_, first_, decided, "Gezamenlijke ronde"));
  ASSERT_TRUE(service_->decline_to_share(delegate_, table_, first_, casus, DeclineReason::professional_secrecy));
  ASSERT_TRUE(service_->decline_to_share(secretary_, table_, first_, marked, DeclineReason::none));

  // Sent: aggregate information, every organisation consented.
  auto sent = submitted(marked, {sharing::Category::aggregate}, sharing::Purpose::coordination);
  for (const Caller* c : {&chair_, &secretary_, &delegate_}) {
    ASSERT_TRUE(service_->answer_feedback(*c, table_, first_, sent, true));
  }
  // Blocked by the engine: what was said about a case under the table's secrecy, for
  // prosecution, outside the table's finality.
  auto blocked = submitted(casus, {sharing::Category::involvement}, sharing::Purpose::prosecution);
  for (const Caller* c : {&chair_, &secretary_, &delegate_}) {
    ASSERT_TRUE(service_->answer_feedback(*c, table_, first_, blocked, true));
  }
  // Still waiting: one consent of three.
  auto waiting = submitted(decided, {sharing::Category::aggregate, sharing::Category::involvement},
                           sharing::Purpose::integrity);
  ASSERT_TRUE(service_->answer_feedback(secretary_, table_, first_, waiting, true));
  ASSERT_TRUE(service_->close_meeting(chair_, table_, first_));

  const Table t = reloaded();
  const Meeting& held = *t.find_meeting(first_);
  EXPECT_TRUE(held.find_item(marked)->carry_over);
  EXPECT_FALSE(held.find_item(decided)->carry_over);
  EXPECT_EQ(held.find_item(casus)->case_id, 17);
  // Closing copied the marked item and the undecided case; the decided one stayed.
  const Meeting& next = *t.find_meeting(second_);
  std::vector<std::int64_t> from;
  for (const auto& i : next.agenda) from.push_back(i.carried_over_from);
  EXPECT_EQ(from, (std::vector<std::int64_t>{marked, casus}));

  ASSERT_EQ(held.declined.size(), 2u);
  auto on_case = declined_on(held, casus);
  ASSERT_EQ(on_case.size(), 1u);
  EXPECT_EQ(on_case[0].organisation, facts_.caw);
  EXPECT_EQ(on_case[0].user, delegate_.principal.user_id);
  EXPECT_EQ(on_case[0].reason, DeclineReason::professional_secrecy);
  EXPECT_EQ(on_case[0].at_us, clock_.now().time_since_epoch().count());
  EXPECT_EQ(declined_on(held, marked).at(0).reason, DeclineReason::none);

  ASSERT_EQ(held.feedback.size(), 3u);
  const FeedbackForm& s = *held.find_feedback(sent);
  EXPECT_EQ(s.state, FeedbackState::sent);
  EXPECT_EQ(s.recipient, facts_.police);
  EXPECT_EQ(s.item_ids, (std::vector<std::int64_t>{marked}));
  EXPECT_EQ(s.text, "De tafel adviseert extra toezicht.");
  EXPECT_EQ(s.categories, (sharing::CategorySet{sharing::Category::aggregate}));
  EXPECT_EQ(s.purpose, sharing::Purpose::coordination);
  EXPECT_EQ(s.drafted_by, chair_.principal.user_id);
  ASSERT_EQ(s.answers.size(), 3u);
  EXPECT_EQ(s.answers[1].organisation, facts_.ocmw);
  EXPECT_EQ(s.answers[1].user, secretary_.principal.user_id);
  EXPECT_TRUE(s.answers[1].consent);
  ASSERT_EQ(s.disclosures.size(), 2u);  // OCMW and CAW as origins; the police is the recipient
  EXPECT_EQ(s.disclosures[0].origin, facts_.ocmw);
  EXPECT_EQ(s.disclosures[0].ground, "not_personal");
  EXPECT_EQ(s.sent_at_us, clock_.now().time_since_epoch().count());

  const FeedbackForm& b = *held.find_feedback(blocked);
  EXPECT_EQ(b.state, FeedbackState::blocked);
  EXPECT_EQ(b.blocked_reason, "not_shared");
  EXPECT_EQ(b.blocked_by, facts_.ocmw);
  EXPECT_EQ(b.categories, (sharing::CategorySet{sharing::Category::involvement}));
  EXPECT_EQ(b.purpose, sharing::Purpose::prosecution);
  EXPECT_FALSE(b.explanation.permit);
  EXPECT_EQ(b.explanation.headline.key, "sharing.deny.use_restricted");
  EXPECT_FALSE(b.explanation.reasons.empty());
  EXPECT_FALSE(b.explanation.remedies.empty());
  bool names_the_table = false;
  for (const auto& m : b.explanation.reasons) {
    for (const auto& a : m.args) names_the_table |= a.name == "table" && a.value == "Overleg stationsbuurt";
  }
  EXPECT_TRUE(names_the_table);

  const FeedbackForm& w = *held.find_feedback(waiting);
  EXPECT_EQ(w.state, FeedbackState::awaiting_consent);
  EXPECT_EQ(w.categories, (sharing::CategorySet{sharing::Category::aggregate, sharing::Category::involvement}));
  ASSERT_EQ(w.answers.size(), 1u);
  EXPECT_TRUE(w.disclosures.empty());

  // What was loaded saves back to the same document.
  EXPECT_EQ(storage::encode_table(t), storage::encode_table(reloaded()));
}

// A document saved before carry_over, declined and feedback existed.
TEST_P(MeetingStorageTest, ADocumentWithoutTheNewFieldsStillLoads) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  namespace json = boost::json;
  json::value doc = json::parse(storage::encode_table(reloaded()));
  int stripped = 0;
  for (auto& m : doc.as_object().at("meetings").as_array()) {
    auto& meeting = m.as_object();
    stripped += static_cast<int>(meeting.erase("declined") + meeting.erase("feedback"));
    for (auto& i : meeting.at("agenda").as_array()) stripped += static_cast<int>(i.as_object().erase("carry_over"));
  }
  ASSERT_EQ(stripped, 2 + 2 + 1) << "the document no longer has the fields this test removes";
  const std::string old = json::serialize(doc);
  long long id = table_;
  ASSERT_TRUE(database().with_session([&](soci::session& s) {
    s << "UPDATE consultation_tables SET document = :d WHERE id = :i", soci::use(old), soci::use(id);
  }));

  Table t = reloaded();
  ASSERT_NE(t.find_meeting(first_), nullptr);
  const Meeting& m = *t.find_meeting(first_);
  EXPECT_FALSE(m.find_item(situation)->carry_over);
  EXPECT_TRUE(m.declined.empty());
  EXPECT_TRUE(m.feedback.empty());
  EXPECT_EQ(m.attendance.size(), 3u);
  // And the meeting goes on from there.
  ASSERT_TRUE(service_->decline_to_share(delegate_, table_, first_, situation, DeclineReason::not_relevant));
  EXPECT_EQ(reloaded().find_meeting(first_)->declined.size(), 1u);
}

TEST_P(MeetingStorageTest, DeclinedToShareIsNotKeptWithoutItsAuditEntry) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  const auto version = reloaded().version;
  const auto entries = log_size();
  trail_->refuse = [](const core::audit::Entry& e) { return e.object_type == "table_declined"; };
  auto refused = service_->decline_to_share(delegate_, table_, first_, situation, DeclineReason::other);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "audit_unavailable");
  EXPECT_TRUE(reloaded().find_meeting(first_)->declined.empty());
  EXPECT_EQ(reloaded().version, version);
  EXPECT_EQ(log_size(), entries) << "the table's update entry went with the change";

  trail_->refuse = [](const core::audit::Entry&) { return false; };
  ASSERT_TRUE(service_->decline_to_share(delegate_, table_, first_, situation, DeclineReason::other));
  EXPECT_EQ(reloaded().find_meeting(first_)->declined.size(), 1u);
  EXPECT_EQ(log_size(), entries + 2);  // the table's update and table_declined
}

TEST_P(MeetingStorageTest, AFormIsNeverSentWithoutItsSharingDecisionsInTheLog) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  auto id = submitted(situation, {sharing::Category::aggregate}, sharing::Purpose::coordination);
  ASSERT_TRUE(service_->answer_feedback(chair_, table_, first_, id, true));
  ASSERT_TRUE(service_->answer_feedback(secretary_, table_, first_, id, true));
  const auto entries = log_size();

  // The last consent: the engine permits, but its decisions cannot be recorded.
  trail_->refuse = [](const core::audit::Entry& e) { return e.action == core::audit::Action::sharing_decision; };
  auto failed = service_->answer_feedback(delegate_, table_, first_, id, true);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "audit_unavailable");
  const FeedbackForm still = *reloaded().find_meeting(first_)->find_feedback(id);
  EXPECT_EQ(still.state, FeedbackState::awaiting_consent);
  EXPECT_EQ(still.answers.size(), 2u) << "the answer went with the decisions it caused";
  EXPECT_TRUE(still.disclosures.empty());
  EXPECT_EQ(log_size(), entries);
  Caller police_reader = chair_;
  EXPECT_TRUE(service_->received_feedback(police_reader)->empty());

  // Answered again once the log takes entries: sent, with one decision per origin.
  trail_->refuse = [](const core::audit::Entry&) { return false; };
  auto sent = service_->answer_feedback(delegate_, table_, first_, id, true);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->state, FeedbackState::sent);
  EXPECT_EQ(reloaded().find_meeting(first_)->find_feedback(id)->state, FeedbackState::sent);
  // The table's update, the form's update, and a decision for OCMW and for CAW.
  EXPECT_EQ(log_size(), entries + 4);
  EXPECT_EQ(service_->received_feedback(police_reader)->size(), 1u);
}

// Issue 11, point 16: the forms sent to an organisation are found through the
// recipients kept beside the documents; no other table is read, so an unrelated
// table the caller has nothing to do with (here: one that cannot even be decoded)
// does not slow or break the caller's view.
TEST_P(MeetingStorageTest, ReceivedFeedbackReadsOnlyTheTablesThatSentToTheCaller) {
  auto situation = item(ItemKind::situation, "Overlast station");
  run_first();
  auto id = submitted(situation, {sharing::Category::aggregate}, sharing::Purpose::coordination);
  for (const Caller* c : {&chair_, &secretary_, &delegate_}) {
    ASSERT_TRUE(service_->answer_feedback(*c, table_, first_, id, true));
  }
  auto draft = service_->draft_feedback(chair_, table_, first_,
                                        {facts_.police, {situation}, "Nog een ontwerp.", {sharing::Category::aggregate},
                                         sharing::Purpose::coordination});
  ASSERT_TRUE(draft);
  ASSERT_TRUE(database().with_session([&](soci::session& s) {
    s << "INSERT INTO consultation_tables (name, version, document, created_at, updated_at) "
         "VALUES ('Andere tafel', 1, 'not a table document', 0, 0)";
  }));

  auto inbox = service_->received_feedback(chair_);  // the police
  ASSERT_TRUE(inbox) << inbox.error().message;
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].form.id, id);
  auto none = service_->received_feedback(secretary_);  // OCMW was sent nothing
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, MeetingStorageTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
