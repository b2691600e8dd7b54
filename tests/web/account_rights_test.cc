// Who may change whose rights and credentials, through the real routes (issue 11):
// only a platform admin makes or unmakes a DPO or a platform admin and resets the
// credentials of a DPO or an admin (point 1); deactivation, resets, password and
// role changes end every credential of the user (point 5); the login API refuses
// cross-site forms (point 12); a refusal page says what a refusal is (point 18).

#include <boost/json.hpp>

#include "i18n/catalog.h"
#include "web/pages_fixture.h"

namespace tafel {
namespace {

using namespace web_test;
namespace json = boost::json;

class AccountRightsTest : public PagesTest {
 protected:
  std::string users_of(access::OrganisationId org) { return "/api/v1/organisations/" + std::to_string(org) + "/users"; }
  static std::string user_path(access::UserId id) { return "/api/v1/users/" + std::to_string(id); }

  access::Role role_of(access::UserId id) { return (*runtime_->accounts().find_user(id))->role; }

  // A new API token of `b`'s user, through the API.
  std::string api_token(const Browser& b) {
    auto r = send_json(b, "POST", "/api/v1/me/tokens", R"({"name":"sync","scopes":["accounts:read"]})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).as_object().at("token").as_string());
  }
  // A new calendar-feed path of `b`'s user, through the API.
  std::string feed_path(const Browser& b) {
    auto r = send_json(b, "POST", "/api/v1/me/calendar-token");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).as_object().at("path").as_string());
  }
  int status_with_token(const std::string& token) { return send_json({}, "GET", "/api/v1/me", "", token).status; }
  int feed_status(const std::string& path) { return send_json({}, "GET", path).status; }

  // The kinds of security events about `subject`, newest first.
  std::vector<std::string> events_about(access::UserId subject) {
    std::vector<std::string> kinds;
    auto events = runtime_->accounts_context().security_log->recent(std::nullopt, 200);
    EXPECT_TRUE(events.has_value());
    for (const auto& e : *events) {
      if (e.subject == subject) kinds.push_back(e.kind);
    }
    return kinds;
  }
  bool has_event(access::UserId subject, const std::string& kind) {
    auto kinds = events_about(subject);
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  }
};

// --- point 1: DPO and admin accounts are the platform admin's ------------------------------

TEST_F(AccountRightsTest, AnOrganisationAdminCannotCreateADpoThroughTheApiOrThePage) {
  Browser admin = login("admin@a.example");
  auto api = send_json(admin, "POST", users_of(org_a_),
                       R"({"email":"new-dpo@a.example","display_name":"Nieuwe DPO","role":"dpo"})");
  EXPECT_EQ(api.status, 403) << api.body;
  auto page = send(admin, "POST", "/organisations/" + std::to_string(org_a_) + "/users",
                   "display_name=DPO&email=page-dpo%40a.example&role=dpo&language=nl");
  EXPECT_EQ(page.status, 403);
  auto users = runtime_->accounts().list_users(org_a_);
  ASSERT_TRUE(users.has_value());
  for (const auto& u : *users) {
    EXPECT_NE(u.email, "new-dpo@a.example");
    EXPECT_NE(u.email, "page-dpo@a.example");
  }
  // The form does not offer the role either.
  auto form = send(admin, "GET", "/organisations/" + std::to_string(org_a_) + "/users");
  EXPECT_EQ(form.body.find(R"(value="dpo")"), std::string::npos);

  Browser platform = login("platform@b.example");
  auto allowed = send_json(platform, "POST", users_of(org_a_),
                           R"({"email":"new-dpo@a.example","display_name":"Nieuwe DPO","role":"dpo"})");
  EXPECT_EQ(allowed.status, 201) << allowed.body;
}

TEST_F(AccountRightsTest, AnOrganisationAdminCannotPromoteToOrDemoteFromDpo) {
  Browser admin = login("admin@a.example");
  auto promote = send_json(admin, "PATCH", user_path(member_a_), R"({"role":"dpo"})");
  EXPECT_EQ(promote.status, 403) << promote.body;
  EXPECT_EQ(role_of(member_a_), Role::member);
  auto page = send(admin, "POST", "/users/" + std::to_string(member_a_),
                   "display_name=member&language=nl&role=dpo&active=yes");
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(role_of(member_a_), Role::member);
  auto demote = send_json(admin, "PATCH", user_path(dpo_a_), R"({"role":"member"})");
  EXPECT_EQ(demote.status, 403) << demote.body;
  auto deactivate = send_json(admin, "PATCH", user_path(dpo_a_), R"({"active":false})");
  EXPECT_EQ(deactivate.status, 403) << deactivate.body;
  EXPECT_EQ(role_of(dpo_a_), Role::dpo);
  EXPECT_TRUE((*runtime_->accounts().find_user(dpo_a_))->active);
  // What is not a grant stays the organisation's: the DPO's phone number.
  EXPECT_EQ(send_json(admin, "PATCH", user_path(dpo_a_), R"({"phone":"014 00 00 00"})").status, 200);

  Browser platform = login("platform@b.example");
  EXPECT_EQ(send_json(platform, "PATCH", user_path(member_a_), R"({"role":"dpo"})").status, 200);
  EXPECT_EQ(role_of(member_a_), Role::dpo);
}

TEST_F(AccountRightsTest, AnOrganisationAdminCannotResetTheCredentialsOfADpoOrAnAdmin) {
  Browser admin = login("admin@a.example");
  access::UserId other_admin = provision("admin2@a.example", org_a_, Role::organisation_admin, true);
  for (access::UserId target : {dpo_a_, other_admin}) {
    auto api = send_json(admin, "POST", user_path(target) + "/password-reset", R"({"reset_second_factor":true})");
    EXPECT_EQ(api.status, 403) << target << " " << api.body;
    auto page = send(admin, "POST", "/users/" + std::to_string(target) + "/password-reset", "reset_second_factor=yes");
    EXPECT_EQ(page.status, 403) << target;
    EXPECT_FALSE(has_event(target, "password_reset")) << target;
  }
  // Nor around it (found in review): demote the fellow admin, reset, promote back.
  EXPECT_EQ(send_json(admin, "PATCH", user_path(other_admin), R"({"role":"member"})").status, 403);
  EXPECT_EQ(send_json(admin, "PATCH", user_path(other_admin), R"({"active":false})").status, 403);
  EXPECT_EQ(role_of(other_admin), Role::organisation_admin);
  // The DPO still logs in with their own password and second factor.
  Browser dpo = login("dpo@a.example");
  EXPECT_EQ(send(dpo, "GET", "/account").status, 200);
  // A member's reset stays the organisation admin's.
  EXPECT_EQ(send_json(admin, "POST", user_path(member_a_) + "/password-reset", "{}").status, 200);

  Browser platform = login("platform@b.example");
  EXPECT_EQ(send_json(platform, "POST", user_path(dpo_a_) + "/password-reset", "{}").status, 200);
  EXPECT_TRUE(has_event(dpo_a_, "password_reset"));
}

// --- point 5: ending an account's access ends every credential ----------------------------

TEST_F(AccountRightsTest, DeactivationEndsTheSessionsApiTokensAndCalendarFeed) {
  Browser member = login("member@a.example");
  std::string token = api_token(member);
  std::string feed = feed_path(member);
  ASSERT_EQ(status_with_token(token), 200);
  ASSERT_EQ(feed_status(feed), 200);

  Browser admin = login("admin@a.example");
  ASSERT_EQ(send_json(admin, "PATCH", user_path(member_a_), R"({"active":false})").status, 200);
  EXPECT_EQ(send(member, "GET", "/account").status, 303) << "the session has ended";
  EXPECT_EQ(status_with_token(token), 401);
  EXPECT_EQ(feed_status(feed), 404);
  EXPECT_TRUE(has_event(member_a_, "user_deactivated"));
  EXPECT_TRUE(has_event(member_a_, "credentials_ended"));

  // Reactivation does not bring the old credentials back.
  ASSERT_EQ(send_json(admin, "PATCH", user_path(member_a_), R"({"active":true})").status, 200);
  EXPECT_EQ(status_with_token(token), 401);
  EXPECT_EQ(feed_status(feed), 404);
}

TEST_F(AccountRightsTest, ResetsAndRoleChangesEndTheApiTokensAndCalendarFeed) {
  Browser admin = login("admin@a.example");
  const std::pair<std::string, std::string> changes[] = {
      {"/password-reset", "{}"},
      {"/password-reset", R"({"reset_second_factor":true})"},
      {"", R"({"role":"observer"})"},
  };
  for (const auto& [suffix, body] : changes) {
    access::UserId id = provision("someone" + std::to_string(clock_.now().time_since_epoch().count()) + "@a.example",
                                  org_a_, Role::member, true);
    Browser user = login((*runtime_->accounts().find_user(id))->email);
    std::string token = api_token(user);
    std::string feed = feed_path(user);
    ASSERT_EQ(status_with_token(token), 200);

    auto r = send_json(admin, suffix.empty() ? "PATCH" : "POST", user_path(id) + suffix, body);
    ASSERT_EQ(r.status, 200) << suffix << body << r.body;
    EXPECT_EQ(send(user, "GET", "/account").status, 303) << body;
    EXPECT_EQ(status_with_token(token), 401) << body;
    EXPECT_EQ(feed_status(feed), 404) << body;
    EXPECT_TRUE(has_event(id, "credentials_ended")) << body;
  }
}

TEST_F(AccountRightsTest, ChangingTheOwnPasswordEndsTheApiTokensButKeepsThisSession) {
  Browser member = login("member@a.example");
  std::string token = api_token(member);
  auto r = send_json(member, "POST", "/api/v1/me/password",
                     R"({"current":"a long password","new":"another long password"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(status_with_token(token), 401);
  EXPECT_EQ(send(member, "GET", "/account").status, 200);
  EXPECT_TRUE(has_event(member_a_, "credentials_ended"));
}

// --- point 12: no login from another site -------------------------------------------------

TEST_F(AccountRightsTest, TheLoginApiAcceptsOnlyJsonFromTheSameOrigin) {
  auto login_request = [&](std::string content_type, std::string origin) {
    http::Request request;
    request.method = "POST";
    request.target = request.path = "/api/v1/session";
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("host", "tafel.example.be");
    if (!content_type.empty()) request.headers.emplace_back("content-type", content_type);
    if (!origin.empty()) request.headers.emplace_back("origin", origin);
    request.body = R"({"email":"member@a.example","password":"a long password"})";
    return router_.dispatch(request);
  };
  EXPECT_EQ(login_request("text/plain", "").status, 415);
  EXPECT_EQ(login_request("", "").status, 415);
  EXPECT_EQ(login_request("application/x-www-form-urlencoded", "").status, 415);
  EXPECT_EQ(login_request("application/json", "https://evil.example").status, 403);
  EXPECT_EQ(login_request("application/json", "http://tafel.example.be.evil.example").status, 403);
  EXPECT_FALSE(has_event(member_a_, "login_succeeded"));
  EXPECT_EQ(login_request("application/json; charset=utf-8", "http://tafel.example.be").status, 200);
  EXPECT_EQ(login_request("application/json", "").status, 200);  // clients that send no Origin
}

// --- point 7: an HTTPS request (TLS, or a trusted proxy's X-Forwarded-Proto; see
// tests/http/forwarded_test.cc for how the server decides) gets the Secure cookie --------

TEST_F(AccountRightsTest, AnHttpsRequestGetsTheSecureHostPrefixedCookie) {
  auto login_over = [&](bool https) {
    http::Request request;
    request.method = "POST";
    request.target = request.path = "/api/v1/session";
    request.remote_address = "198.51.100.1";
    request.https = https;
    request.request_id = "test";
    request.headers.emplace_back("host", "tafel.example.be");
    request.headers.emplace_back("content-type", "application/json");
    request.headers.emplace_back("origin", https ? "https://tafel.example.be" : "http://tafel.example.be");
    request.body = R"({"email":"member@a.example","password":"a long password"})";
    return router_.dispatch(request);
  };
  auto secure = login_over(true);
  ASSERT_EQ(secure.status, 200) << secure.body;
  std::string cookie(secure.header("set-cookie"));
  EXPECT_TRUE(cookie.starts_with("__Host-tafel_session=")) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  auto plain = login_over(false);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_TRUE(std::string(plain.header("set-cookie")).starts_with("tafel_session=")) << "plain-HTTP loopback";
}

// --- point 18: a refusal says it is one ----------------------------------------------------

TEST_F(AccountRightsTest, ARefusedPageSaysWhoMayDoThisInEveryLanguage) {
  Browser member = login("member@a.example");
  const auto& catalog = i18n::Catalog::builtin();
  const std::pair<std::string, std::string> refusal[] = {
      {"nl", "mag dit niet"}, {"fr", "ne permet pas"}, {"en", "may not do this"}};
  for (const auto& [lang, words] : refusal) {
    member.lang = lang;
    for (std::string path : {std::string("/coverage"), "/organisations/" + std::to_string(org_a_) + "/edit",
                             "/users/" + std::to_string(admin_a_)}) {
      auto r = send(member, "GET", path);
      EXPECT_EQ(r.status, 403) << path;
      EXPECT_EQ(r.body.find(catalog.translate(lang, "web.error.bad_request.text")), std::string::npos) << lang << path;
      EXPECT_NE(r.body.find(words), std::string::npos) << lang << " " << path << "\n" << r.body;
      EXPECT_EQ(count(r.body, "<h1"), 1);
      EXPECT_FALSE(has_leaked_key(r.body)) << lang;
    }
  }
}

}  // namespace
}  // namespace tafel
