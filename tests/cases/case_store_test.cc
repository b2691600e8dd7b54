// Cases on SQLite and PostgreSQL through the runtime `tafel serve` builds: the raw
// database files hold no identity in clear (issue 12, "Done when"); `keys rotate`
// re-wraps every data key and everything still reads; a wrong master key refuses to
// start with a clear message; who sees a case and its identity; every identity read
// audited by case number; and the one-off move of case details out of table documents.

#include <gtest/gtest.h>

#include <soci/soci.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "accounts/fake_crypto.h"
#include "cli/case_keys.h"
#include "cli/runtime.h"
#include "storage/tables/table_store.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using access::Principal;
using access::Role;
using namespace tafel::cases;
namespace tb = tafel::tables;
namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string pg_dump(const std::string& url) {
  std::string out;
  FILE* pipe = ::popen(("pg_dump --no-owner '" + url + "' 2>/dev/null").c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

class CaseStoreTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    if (!test_support::engine_available(GetParam())) GTEST_SKIP() << "engine not available";
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    keys_ = fs::temp_directory_path() / ("tafel-cases-keys-" + std::to_string(::getpid()) + "-" +
                                          test_support::engine_name(GetParam()));
    fs::remove_all(keys_);
    ASSERT_TRUE(start()) << "runtime";
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
    other_ = org("Jeugdhuis");
    storage::SqlTableStore tables(db_->database(), clock_);
    tb::Table t;
    t.name = "Casusoverleg";
    t.kind = tb::TableKind::case_consultation;
    t.basis = tb::LegalBasis::law;
    t.basis_reference = "art. 458ter Sw.";
    t.finality = {sharing::Purpose::integrity};
    t.basis_approval = tb::BasisApproval{t.basis, t.basis_reference, 1, care_, 1};
    t.members = {care_, police_, other_};
    t.delegates = {{11, care_, tb::TableRole::chair}, {21, police_, tb::TableRole::delegate},
                   {31, other_, tb::TableRole::delegate}};
    auto stored = tables.insert(t);
    ASSERT_TRUE(stored) << stored.error().message;
    table_ = stored->id;
  }
  void TearDown() override {
    runtime_.reset();
    if (!keys_.empty()) fs::remove_all(keys_);
  }

  // (Re)starts the runtime over the keys directory.
  Result<void> start() {
    runtime_.reset();
    cli::Runtime::Options options;
    options.clock = &clock_;
    options.crypto = &crypto_;
    options.audit_key_path = (keys_ / "instance.key").string();
    options.master_key_path = master().string();
    auto runtime = cli::Runtime::create(db_->shared_database(), options);
    if (!runtime) return tl::unexpected(runtime.error());
    runtime_ = std::move(*runtime);
    return {};
  }
  fs::path master() const { return keys_ / "master.key"; }

  app::cases::Caller caller(access::UserId user, access::OrganisationId org, Role role = Role::member) {
    return {Principal{user, org, role, true}, {"req-1", "192.0.2.1"}};
  }

  Case open_yannick() {
    app::cases::CaseDraft draft;
    draft.identity = {"Yannick Vermeiren", "2009-03-14", "Heidebaan 12, 2999 Nethegem", "09.03.14-123.84",
                      "Spijbelt sinds maart."};
    draft.minor = true;
    draft.tracks = {{care_, Track::care}, {police_, Track::safety}};
    auto c = runtime_->cases().open_case(caller(11, care_), table_, draft);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : Case{};
  }

  app::ManualClock clock_{app::Instant{std::chrono::seconds{1'780'000'000}}};
  test_support::FakeCrypto crypto_;
  std::unique_ptr<test_support::TestDatabase> db_;
  fs::path keys_;
  std::shared_ptr<cli::Runtime> runtime_;
  access::OrganisationId care_ = 0, police_ = 0, other_ = 0;
  std::int64_t table_ = 0;
};

TEST_P(CaseStoreTest, TheRawDatabaseHoldsNoIdentityInClear) {
  Case c = open_yannick();
  ASSERT_GT(c.id, 0);
  auto shown = runtime_->cases().identity(caller(11, care_), c.id);
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_EQ(shown->name, "Yannick Vermeiren");
  EXPECT_EQ(shown->national_number, "09031412384");

  const std::vector<std::string> forbidden = {"Vermeiren", "0903141238", "09.03.14-123.84", "Heidebaan 12"};
  std::string raw;
  if (GetParam() == storage::Engine::sqlite) {
    raw = slurp(db_->url()) + slurp(db_->url() + "-wal");
    ASSERT_FALSE(raw.empty());
  } else {
    raw = pg_dump(db_->url());
    ASSERT_NE(raw.find("case_master_key"), std::string::npos) << "pg_dump produced no dump";
  }
  for (const auto& text : forbidden) EXPECT_EQ(raw.find(text), std::string::npos) << text;

  // The audit log names the case by number, never the person.
  app::audit::AuditFilter all;
  all.limit = 1000;
  auto entries = runtime_->audit_trail().log().find(all);
  ASSERT_TRUE(entries);
  bool viewed = false;
  for (const auto& e : *entries) {
    for (const auto& text : forbidden) EXPECT_EQ(e.object_id.find(text), std::string::npos);
    if (e.action == core::audit::Action::view && e.object_type == "case" && e.object_id == std::to_string(c.id)) {
      viewed = true;
    }
  }
  EXPECT_TRUE(viewed) << "the identity read is audited";
}

TEST_P(CaseStoreTest, KeysRotateRewrapsEveryRecordAndAWrongMasterKeyRefusesToStart) {
  Case first = open_yannick();
  Case second = open_yannick();
  std::string old_key = slurp(master());
  runtime_.reset();

  storage::SqlCaseStore store(db_->database());
  auto rotated = cli::rotate_case_master_key(master().string(), store);
  ASSERT_TRUE(rotated) << rotated.error().message;
  EXPECT_EQ(rotated->rewrapped, 2);
  EXPECT_NE(slurp(master()), old_key);
  EXPECT_FALSE(fs::exists(master().string() + ".new"));
  struct stat st{};
  ASSERT_EQ(::stat(master().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  ASSERT_TRUE(start());
  for (auto id : {first.id, second.id}) {
    auto shown = runtime_->cases().identity(caller(11, care_), id);
    ASSERT_TRUE(shown) << shown.error().message;
    EXPECT_EQ(shown->address, "Heidebaan 12, 2999 Nethegem");
  }

  // The old key (a restored backup of the keys directory, say) no longer matches.
  runtime_.reset();
  fs::remove(master());
  {
    std::ofstream out(master());
    out << old_key;
  }
  fs::permissions(master(), fs::perms::owner_read | fs::perms::owner_write);
  auto refused = start();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "master_key");
  EXPECT_NE(refused.error().message.find("the master key in " + master().string() +
                                         " does not match this database's case keys"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(slurp(master()), old_key);  // never overwritten
}

TEST_P(CaseStoreTest, ALeftoverNewKeyThatTheRecordsCarryIsTakenAsCurrent) {
  Case c = open_yannick();
  std::string old_key = slurp(master());
  runtime_.reset();
  storage::SqlCaseStore store(db_->database());
  ASSERT_TRUE(cli::rotate_case_master_key(master().string(), store));
  // As if the rotation stopped after its commit, before the rename.
  fs::rename(master(), master().string() + ".new");
  {
    std::ofstream out(master());
    out << old_key;
  }
  fs::permissions(master(), fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_TRUE(start());
  EXPECT_FALSE(fs::exists(master().string() + ".new"));
  auto shown = runtime_->cases().identity(caller(11, care_), c.id);
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_EQ(shown->name, "Yannick Vermeiren");
}

TEST_P(CaseStoreTest, OnlyDelegatesOnATrackSeeTheCaseAndTheIdentityStaysWithPractitioners) {
  Case c = open_yannick();
  auto& cases = runtime_->cases();
  EXPECT_TRUE(cases.summary(caller(21, police_), c.id));
  EXPECT_EQ(cases.summary(caller(31, other_), c.id).error().code, "forbidden");  // not on a track
  EXPECT_EQ(cases.summary(caller(31, other_, Role::observer), c.id).error().code, "forbidden");
  EXPECT_TRUE(cases.summary(caller(99, care_, Role::dpo), c.id));
  EXPECT_EQ(cases.identity(caller(99, care_, Role::dpo), c.id).error().code, "forbidden");
  EXPECT_TRUE(cases.summary(caller(98, other_, Role::platform_admin), c.id));
  EXPECT_EQ(cases.identity(caller(98, other_, Role::platform_admin), c.id).error().code, "forbidden");

  auto visible = cases.visible_cases(Principal{21, police_, Role::member, true});
  ASSERT_TRUE(visible);
  ASSERT_EQ(visible->size(), 1u);
  EXPECT_EQ(visible->front().safety_organisations, std::vector<access::OrganisationId>{police_});
  EXPECT_TRUE(visible->front().minor);
  EXPECT_TRUE(cases.visible_cases(Principal{31, other_, Role::member, true})->empty());
  // Read by track: the DPO of an organisation on a track sees it, the platform admin
  // sees every case.
  EXPECT_EQ(cases.visible_cases(Principal{99, care_, Role::dpo, true})->size(), 1u);
  EXPECT_EQ(cases.visible_cases(Principal{98, other_, Role::platform_admin, true})->size(), 1u);
  EXPECT_EQ(cases.all()->size(), 1u);

  auto informed = cases.record_informed(caller(21, police_), c.id, Informed::no_investigation);
  ASSERT_TRUE(informed) << informed.error().message;
  EXPECT_EQ(cases.summary(caller(11, care_), c.id)->informed, Informed::no_investigation);
  EXPECT_EQ(cases.summary(caller(11, care_), c.id)->informed_by, 21);
  ASSERT_TRUE(cases.close(caller(11, care_), c.id));
  EXPECT_EQ(cases.identity(caller(11, care_), c.id).error().code, "forbidden");  // closed
}

// Issue 21: the list of cases is read in keyset pages, newest first. The platform
// admin walks every case, an organisation only those with it on a track; every case
// once, none skipped, and a bad page size is refused.
TEST_P(CaseStoreTest, CasePagesWalkEveryVisibleCaseOnceNewestFirst) {
  auto& cases = runtime_->cases();
  std::vector<std::int64_t> everyone, police_sees;
  for (int i = 0; i < 7; ++i) {
    app::cases::CaseDraft draft;
    draft.identity = {"Persoon " + std::to_string(i), "2001-01-01", "", "", ""};
    draft.tracks = {{care_, Track::care}};
    if (i % 2 == 0) draft.tracks.push_back({police_, Track::safety});
    auto c = cases.open_case(caller(11, care_), table_, draft);
    ASSERT_TRUE(c) << c.error().message;
    everyone.insert(everyone.begin(), c->id);
    if (i % 2 == 0) police_sees.insert(police_sees.begin(), c->id);
  }
  auto walk = [&](const app::cases::Caller& who) {
    std::vector<std::int64_t> seen;
    std::optional<std::int64_t> before;
    for (int pages = 0; pages < 20; ++pages) {
      auto page = cases.cases_for(who, before, 3);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      EXPECT_LE(page->cases.size(), 3u);
      for (const auto& c : page->cases) seen.push_back(c.id);
      if (!page->next) break;
      before = page->next;
    }
    return seen;
  };
  EXPECT_EQ(walk(caller(98, other_, Role::platform_admin)), everyone);
  EXPECT_EQ(walk(caller(21, police_)), police_sees);
  EXPECT_TRUE(walk(caller(31, other_)).empty());
  EXPECT_EQ(cases.cases_for(caller(98, other_, Role::platform_admin), std::nullopt, 0).error().code, "invalid_input");
  EXPECT_EQ(cases.cases_for(caller(98, other_, Role::platform_admin), std::nullopt, 1001).error().code,
            "invalid_input");
}

// The identity was recorded by the opener's organisation; another organisation on a
// track reads it only when the sharing engine permits that disclosure (sharing-model
// §2): at the table's open meeting after both acknowledged its secrecy text
// (case_consultation), never merely because it is on a track.
TEST_P(CaseStoreTest, AnotherOrganisationSeesTheIdentityOnlyWhenTheEnginePermits) {
  Case c = open_yannick();
  auto& cases = runtime_->cases();
  auto own = cases.identity(caller(11, care_), c.id);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_EQ(own->name, "Yannick Vermeiren");

  // Outside a meeting, police on the safety track: no ground permits.
  sharing::Explanation why;
  auto refused = cases.identity(caller(21, police_), c.id, &why);
  ASSERT_FALSE(refused);
  EXPECT_FALSE(why.permit);
  EXPECT_FALSE(why.reasons.empty());
  EXPECT_EQ(refused.error().code, "sharing_denied");
  EXPECT_NE(refused.error().message.find("not_in_consultation"), std::string::npos) << refused.error().message;

  // The table's meeting is open and both organisations acknowledged its secrecy text.
  auto& tables = runtime_->tables();
  const app::tables::Caller chair{Principal{11, care_, Role::member, true}, {"req-2", "192.0.2.1"}};
  const app::tables::Caller officer{Principal{21, police_, Role::member, true}, {"req-3", "192.0.2.1"}};
  ASSERT_TRUE(tables.set_secrecy_text(chair, table_, "Wat hier gezegd wordt, blijft hier."));
  auto meeting = tables.add_meeting(chair, table_, tb::LocalTime{2026, 5, 28, 10, 0}, 60, "Stadhuis", "");
  ASSERT_TRUE(meeting) << meeting.error().message;
  ASSERT_TRUE(tables.open_meeting(chair, table_, meeting->id));
  for (auto [user, org] : {std::pair{11, care_}, std::pair{21, police_}}) {
    ASSERT_TRUE(tables.record_attendance(chair, table_, meeting->id, user, org, tb::Presence::present));
  }
  ASSERT_TRUE(tables.acknowledge_secrecy(chair, table_, meeting->id));
  ASSERT_TRUE(tables.acknowledge_secrecy(officer, table_, meeting->id));
  auto permitted = cases.identity(caller(21, police_), c.id);
  ASSERT_TRUE(permitted) << permitted.error().message;
  EXPECT_EQ(permitted->name, "Yannick Vermeiren");

  // Both reads by the police are in the audit trail, the refusal as denied.
  app::audit::AuditFilter all;
  all.limit = 1000;
  auto entries = runtime_->audit_trail().log().find(all);
  ASSERT_TRUE(entries);
  int denied = 0, granted = 0;
  for (const auto& e : *entries) {
    if (e.object_type != "case" || e.object_id != std::to_string(c.id) || e.actor != "21") continue;
    if (e.outcome == core::audit::Outcome::denied) ++denied;
    if (e.outcome == core::audit::Outcome::success && e.ground == "case_consultation") ++granted;
  }
  EXPECT_EQ(denied, 1);
  EXPECT_EQ(granted, 1);
}

TEST_P(CaseStoreTest, OpeningValidatesTheNationalNumberAndTheTracks) {
  app::cases::CaseDraft draft;
  draft.identity.national_number = "09.03.14-123.85";  // wrong check digits
  draft.tracks = {{care_, Track::care}};
  auto bad = runtime_->cases().open_case(caller(11, care_), table_, draft);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "invalid_input");
  draft.identity.national_number.clear();
  draft.tracks = {{police_, Track::safety}};  // the opener's own organisation is on no track
  EXPECT_EQ(runtime_->cases().open_case(caller(11, care_), table_, draft).error().code, "invalid_input");
  draft.tracks = {{care_, Track::care}};
  EXPECT_EQ(runtime_->cases().open_case(caller(11, care_, Role::observer), table_, draft).error().code, "forbidden");
}

TEST_P(CaseStoreTest, LegacyCaseDetailsMoveFromTheTableDocumentIntoASealedCase) {
  storage::SqlTableStore tables(db_->database(), clock_);
  const app::tables::Caller chair{Principal{11, care_, Role::member, true}, {"seed", "192.0.2.1"}};
  auto meeting = runtime_->tables().add_meeting(chair, table_, *tb::parse_local_time("2027-02-01T19:00"), 90, "", "");
  ASSERT_TRUE(meeting) << meeting.error().message;
  auto added = runtime_->tables().add_agenda_item(chair, table_, meeting->id,
                                                  {.kind = tb::ItemKind::case_item, .title = "Casus 1"});
  ASSERT_TRUE(added) << added.error().message;
  // A meeting as stored before cases existed: the details inside (migration 0022
  // moved such documents' meetings into rows of their own, details and all).
  auto written = db_->database().transaction([&](soci::session& s) {
    long long id = table_, meeting_id = meeting->id;
    std::string document;
    s << "SELECT document FROM consultation_table_meetings WHERE table_id = :i AND meeting_id = :m", soci::use(id),
        soci::use(meeting_id), soci::into(document);
    auto at = document.find("\"case_id\":0");
    ASSERT_NE(at, std::string::npos);
    document.replace(at, 11, "\"case_details\":\"Jan Peeters, 17 jaar\"");
    s << "UPDATE consultation_table_meetings SET document = :d WHERE table_id = :i AND meeting_id = :m",
        soci::use(document), soci::use(id), soci::use(meeting_id);
  });
  ASSERT_TRUE(written) << written.error().message;

  auto started = start();  // the data step runs at open
  ASSERT_TRUE(started) << started.error().message;
  auto after = *tables.find(table_);
  const auto& item = after->meetings.back().agenda.back();
  EXPECT_TRUE(item.legacy_case_details.empty());
  ASSERT_GT(item.case_id, 0);
  auto shown = runtime_->cases().identity(caller(11, care_), item.case_id);
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_EQ(shown->details, "Jan Peeters, 17 jaar");
  EXPECT_TRUE(shown->name.empty());
  std::string document;
  ASSERT_TRUE(db_->database().with_session([&](soci::session& s) {
    long long id = table_;
    std::string part;
    soci::statement st = (s.prepare << "SELECT document FROM consultation_table_meetings WHERE table_id = :i",
                          soci::use(id), soci::into(part));
    st.execute();
    while (st.fetch()) document += part;
    s << "SELECT document FROM consultation_tables WHERE id = :i", soci::use(id), soci::into(part);
    document += part;
  }));
  EXPECT_EQ(document.find("Peeters"), std::string::npos);
  ASSERT_TRUE(start());  // idempotent: nothing more to move
  EXPECT_EQ(runtime_->cases().all()->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, CaseStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
