// Every route of the server × every role × own organisation or another one.
//
// The router is built the way `tafel serve` builds it (operational routes, web
// pages, account and directory routes). kExpectations must name every route: a new
// route without an entry fails RouteRoles.EveryRouteHasAnExpectation, and an entry
// without a route fails RouteRoles.EveryExpectationIsARoute. For each route the test
// seeds a fresh database (organisation A with records, organisation B), logs in one
// user per column below (password + TOTP), sends the request with that user's
// session cookie and CSRF token, and checks the answer:
//   'y'  allowed: the first allowed caller gets 2xx/3xx; later ones anything but
//        401/403 (a record already deleted by an earlier caller answers 404);
//   'n'  refused: 401 for the anonymous caller, 403 for the others;
//   'p'  public: never 401/403, whoever asks;
//   'e'  allowed, but the use case has its own answer for these callers (enrolment
//        of an already enrolled user: 409): never 401/403, never 5xx;
//   'a'  an authentication step with its own answers (tests/accounts covers them):
//        anything but a 5xx.
// Records in the path always belong to organisation A.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "accounts/fake_crypto.h"
#include "app/accounts/account_service.h"
#include "app/directory/directory_service.h"
#include "core/access/totp_window.h"
#include "http/metrics.h"
#include "http/openapi.h"
#include "http/operational_routes.h"
#include "storage/accounts_store.h"
#include "storage/directory_store.h"
#include "support/test_database.h"
#include "web/accounts_routes.h"
#include "web/routes.h"

namespace tafel {
namespace {

using access::Role;

// Columns: anonymous, platform admin, admin A, member A, DPO A, observer A, admin B, member B.
constexpr int kCallers = 8;
const char* kCallerNames[kCallers] = {"anonymous", "platform_admin", "org_admin_A", "member_A",
                                      "dpo_A",     "observer_A",     "org_admin_B", "member_B"};

const std::map<std::string, std::string> kExpectations = {
    // operational and public web routes
    {"GET /healthz", "pppppppp"},
    {"GET /readyz", "pppppppp"},
    {"GET /metrics", "pppppppp"},
    {"GET /", "pppppppp"},
    {"GET /about", "pppppppp"},
    {"GET /language/{lang}", "pppppppp"},
    {"GET /static/{*path}", "pppppppp"},
    {"GET /api/v1/openapi.json", "pppppppp"},
    // session
    {"POST /api/v1/session", "aaaaaaaa"},
    {"POST /api/v1/session/second-factor", "aaaaaaaa"},
    {"DELETE /api/v1/session", "nyyyyyyy"},
    // own account
    {"GET /api/v1/me", "nyyyyyyy"},
    {"POST /api/v1/me/password", "nyyyyyyy"},
    {"POST /api/v1/me/second-factor", "neeeeeee"},
    {"POST /api/v1/me/second-factor/confirm", "neeeeeee"},
    {"GET /api/v1/me/tokens", "nyyyyyyy"},
    {"POST /api/v1/me/tokens", "nyyyyyyy"},
    {"DELETE /api/v1/me/tokens/{id}", "nyyyyyyy"},
    // organisations and users
    {"GET /api/v1/organisations", "nyyyyyyy"},
    {"POST /api/v1/organisations", "nynnnnnn"},
    {"GET /api/v1/organisations/{id}", "nyyyyyyy"},
    {"PUT /api/v1/organisations/{id}", "nyynnnnn"},
    {"GET /api/v1/organisations/{id}/users", "nyynynnn"},
    {"POST /api/v1/organisations/{id}/users", "nyynnnnn"},
    {"PATCH /api/v1/users/{id}", "nyynnnnn"},
    {"POST /api/v1/users/{id}/password-reset", "nyynnnnn"},
    {"GET /api/v1/organisations/{id}/coverage", "nyynnnnn"},
    {"GET /api/v1/coverage", "nynnnnnn"},
    {"GET /api/v1/security-events", "nynnynnn"},
    // directory
    {"GET /api/v1/topics", "nyyyyyyy"},
    {"POST /api/v1/topics", "nynnnnnn"},
    {"GET /api/v1/areas", "nyyyyyyy"},
    {"POST /api/v1/areas", "nynnnnnn"},
    {"GET /api/v1/contact-points", "nyyyyyyy"},
    {"POST /api/v1/contact-points", "nyynnnnn"},
    {"GET /api/v1/contact-points/{id}", "nyyyyyyy"},
    {"PUT /api/v1/contact-points/{id}", "nyynnnnn"},
    {"DELETE /api/v1/contact-points/{id}", "nyynnnnn"},
};

const std::vector<std::uint8_t> kSecret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

// A freshly seeded world and a router over it.
struct World {
  app::ManualClock clock{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto;
  std::unique_ptr<test_support::TestDatabase> db;
  std::unique_ptr<storage::SqlAccountStore> account_store;
  std::unique_ptr<storage::SqlSecurityLog> log;
  std::unique_ptr<storage::SqlDirectoryStore> directory_store;
  std::unique_ptr<app::accounts::AccountService> accounts;
  std::unique_ptr<app::directory::DirectoryService> directory;
  http::Metrics metrics;
  http::Router router;
  std::shared_ptr<http::ApiDocument> document = std::make_shared<http::ApiDocument>("tafel", "test");

  directory::OrganisationId org_a = 0, org_b = 0;
  access::UserId target_user = 0;
  directory::ContactPointId contact_point = 0;
  directory::AreaId area = 0;
  directory::TopicId topic = 0;
  // Per caller (index 1..7): session cookie, CSRF token, own API-token id, user id.
  std::string cookie[kCallers], csrf[kCallers];
  std::int64_t token_id[kCallers] = {};
  access::UserId user[kCallers] = {};
};

void build_router(World& w) {
  http::add_operational_routes(w.router, w.metrics, [] { return Result<void>{}; });
  web::register_routes(w.router, web::Options{});
  web::AccountsContext context;
  context.accounts = w.accounts.get();
  context.directory = w.directory.get();
  context.security_log = w.log.get();
  web::register_account_routes(w.router, context, w.document);
}

std::unique_ptr<World> make_world() {
  auto w = std::make_unique<World>();
  auto db = test_support::TestDatabase::create(storage::Engine::sqlite);
  if (!db) {
    ADD_FAILURE() << db.error().message;
    return nullptr;
  }
  w->db = std::move(*db);
  w->account_store = std::make_unique<storage::SqlAccountStore>(w->db->database(), w->clock);
  w->log = std::make_unique<storage::SqlSecurityLog>(w->db->database());
  w->directory_store = std::make_unique<storage::SqlDirectoryStore>(w->db->database(), w->clock);
  w->accounts = std::make_unique<app::accounts::AccountService>(*w->account_store, *w->log, w->crypto, w->clock);
  w->directory = std::make_unique<app::directory::DirectoryService>(*w->directory_store, *w->account_store);
  build_router(*w);

  access::Principal root{0, 0, Role::platform_admin, true};
  w->area = *w->directory->create_area(root, {0, directory::AreaKind::municipality, "Rivierstad", std::nullopt});
  w->topic = w->directory->topics(root)->front().id;
  auto org = [&](const char* name) {
    directory::Organisation o;
    o.name = name;
    o.finality = "Wat we doen.";
    o.languages = {"nl"};
    o.areas = {w->area};
    return *w->directory->create_organisation(root, o);
  };
  w->org_a = org("Organisatie A");
  w->org_b = org("Organisatie B");
  const std::pair<Role, directory::OrganisationId> callers[kCallers] = {
      {Role::observer, 0},           {Role::platform_admin, w->org_a}, {Role::organisation_admin, w->org_a},
      {Role::member, w->org_a},      {Role::dpo, w->org_a},            {Role::observer, w->org_a},
      {Role::organisation_admin, w->org_b}, {Role::member, w->org_b}};
  for (int i = 1; i < kCallers; ++i) {
    access::User u;
    u.organisation_id = callers[i].second;
    u.email = std::string(kCallerNames[i]) + "@example.org";
    u.display_name = kCallerNames[i];
    u.role = callers[i].first;
    w->user[i] = *w->accounts->provision_user(u, "a long password", kSecret);
  }
  access::User target;
  target.organisation_id = w->org_a;
  target.email = "target@example.org";
  target.display_name = "Target";
  w->target_user = *w->accounts->provision_user(target, "a long password", kSecret);
  w->contact_point =
      *w->directory->save_contact_point(root, {0, w->org_a, w->topic, w->area, w->user[3], {w->target_user}, "", "", {"nl"}});

  for (int i = 1; i < kCallers; ++i) {
    w->clock.advance(std::chrono::seconds(30));  // a fresh TOTP step for each login
    auto first = w->accounts->login(std::string(kCallerNames[i]) + "@example.org", "a long password", "192.0.2.1");
    if (!first || first->session_token.empty()) {
      ADD_FAILURE() << kCallerNames[i] << " cannot log in: " << (first ? "refused" : first.error().message);
      return nullptr;
    }
    std::string token = first->session_token;
    std::string csrf = first->csrf_token;
    if (first->status == app::accounts::LoginOutcome::Status::second_factor_needed) {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(w->clock.now().time_since_epoch()).count();
      auto code = w->crypto.hotp(kSecret, static_cast<std::uint64_t>(access::totp_step(seconds)));
      auto second = w->accounts->verify_second_factor(token, code, "192.0.2.1");
      token = second->session_token;
      csrf = second->csrf_token;
    }
    w->cookie[i] = token;
    w->csrf[i] = csrf;
    auto who = **w->accounts->authenticate(token);
    w->token_id[i] = w->accounts->create_api_token(who, "mine", {"directory:read"}, "192.0.2.1")->id;
  }
  return w;
}

std::string fill_path(const World& w, const std::string& pattern, int caller) {
  std::string path = pattern;
  auto replace = [&](const std::string& from, const std::string& to) {
    if (auto pos = path.find(from); pos != std::string::npos) path.replace(pos, from.size(), to);
  };
  replace("/me/tokens/{id}", "/me/tokens/" + std::to_string(w.token_id[caller]));
  replace("/organisations/{id}", "/organisations/" + std::to_string(w.org_a));
  replace("/users/{id}", "/users/" + std::to_string(w.target_user));
  replace("/contact-points/{id}", "/contact-points/" + std::to_string(w.contact_point));
  replace("{lang}", "fr");
  replace("{*path}", "images/logo.svg");
  return path;
}

std::string body_for(const World& w, const std::string& key, int caller) {
  std::string n = std::to_string(caller);
  if (key == "POST /api/v1/session") return R"({"email":"member_A@example.org","password":"wrong"})";
  if (key == "POST /api/v1/session/second-factor") return R"({"code":"000000"})";
  if (key == "POST /api/v1/me/password") return R"({"current":"a long password","new":"another long password"})";
  if (key == "POST /api/v1/me/second-factor/confirm") return R"({"code":"123456"})";
  if (key == "POST /api/v1/me/tokens") return R"({"name":"sync","scopes":["directory:read"]})";
  if (key == "POST /api/v1/organisations") {
    return R"({"name":"Nieuw )" + n + R"(","sector":"welfare","secrecy":"discretion","mission":"care","finality":"x","languages":["nl"]})";
  }
  if (key == "PUT /api/v1/organisations/{id}") return R"({"finality":"Nieuwe finaliteit )" + n + R"("})";
  if (key == "POST /api/v1/organisations/{id}/users") {
    return R"({"email":"new)" + n + R"(@example.org","display_name":"Nieuw","role":"member"})";
  }
  if (key == "PATCH /api/v1/users/{id}") return R"({"display_name":"Hernoemd )" + n + R"("})";
  if (key == "POST /api/v1/users/{id}/password-reset") return R"({"reset_second_factor":false})";
  if (key == "POST /api/v1/topics") return R"({"key":"topic)" + n + R"(","labels":{"nl":"a","fr":"b","en":"c"}})";
  if (key == "POST /api/v1/areas") return R"({"kind":"municipality","name":"Gemeente )" + n + R"("})";
  if (key == "POST /api/v1/contact-points" || key == "PUT /api/v1/contact-points/{id}") {
    return R"({"organisation_id":)" + std::to_string(w.org_a) + R"(,"topic_id":)" + std::to_string(w.topic) +
           R"(,"area_id":)" + std::to_string(w.area) + R"(,"primary":)" + std::to_string(w.user[3]) +
           R"(,"deputies":[)" + std::to_string(w.target_user) + R"(],"languages":["nl"]})";
  }
  return "";
}

http::Response send(World& w, const http::Route& route, int caller) {
  std::string key = route.method + " " + route.pattern;
  http::Request request;
  request.method = route.method;
  request.path = fill_path(w, route.pattern, caller);
  request.target = request.path;
  if (key == "GET /api/v1/security-events") {
    request.query.emplace("organisation", std::to_string(w.org_a));
    request.target += "?organisation=" + std::to_string(w.org_a);
  }
  request.remote_address = "192.0.2.1";
  request.request_id = "test";
  request.headers.emplace_back("accept", "application/json");
  if (caller > 0) {
    request.headers.emplace_back("cookie", "tafel_session=" + w.cookie[caller]);
    request.headers.emplace_back("x-csrf-token", w.csrf[caller]);
  }
  request.body = body_for(w, key, caller);
  return w.router.dispatch(request);
}

std::set<std::string> route_keys(const http::Router& router) {
  std::set<std::string> keys;
  for (const auto& r : router.routes()) keys.insert(r.method + " " + r.pattern);
  return keys;
}

TEST(RouteRoles, EveryRouteHasAnExpectation) {
  World w;
  build_router(w);
  for (const auto& key : route_keys(w.router)) {
    EXPECT_TRUE(kExpectations.count(key)) << "route without an entry in kExpectations: " << key;
  }
}

TEST(RouteRoles, EveryExpectationIsARoute) {
  World w;
  build_router(w);
  auto keys = route_keys(w.router);
  for (const auto& [key, row] : kExpectations) {
    EXPECT_TRUE(keys.count(key)) << "kExpectations names a route that does not exist: " << key;
    EXPECT_EQ(row.size(), static_cast<std::size_t>(kCallers)) << key;
  }
}

TEST(RouteRoles, EveryRouteAnswersEveryCallerAsExpected) {
  World probe;
  build_router(probe);
  for (const auto& route : probe.router.routes()) {
    std::string key = route.method + " " + route.pattern;
    auto it = kExpectations.find(key);
    if (it == kExpectations.end()) continue;  // reported by EveryRouteHasAnExpectation
    const std::string& row = it->second;
    auto world = make_world();
    ASSERT_TRUE(world);
    // Refused callers first, so an allowed caller's change cannot mask a refusal.
    std::vector<int> order;
    for (int c = 0; c < kCallers; ++c) {
      if (row[static_cast<std::size_t>(c)] != 'y') order.push_back(c);
    }
    for (int c = 0; c < kCallers; ++c) {
      if (row[static_cast<std::size_t>(c)] == 'y') order.push_back(c);
    }
    bool first_allowed = true;
    for (int c : order) {
      http::Response r = send(*world, route, c);
      std::string where = key + " as " + kCallerNames[c] + " -> " + std::to_string(r.status) + " " + r.body;
      switch (row[static_cast<std::size_t>(c)]) {
        case 'y':
          if (first_allowed) {
            EXPECT_LT(r.status, 400) << where;
            first_allowed = false;
          } else {
            EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status < 500) << where;
          }
          break;
        case 'n':
          EXPECT_EQ(r.status, c == 0 ? 401 : 403) << where;
          break;
        case 'e':
        case 'p':
          EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status < 500) << where;
          break;
        default:
          EXPECT_LT(r.status, 500) << where;
      }
    }
  }
}

TEST(OpenApi, DocumentsEveryApiRouteAndNothingElse) {
  World w;
  build_router(w);
  std::set<std::string> documented;
  for (const auto& op : w.document->operations()) {
    auto key = op.method + " " + op.pattern;
    EXPECT_TRUE(documented.insert(key).second) << "documented twice: " << key;
  }
  auto routes = route_keys(w.router);
  for (const auto& key : routes) {
    if (key.find(" /api/") != std::string::npos) {
      EXPECT_TRUE(documented.count(key)) << "undocumented: " << key;
    }
  }
  for (const auto& key : documented) EXPECT_TRUE(routes.count(key)) << "documented but no route: " << key;

  http::Request request;
  request.method = "GET";
  request.path = request.target = "/api/v1/openapi.json";
  auto r = w.router.dispatch(request);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(R"("openapi":"3.1.0")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("/api/v1/contact-points/{id}")"), std::string::npos);
}

}  // namespace
}  // namespace tafel
