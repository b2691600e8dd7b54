// Consultation tables through the router `tafel serve` builds (cli::build_router), on
// a fresh SQLite database, without sockets (issue 11, points 8 to 11): who the new
// table page offers as delegates, the approval of a case basis before case items
// open, links in the minutes, and the calendar feed address.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <string>

#include <boost/json.hpp>

#include "accounts/fake_crypto.h"
#include "cli/runtime.h"
#include "core/access/totp_window.h"
#include "http/router.h"
#include "http/target.h"
#include "support/test_database.h"

namespace tafel {
namespace {

using access::Role;
namespace tb = tafel::tables;

constexpr const char* kPassword = "a long password";

std::string form_escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A browser: a session cookie and its CSRF token.
struct Browser {
  std::string cookie;
  std::string csrf;
};

class TableGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = test_support::TestDatabase::create(storage::Engine::sqlite);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    cli::Runtime::Options options;
    options.clock = &clock_;
    options.crypto = &crypto_;
    options.audit_key_path = (std::filesystem::temp_directory_path() /
                              ("tafel-table-gate-" + std::to_string(::getpid()) + ".key"))
                                 .string();
    auto runtime = cli::Runtime::create(db_->shared_database(), options);
    ASSERT_TRUE(runtime.has_value()) << runtime.error().message;
    runtime_ = std::move(*runtime);
    cli::build_router(router_, *runtime_, web::Options{});

    access::Principal root{0, 0, Role::platform_admin, true};
    auto& directory = runtime_->directory();
    auto area = *directory.create_area(root, {0, directory::AreaKind::municipality, "Rivierstad", std::nullopt});
    auto org = [&](const char* name, sharing::Sector sector) {
      directory::Organisation o;
      o.name = name;
      o.sector = sector;
      o.finality = "Wat we doen.";
      o.languages = {"nl"};
      o.areas = {area};
      return *directory.create_organisation(root, o);
    };
    org_a_ = org("Welzijnshuis", sharing::Sector::welfare);
    org_b_ = org("Jeugdhulp Rivier", sharing::Sector::welfare);
    org_c_ = org("Buitenstaander", sharing::Sector::welfare);
    org_p_ = org("Parket Rivier", sharing::Sector::prosecution);
    chair_ = provision("chair@a.example", "Anna Voorzitter", org_a_, Role::member);
    secretary_ = provision("admin@a.example", "Arne Secretaris", org_a_, Role::organisation_admin);
    member_b_ = provision("member@b.example", "Bert Jeugdhulp", org_b_, Role::member);
    member_c_ = provision("member@c.example", "Carla Buiten", org_c_, Role::member);
    admin_p_ = provision("admin@p.example", "Piet Parket", org_p_, Role::organisation_admin);
    member_p_ = provision("member@p.example", "Paula Parket", org_p_, Role::member);
    provision("platform@c.example", "Greta Platform", org_c_, Role::platform_admin);
  }

  access::UserId provision(const std::string& email, const std::string& name, access::OrganisationId org, Role role) {
    access::User u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = name;
    u.role = role;
    return *runtime_->accounts().provision_user(u, kPassword, secret_);
  }

  Browser login(const std::string& email) {
    clock_.advance(std::chrono::seconds(30));
    auto& accounts = runtime_->accounts();
    auto first = accounts.login(email, kPassword, "192.0.2.1");
    EXPECT_TRUE(first && !first->session_token.empty()) << email;
    if (!first || first->session_token.empty()) return {};
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    auto code = crypto_.hotp(secret_, static_cast<std::uint64_t>(access::totp_step(seconds)));
    auto second = accounts.verify_second_factor(first->session_token, code, "192.0.2.1");
    EXPECT_TRUE(second && second->status == app::accounts::LoginOutcome::Status::complete) << email;
    if (!second) return {};
    return {second->session_token, second->csrf_token};
  }

  http::Request request_of(const Browser& b, std::string method, const std::string& target) {
    http::Request request;
    request.method = std::move(method);
    request.target = target;
    auto parsed = http::parse_target(target);  // path and query as the server splits them
    EXPECT_TRUE(parsed) << target;
    if (parsed) {
      request.path = parsed->path;
      request.query = std::move(parsed->query);
    }
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("cookie", "lang=en; tafel_session=" + b.cookie);
    return request;
  }

  // A page request; a POST carries the form's CSRF token.
  http::Response page(const Browser& b, std::string method, const std::string& target, std::string body = {},
                      http::Router* router = nullptr) {
    http::Request request = request_of(b, method, target);
    request.headers.emplace_back("accept", "text/html");
    if (method != "GET") body = "csrf_token=" + form_escape(b.csrf) + (body.empty() ? "" : "&" + body);
    request.body = std::move(body);
    return (router ? *router : router_).dispatch(request);
  }

  // A JSON API request from a browser session (CSRF token in the header).
  http::Response api(const Browser& b, std::string method, const std::string& target, std::string body = {}) {
    http::Request request = request_of(b, std::move(method), target);
    request.headers.emplace_back("accept", "application/json");
    request.headers.emplace_back("content-type", "application/json");
    request.headers.emplace_back("x-csrf-token", b.csrf);
    request.body = std::move(body);
    return router_.dispatch(request);
  }

  app::tables::Caller caller(access::UserId user, access::OrganisationId org, Role role = Role::member) {
    return {{user, org, role, true}, {"seed", "192.0.2.1"}};
  }

  // A table of A (and `members`) chaired by the chair, A's admin its secretary, with
  // one planned meeting; returns its id and sets meeting_.
  std::int64_t seed_table(tb::LegalBasis basis, std::vector<access::OrganisationId> members = {}) {
    app::tables::TableDraft d;
    d.name = "Casusoverleg";
    d.kind = tb::TableKind::mixed;
    d.basis = basis;
    d.basis_reference = basis == tb::LegalBasis::none ? "" : "Decreet 17 juli 2020, art. 5";
    d.finality = {sharing::Purpose::integrity};
    d.members = {org_a_};
    d.members.insert(d.members.end(), members.begin(), members.end());
    d.delegates = {{chair_, org_a_, tb::TableRole::chair}, {secretary_, org_a_, tb::TableRole::secretary}};
    d.secrecy_text = "Wat hier gezegd wordt, blijft aan tafel.";
    auto& tables = runtime_->tables();
    auto t = tables.create_table(caller(chair_, org_a_), d);
    EXPECT_TRUE(t) << (t ? "" : t.error().message);
    if (!t) return 0;
    meeting_ = tables.add_meeting(caller(chair_, org_a_), t->id, *tb::parse_local_time("2027-02-01T19:00"), 90,
                                  "Stadhuis", "")->id;
    return t->id;
  }

  std::string items_of(std::int64_t table) {
    return "/api/v1/tables/" + std::to_string(table) + "/meetings/" + std::to_string(meeting_) + "/items";
  }

  app::ManualClock clock_{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto_;
  std::unique_ptr<test_support::TestDatabase> db_;
  std::shared_ptr<cli::Runtime> runtime_;
  http::Router router_;
  std::vector<std::uint8_t> secret_ = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  directory::OrganisationId org_a_ = 0, org_b_ = 0, org_c_ = 0, org_p_ = 0;
  access::UserId chair_ = 0, secretary_ = 0, member_b_ = 0, member_c_ = 0, admin_p_ = 0, member_p_ = 0;
  std::int64_t meeting_ = 0;
};

// --- point 8: delegates are people of the member organisations --------------------

TEST_F(TableGateTest, TheNewTablePageOffersOnlyPeopleOfTheChosenOrganisations) {
  Browser a = login("chair@a.example");
  auto first = page(a, "GET", "/tables/new");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(contains(first.body, "Arne Secretaris")) << "the caller's own organisation is at the table";
  EXPECT_FALSE(contains(first.body, "Bert Jeugdhulp"));
  EXPECT_FALSE(contains(first.body, "Carla Buiten"));
  EXPECT_FALSE(contains(first.body, "Piet Parket"));
  // Organisations are still offered as members; their people once chosen (no JavaScript).
  EXPECT_TRUE(contains(first.body, "Jeugdhulp Rivier"));
  auto second = page(a, "POST", "/tables/new",
                     "step=people&name=Overleg&kind=thematic&basis=none&members=" + std::to_string(org_a_) +
                         "&members=" + std::to_string(org_b_));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_TRUE(contains(second.body, "Bert Jeugdhulp"));
  EXPECT_FALSE(contains(second.body, "Carla Buiten"));
  EXPECT_TRUE(runtime_->tables().my_tables(caller(chair_, org_a_))->tables.empty()) << "showing people creates nothing";
}

TEST_F(TableGateTest, ANewTableRefusesADelegateOfAnOrganisationThatWasNotChosen) {
  Browser a = login("chair@a.example");
  auto r = page(a, "POST", "/tables/new",
                "name=Overleg&kind=thematic&basis=none&frequency=none&members=" + std::to_string(org_a_) +
                    "&delegates=" + std::to_string(member_c_));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_TRUE(runtime_->tables().my_tables(caller(chair_, org_a_))->tables.empty());
  EXPECT_TRUE(runtime_->tables().my_tables(caller(member_c_, org_c_))->tables.empty());
}

TEST_F(TableGateTest, AChairCannotSeatSomeoneUnderAnotherOrganisationThroughTheApi) {
  auto table = seed_table(tb::LegalBasis::none);
  Browser a = login("chair@a.example");
  const std::string a_id = std::to_string(org_a_);
  // Carla is of C, not of A: the body's claim is not believed.
  auto r = api(a, "PUT", "/api/v1/tables/" + std::to_string(table),
               R"({"name":"Overleg","members":[)" + a_id + R"(],"delegates":[{"user":)" + std::to_string(chair_) +
                   R"(,"organisation":)" + a_id + R"(,"role":"chair"},{"user":)" + std::to_string(member_c_) +
                   R"(,"organisation":)" + a_id + R"(,"role":"delegate"}]})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(contains(r.body, "invalid_input")) << r.body;
  EXPECT_FALSE(runtime_->tables().table(caller(chair_, org_a_), table)->delegate(member_c_));
}

// Found in review: a chair who could seat an observer of B as B's delegate would let
// someone without the second factor consent for B and read the minutes.
TEST_F(TableGateTest, AnObserverOrADpoIsNotSeatedAsADelegate) {
  auto table = seed_table(tb::LegalBasis::none);
  access::UserId observer_b = provision("observer@b.example", "Olga Kijker", org_b_, Role::observer);
  Browser a = login("chair@a.example");
  const std::string a_id = std::to_string(org_a_), b_id = std::to_string(org_b_);
  auto r = api(a, "PUT", "/api/v1/tables/" + std::to_string(table),
               R"({"name":"Overleg","members":[)" + a_id + "," + b_id + R"(],"delegates":[{"user":)" +
                   std::to_string(chair_) + R"(,"organisation":)" + a_id + R"(,"role":"chair"},{"user":)" +
                   std::to_string(observer_b) + R"(,"organisation":)" + b_id + R"(,"role":"delegate"}]})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_FALSE(runtime_->tables().table(caller(chair_, org_a_), table)->delegate(observer_b));
  auto candidates = runtime_->tables().delegate_candidates(caller(chair_, org_a_), std::vector{org_b_});
  ASSERT_TRUE(candidates.has_value());
  for (const auto& c : *candidates) EXPECT_NE(c.user, observer_b);
}

TEST_F(TableGateTest, TheChairLooksUpCandidatesOfTheMemberOrganisationsOnly) {
  auto table = seed_table(tb::LegalBasis::none, {org_b_});
  auto& tables = runtime_->tables();
  auto people = tables.delegate_candidates(caller(chair_, org_a_), table);
  ASSERT_TRUE(people) << people.error().message;
  std::set<access::UserId> ids;
  for (const auto& p : *people) ids.insert(p.user);
  EXPECT_EQ(ids, (std::set<access::UserId>{chair_, secretary_, member_b_}));
  auto refused = tables.delegate_candidates(caller(member_b_, org_b_), table);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "forbidden");
}

// --- point 9: a case basis is approved before case items open ----------------------

TEST_F(TableGateTest, ACaseItemWaitsUntilAPlatformAdminApprovesTheBasis) {
  auto table = seed_table(tb::LegalBasis::decree);
  Browser chair = login("chair@a.example");
  const std::string item = R"({"kind":"case","title":"Casus","case_id":7})";
  auto before = api(chair, "POST", items_of(table), item);
  EXPECT_EQ(before.status, 409) << before.body;
  EXPECT_TRUE(contains(before.body, "basis_not_approved")) << before.body;

  const std::string approval = "/api/v1/tables/" + std::to_string(table) + "/basis-approval";
  EXPECT_EQ(api(chair, "POST", approval).status, 403) << "the chair does not approve their own basis";
  Browser p = login("admin@p.example");
  EXPECT_EQ(api(p, "POST", approval).status, 403) << "the prosecutor approves only its own authorisations";
  Browser platform = login("platform@c.example");
  auto approved = api(platform, "POST", approval);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_TRUE(contains(approved.body, R"("basis_approved":true)")) << approved.body;

  auto after = api(chair, "POST", items_of(table), item);
  EXPECT_EQ(after.status, 201) << after.body;
}

TEST_F(TableGateTest, ThePublicProsecutorApprovesATableOnItsAuthorisation) {
  auto table = seed_table(tb::LegalBasis::prosecutor_authorisation, {org_p_});
  const std::string approval = "/api/v1/tables/" + std::to_string(table) + "/basis-approval";
  Browser member_p = login("member@p.example");
  EXPECT_EQ(api(member_p, "POST", approval).status, 403) << "an organisation admin of the prosecutor approves";
  Browser admin_p = login("admin@p.example");
  auto approved = api(admin_p, "POST", approval);
  ASSERT_EQ(approved.status, 200) << approved.body;
  Browser chair = login("chair@a.example");
  EXPECT_EQ(api(chair, "POST", items_of(table), R"({"kind":"case","title":"Casus"})").status, 201);
}

TEST_F(TableGateTest, ChangingTheBasisReferenceWithdrawsTheApproval) {
  auto table = seed_table(tb::LegalBasis::decree);
  auto& tables = runtime_->tables();
  auto platform = caller(0, org_c_, Role::platform_admin);
  ASSERT_TRUE(tables.approve_basis(platform, table));
  auto chair = caller(chair_, org_a_);
  tb::AgendaItem item;
  item.kind = tb::ItemKind::case_item;
  item.title = "Casus";
  item.case_id = 7;
  ASSERT_TRUE(tables.add_agenda_item(chair, table, meeting_, item));
  auto t = *tables.table(chair, table);
  app::tables::TableDraft d;
  d.name = t.name;
  d.kind = t.kind;
  d.basis = t.basis;
  d.basis_reference = "Een ander decreet";
  d.finality = t.finality;
  d.members = t.members;
  d.delegates = t.delegates;
  ASSERT_TRUE(tables.update_table(chair, table, d));
  auto again = tables.add_agenda_item(chair, table, meeting_, item);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "basis_not_approved");
}

TEST_F(TableGateTest, ThePlatformAdminApprovesFromTheTablePage) {
  auto table = seed_table(tb::LegalBasis::law);
  const std::string path = "/tables/" + std::to_string(table);
  Browser chair = login("chair@a.example");
  auto seen_by_chair = page(chair, "GET", path);
  ASSERT_EQ(seen_by_chair.status, 200);
  EXPECT_TRUE(contains(seen_by_chair.body, "awaiting approval")) << seen_by_chair.body;
  EXPECT_FALSE(contains(seen_by_chair.body, path + "/basis-approval"));
  EXPECT_EQ(page(chair, "POST", path + "/basis-approval").status, 403);

  Browser platform = login("platform@c.example");
  auto seen = page(platform, "GET", path);
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(contains(seen.body, R"(action=")" + path + R"(/basis-approval")")) << seen.body;
  auto approved = page(platform, "POST", path + "/basis-approval");
  EXPECT_EQ(approved.status, 303) << approved.body;
  auto now = page(chair, "GET", path);
  EXPECT_FALSE(contains(now.body, "awaiting approval"));

  // The approval is in the audit trail, once, as the platform admin's change of the table's basis.
  app::audit::AuditFilter filter;
  filter.limit = app::audit::kMaxAuditPage;
  auto entries = runtime_->audit_trail().log().find(filter);
  ASSERT_TRUE(entries.has_value()) << entries.error().message;
  int approvals = 0;
  for (const auto& e : *entries) {
    if (e.object_type != "table_basis") continue;
    ++approvals;
    EXPECT_EQ(e.action, core::audit::Action::update);
    EXPECT_EQ(e.object_id, std::to_string(table));
    EXPECT_EQ(e.outcome, core::audit::Outcome::success);
  }
  EXPECT_EQ(approvals, 1);
}

// Issue 21: the platform admin's list of every table is paged, on the API and on the
// page, so it stays fast at a country's thousands of tables; the pages hold every
// table once, by name.
TEST_F(TableGateTest, ThePlatformAdminPagesThroughEveryTableOnTheApiAndThePage) {
  auto& store = runtime_->table_store();
  std::vector<std::string> names;
  for (int i = 0; i < 103; ++i) {
    tb::Table t;
    char name[32];
    std::snprintf(name, sizeof name, "Tafel %03d", (i * 37) % 103);  // inserted out of name order
    t.name = name;
    t.basis = tb::LegalBasis::none;
    t.members = {i % 2 ? org_a_ : org_b_};
    ASSERT_TRUE(store.insert(t));
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  Browser platform = login("platform@c.example");
  std::vector<std::string> walked;
  std::string target = "/api/v1/tables?limit=40";
  for (int pages = 0; pages < 10; ++pages) {
    auto r = api(platform, "GET", target);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = boost::json::parse(r.body).as_object();
    const auto& tables = body.at("tables").as_array();
    EXPECT_LE(tables.size(), 40u);
    for (const auto& t : tables) walked.emplace_back(t.as_object().at("name").as_string());
    if (!body.contains("next")) break;
    target = "/api/v1/tables?limit=40&after=" + std::to_string(body.at("next").as_int64());
  }
  EXPECT_EQ(walked, names);
  EXPECT_EQ(api(platform, "GET", "/api/v1/tables?limit=0").status, 400);
  EXPECT_EQ(api(platform, "GET", "/api/v1/tables?limit=1001").status, 400);
  EXPECT_EQ(api(platform, "GET", "/api/v1/tables?after=abc").status, 400);

  // The page shows the first 100 by name and links to the rest.
  auto first = page(platform, "GET", "/tables");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(contains(first.body, names[99])) << "the hundredth table is on the first page";
  EXPECT_FALSE(contains(first.body, names[100]));
  auto link = first.body.find("id=\"my-tables-next\"");
  ASSERT_NE(link, std::string::npos) << "a link to the next page";
  auto href = first.body.rfind("href=\"", link);
  ASSERT_NE(href, std::string::npos);
  std::string next = first.body.substr(href + 6, first.body.find('"', href + 6) - href - 6);
  auto second = page(platform, "GET", next.substr(0, next.find('#')));
  ASSERT_EQ(second.status, 200);
  for (int i = 100; i < 103; ++i) EXPECT_TRUE(contains(second.body, names[i])) << names[i];
  EXPECT_FALSE(contains(second.body, names[99]));
  EXPECT_EQ(second.body.find("my-tables-next"), std::string::npos) << "the last page links no further";
}

// --- point 10: links in the minutes -------------------------------------------------

TEST_F(TableGateTest, MinutesLinksWithABackslashOrAControlCharacterStayText) {
  auto table = seed_table(tb::LegalBasis::none);
  auto& tables = runtime_->tables();
  ASSERT_TRUE(tables.open_meeting(caller(chair_, org_a_), table, meeting_));
  const std::string markdown =
      "[back](/\\evil.example) [tab](</\t/evil.example>) [entity](/&#9;/evil.example) "
      "[newline](/&#10;/evil.example) [two](//evil.example) [lead](\\\\evil.example) "
      "[https](https://ok.example/a\\b) [encoded](/%5Cevil.example) [local](/tables)";
  ASSERT_TRUE(tables.draft_minutes(caller(secretary_, org_a_, Role::organisation_admin), table, meeting_, markdown));
  Browser chair = login("chair@a.example");
  auto r = page(chair, "GET", "/tables/" + std::to_string(table) + "/meetings/" + std::to_string(meeting_) + "/minutes");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, R"(href="/tables")"));
  EXPECT_TRUE(contains(r.body, R"(href="/%5Cevil.example")")) << "a percent-encoded backslash is a local path";
  EXPECT_FALSE(contains(r.body, R"(href="/\evil.example")")) << r.body;
  EXPECT_FALSE(contains(r.body, "href=\"/\t")) << r.body;
  EXPECT_FALSE(contains(r.body, "href=\"/\n")) << r.body;
  EXPECT_FALSE(contains(r.body, R"(href="//evil.example")"));
  EXPECT_FALSE(contains(r.body, R"(href="\\evil.example")"));
  EXPECT_FALSE(contains(r.body, R"(href="https://ok.example/a\b")"));
  for (const char* text : {">back<", ">tab<", ">entity<", ">newline<", ">two<", ">lead<"}) {
    EXPECT_FALSE(contains(r.body, std::string("noreferrer\"") + text)) << text << " stayed a link";
  }
}

// --- point 11: the feed address --------------------------------------------------------

TEST_F(TableGateTest, TheFeedAddressStartsWithTheConfiguredPublicUrl) {
  http::Router configured;
  web::Options options;
  options.public_url = "https://tafel.example.be";
  cli::build_router(configured, *runtime_, options);
  Browser a = login("chair@a.example");
  auto r = page(a, "POST", "/tables/calendar-token", {}, &configured);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, ">https://tafel.example.be/calendar/tafelcal_")) << r.body;
  EXPECT_FALSE(contains(r.body, "http://"));
}

TEST_F(TableGateTest, WithoutAPublicUrlTheFeedAddressUsesTheRequestHostAndTheServersScheme) {
  Browser a = login("chair@a.example");
  http::Request request = request_of(a, "POST", "/tables/calendar-token");
  request.headers.emplace_back("accept", "text/html");
  request.headers.emplace_back("host", "tafel.local:8080");
  request.body = "csrf_token=" + form_escape(a.csrf);
  auto r = router_.dispatch(request);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, ">http://tafel.local:8080/calendar/tafelcal_")) << r.body;
  // A Host header that is not a host name gives the path alone.
  request.headers.back().second = "evil.example/\"><x";
  r = router_.dispatch(request);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(contains(r.body, "evil.example")) << r.body;
  EXPECT_TRUE(contains(r.body, ">/calendar/tafelcal_")) << r.body;
}

// --- issue 12, point 9: the table's retention period for closed cases ---------------

TEST_F(TableGateTest, TheChairSetsTheCaseRetentionPeriodThroughTheApiAndThePageShowsIt) {
  auto table = seed_table(tb::LegalBasis::none);
  Browser a = login("chair@a.example");
  const std::string a_id = std::to_string(org_a_), path = "/api/v1/tables/" + std::to_string(table);
  auto body = [&](const std::string& days) {
    return R"({"name":"Casusoverleg","members":[)" + a_id + R"(],"case_retention_days":)" + days +
           R"(,"delegates":[{"user":)" + std::to_string(chair_) + R"(,"organisation":)" + a_id +
           R"(,"role":"chair"}]})";
  };
  for (const char* wrong : {"0", "36501", "-5", "\"30\""}) {
    auto r = api(a, "PUT", path, body(wrong));
    EXPECT_EQ(r.status, 400) << wrong << r.body;
    EXPECT_TRUE(contains(r.body, "case_retention_days")) << r.body;
  }
  auto none = page(a, "GET", "/tables/" + std::to_string(table));
  EXPECT_TRUE(contains(none.body, "No period set: closed cases are kept.")) << none.body;

  auto r = api(a, "PUT", path, body("365"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, R"("case_retention_days":365)")) << r.body;
  EXPECT_EQ(runtime_->tables().table(caller(chair_, org_a_), table)->case_retention_days, 365);
  auto shown = page(a, "GET", "/tables/" + std::to_string(table));
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(contains(shown.body, "Retention of closed cases")) << shown.body;
  EXPECT_TRUE(contains(shown.body, "365 days after a case is closed")) << shown.body;
  // Audited like any table change.
  app::audit::AuditFilter all;
  all.limit = 1000;
  auto entries = runtime_->audit_trail().log().find(all);
  ASSERT_TRUE(entries);
  int updates = 0;
  for (const auto& e : *entries) {
    updates += e.action == core::audit::Action::update && e.object_type == "table" &&
               e.object_id == std::to_string(table);
  }
  EXPECT_GE(updates, 1);

  // null: no period again.
  auto cleared = api(a, "PUT", path, body("null"));
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(contains(cleared.body, R"("case_retention_days":null)")) << cleared.body;
}

TEST_F(TableGateTest, TheChairChangesTheRetentionPeriodOnTheTablePage) {
  auto table = seed_table(tb::LegalBasis::none, {org_b_});
  const std::string path = "/tables/" + std::to_string(table);
  Browser a = login("chair@a.example");
  auto shown = page(a, "GET", path);
  EXPECT_TRUE(contains(shown.body, R"(action=")" + path + R"(/retention")")) << "the chair has the form";
  auto refused = page(a, "POST", path + "/retention", "case_retention_days=0");
  EXPECT_EQ(refused.status, 422) << refused.body;
  auto saved = page(a, "POST", path + "/retention", "case_retention_days=730");
  EXPECT_EQ(saved.status, 303) << saved.body;
  auto t = runtime_->tables().table(caller(chair_, org_a_), table);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->case_retention_days, 730);
  EXPECT_EQ(t->members.size(), 2u) << "nothing else of the table changed";
  EXPECT_EQ(t->secrecy_version(), 1);
  EXPECT_TRUE(contains(page(a, "GET", path).body, "730 days after a case is closed"));
  auto cleared = page(a, "POST", path + "/retention", "case_retention_days=");
  EXPECT_EQ(cleared.status, 303) << cleared.body;
  EXPECT_FALSE(runtime_->tables().table(caller(chair_, org_a_), table)->case_retention_days);
  // A delegate of another organisation has no form and is refused.
  Browser b = login("member@b.example");
  EXPECT_FALSE(contains(page(b, "GET", path).body, R"(/retention")"));
  EXPECT_EQ(page(b, "POST", path + "/retention", "case_retention_days=1").status, 403);
}

TEST_F(TableGateTest, TheNewTableFormTakesTheCaseRetentionPeriodAndRefusesOneOutOfRange) {
  Browser a = login("chair@a.example");
  const std::string fields = "name=Overleg&kind=thematic&basis=none&frequency=none&members=" + std::to_string(org_a_);
  auto form = page(a, "GET", "/tables/new");
  EXPECT_TRUE(contains(form.body, R"(name="case_retention_days")")) << form.body;
  auto refused = page(a, "POST", "/tables/new", fields + "&case_retention_days=0");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(runtime_->tables().my_tables(caller(chair_, org_a_))->tables.empty());
  auto made = page(a, "POST", "/tables/new", fields + "&case_retention_days=90");
  EXPECT_EQ(made.status, 303) << made.body;
  auto mine = runtime_->tables().my_tables(caller(chair_, org_a_));
  ASSERT_TRUE(mine && mine->tables.size() == 1u);
  EXPECT_EQ(mine->tables.front().case_retention_days, 90);
}

}  // namespace
}  // namespace tafel
