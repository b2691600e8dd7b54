// What the fast request path (issue 13) must not trade away, through the real router
// (cli::build_router) on every engine, with two Runtimes on one database standing for
// two servers:
//  * a revoked API token, or an ended session, is refused on the very next request,
//    on the server that revoked it and on the other one, although both have it in
//    their credential cache (ADR 0017);
//  * a decision is audited before it is answered: when POST /api/v1/decisions
//    returns, its entry is committed and readable by another connection (ADR 0018).

#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <soci/soci.h>

#include "accounts/fake_crypto.h"
#include "cli/runtime.h"
#include "core/access/totp_window.h"
#include "http/router.h"
#include "support/test_database.h"
#include "web/options.h"
#include "web/routes.h"

namespace tafel {
namespace {

using access::Role;
namespace json = boost::json;

constexpr const char* kPassword = "a long password";

struct Server {
  std::shared_ptr<cli::Runtime> runtime;
  http::Router router;
};

class RequestPathTest : public ::testing::TestWithParam<storage::Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = test_support::TestDatabase::create(GetParam());
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    cli::Runtime::Options options;
    options.clock = &clock_;
    options.crypto = &crypto_;
    options.audit_key_path = (std::filesystem::temp_directory_path() /
                              ("tafel-request-path-" + std::to_string(::getpid()) + ".key"))
                                 .string();
    auto a = cli::Runtime::create(db_->shared_database(), options);
    ASSERT_TRUE(a) << a.error().message;
    here_.runtime = *a;
    auto second = storage::Database::open(db_->url(), 4);
    ASSERT_TRUE(second) << second.error().message;
    other_db_ = std::shared_ptr<storage::Database>(std::move(*second));
    auto b = cli::Runtime::create(other_db_, options);
    ASSERT_TRUE(b) << b.error().message;
    there_.runtime = *b;
    cli::build_router(here_.router, *here_.runtime, web::Options{});
    cli::build_router(there_.router, *there_.runtime, web::Options{});

    access::Principal root{0, 0, Role::platform_admin, true};
    auto& directory = here_.runtime->directory();
    auto area = *directory.create_area(root, {0, directory::AreaKind::municipality, "Rivierstad", std::nullopt});
    auto org = [&](const char* name, sharing::Secrecy secrecy) {
      directory::Organisation o;
      o.name = name;
      o.secrecy = secrecy;
      o.finality = "Wat we doen.";
      o.languages = {"nl"};
      o.areas = {area};
      return *directory.create_organisation(root, o);
    };
    org_a_ = org("Welzijnshuis", sharing::Secrecy::professional);
    org_b_ = org("Politiezone Rivier", sharing::Secrecy::discretion);
    access::User u;
    u.organisation_id = org_a_;
    u.email = "member@a.example";
    u.display_name = "Member A";
    u.role = Role::member;
    ASSERT_TRUE(here_.runtime->accounts().provision_user(u, kPassword, secret_));
  }

  // Logs in with password and TOTP on `server`; the session cookie and CSRF token.
  std::pair<std::string, std::string> login(Server& server) {
    clock_.advance(std::chrono::seconds(30));
    auto& accounts = server.runtime->accounts();
    auto first = accounts.login("member@a.example", kPassword, "192.0.2.1");
    EXPECT_TRUE(first && first->status == app::accounts::LoginOutcome::Status::second_factor_needed);
    if (!first) return {};
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    auto code = crypto_.hotp(secret_, static_cast<std::uint64_t>(access::totp_step(seconds)));
    auto second = accounts.verify_second_factor(first->session_token, code, "192.0.2.1");
    EXPECT_TRUE(second && second->status == app::accounts::LoginOutcome::Status::complete);
    if (!second) return {};
    return {second->session_token, second->csrf_token};
  }

  // One request through `server`'s router, with a session (cookie and CSRF header)
  // or a bearer token.
  http::Response send(Server& server, std::string method, std::string path, std::string body = {},
                      const std::pair<std::string, std::string>& session = {}, const std::string& bearer = {},
                      const std::string& request_id = "test") {
    http::Request request;
    request.method = std::move(method);
    request.target = request.path = std::move(path);
    request.remote_address = "192.0.2.1";
    request.request_id = request_id;
    request.headers.emplace_back("accept", "application/json");
    request.headers.emplace_back("content-type", "application/json");
    if (!bearer.empty()) request.headers.emplace_back("authorization", "Bearer " + bearer);
    if (!session.first.empty()) {
      request.headers.emplace_back("cookie", "tafel_session=" + session.first);
      request.headers.emplace_back("x-csrf-token", session.second);
    }
    request.body = std::move(body);
    return server.router.dispatch(request);
  }

  app::ManualClock clock_{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto_;
  std::unique_ptr<test_support::TestDatabase> db_;
  std::shared_ptr<storage::Database> other_db_;
  Server here_, there_;
  std::vector<std::uint8_t> secret_ = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  directory::OrganisationId org_a_ = 0, org_b_ = 0;
};

TEST_P(RequestPathTest, ARevokedTokenIsRefusedOnTheNextRequestOnEveryServer) {
  auto session = login(here_);
  auto issued = send(here_, "POST", "/api/v1/me/tokens",
                     R"({"name":"script","scopes":["directory:read","decisions:ask"]})", session);
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto token_json = json::parse(issued.body).as_object();
  std::string token(token_json.at("token").as_string());
  std::int64_t id = token_json.at("id").as_int64();

  // Both servers now hold the token in their cache.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(send(here_, "GET", "/api/v1/organisations", {}, {}, token).status, 200);
    EXPECT_EQ(send(there_, "GET", "/api/v1/organisations", {}, {}, token).status, 200);
  }

  auto revoked = send(here_, "DELETE", "/api/v1/me/tokens/" + std::to_string(id), {}, session);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  auto refused_here = send(here_, "GET", "/api/v1/organisations", {}, {}, token);
  EXPECT_EQ(refused_here.status, 401) << refused_here.body;
  auto refused_there = send(there_, "GET", "/api/v1/organisations", {}, {}, token);
  EXPECT_EQ(refused_there.status, 401) << refused_there.body;
  auto decision = send(there_, "POST", "/api/v1/decisions",
                       R"({"recipient":)" + std::to_string(org_b_) +
                           R"(,"case":"none","categories":["identity"],"purpose":"coordination"})",
                       {}, token);
  EXPECT_EQ(decision.status, 401) << decision.body;
}

TEST_P(RequestPathTest, AnEndedSessionIsRefusedOnTheNextRequestOnEveryServer) {
  auto session = login(here_);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(send(here_, "GET", "/api/v1/organisations", {}, session).status, 200);
    EXPECT_EQ(send(there_, "GET", "/api/v1/organisations", {}, session).status, 200);
  }
  auto out = send(there_, "DELETE", "/api/v1/session", {}, session);
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(send(here_, "GET", "/api/v1/organisations", {}, session).status, 401);
  EXPECT_EQ(send(there_, "GET", "/api/v1/organisations", {}, session).status, 401);

  // Deactivation ends every credential of the user, wherever they are cached.
  auto again = login(here_);
  EXPECT_EQ(send(there_, "GET", "/api/v1/organisations", {}, again).status, 200);
  auto user = *here_.runtime->account_store().find_user_by_email("member@a.example");
  ASSERT_TRUE(user);
  user->active = false;
  ASSERT_TRUE(here_.runtime->account_store().update_user(*user));
  EXPECT_EQ(send(there_, "GET", "/api/v1/organisations", {}, again).status, 401);
  EXPECT_EQ(send(here_, "GET", "/api/v1/organisations", {}, again).status, 401);
}

TEST_P(RequestPathTest, ADecisionIsAuditedBeforeItIsAnswered) {
  auto session = login(here_);
  const std::string body = R"({"recipient":)" + std::to_string(org_b_) +
                           R"(,"case":"none","categories":["identity"],"purpose":"coordination"})";
  for (int i = 0; i < 20; ++i) {
    std::string request_id = "decision-" + std::to_string(i);
    auto answer = send(here_, "POST", "/api/v1/decisions", body, session, {}, request_id);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(json::parse(answer.body).as_object().contains("decision"));
    // Read at once by the other server's connection: committed, not merely queued.
    long long entries = 0;
    auto read = other_db_->with_session([&](soci::session& s) {
      s << "SELECT COUNT(*) FROM audit_entry WHERE request_id = :r AND action = 'sharing_decision'",
          soci::use(request_id), soci::into(entries);
    });
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(entries, 1) << request_id;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RequestPathTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
