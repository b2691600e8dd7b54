#pragma once
// A fresh SQLite database behind the router `tafel serve` builds (cli::build_router),
// two organisations with an admin and a member each and a platform admin, and a
// browser that logs in and sends forms or JSON: shared by the page and rights tests.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <string>

#include "accounts/fake_crypto.h"
#include "cli/runtime.h"
#include "core/access/base32.h"
#include "core/access/totp_window.h"
#include "http/router.h"
#include "support/test_database.h"

namespace tafel::web_test {

using access::Role;

inline constexpr const char* kPassword = "a long password";

inline std::string form_escape(std::string_view text) {
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

inline int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

// The text between `before` and the next '<' (or `stop`), or "" when `before` is absent.
inline std::string text_after(const std::string& html, const std::string& before, char stop = '<') {
  auto start = html.find(before);
  if (start == std::string::npos) return {};
  start += before.size();
  return html.substr(start, html.find(stop, start) - start);
}

inline std::string secret_on(const std::string& html) {
  std::string typed = text_after(html, R"(id="totp-secret">)");
  typed.erase(std::remove(typed.begin(), typed.end(), ' '), typed.end());
  return typed;
}

// True if `html` shows a catalog key such as "directory.search.title" instead of text.
inline bool has_leaked_key(const std::string& html) {
  auto word = [&](std::size_t& i) {
    std::size_t begin = i;
    while (i < html.size() && ((html[i] >= 'a' && html[i] <= 'z') || html[i] == '_')) ++i;
    return i > begin;
  };
  for (std::string prefix : {"accounts.", "directory."}) {
    for (auto pos = html.find(prefix); pos != std::string::npos; pos = html.find(prefix, pos + 1)) {
      std::size_t i = pos + prefix.size();
      if (word(i) && i < html.size() && html[i] == '.' && (++i, word(i))) return true;
    }
  }
  return false;
}

// A browser: a session cookie and its CSRF token.
struct Browser {
  std::string cookie;
  std::string csrf;
  std::string lang = "en";
};

class PagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = test_support::TestDatabase::create(storage::Engine::sqlite);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    cli::Runtime::Options options;
    options.clock = &clock_;
    options.crypto = &crypto_;
    options.cases = &cases_;
    options.audit_key_path = (std::filesystem::temp_directory_path() /
                              ("tafel-account-pages-" + std::to_string(::getpid()) + ".key"))
                                 .string();
    auto runtime = cli::Runtime::create(db_->shared_database(), options);
    ASSERT_TRUE(runtime.has_value()) << runtime.error().message;
    runtime_ = std::move(*runtime);
    cli::build_router(router_, *runtime_, web::Options{});

    access::Principal root{0, 0, Role::platform_admin, true};
    auto& directory = runtime_->directory();
    area_ = *directory.create_area(root, {0, directory::AreaKind::municipality, "Rivierstad", std::nullopt});
    topic_ = directory.topics(root)->front().id;
    auto org = [&](const char* name, sharing::Secrecy secrecy) {
      directory::Organisation o;
      o.name = name;
      o.secrecy = secrecy;
      o.finality = "Wat we doen.";
      o.languages = {"nl", "fr"};
      o.areas = {area_};
      return *directory.create_organisation(root, o);
    };
    org_a_ = org("Welzijnshuis", sharing::Secrecy::professional);
    org_b_ = org("Politiezone Rivier", sharing::Secrecy::discretion);
    admin_a_ = provision("admin@a.example", org_a_, Role::organisation_admin, true);
    member_a_ = provision("member@a.example", org_a_, Role::member, true);
    admin_b_ = provision("admin@b.example", org_b_, Role::organisation_admin, true);
    member_b_ = provision("member@b.example", org_b_, Role::member, true);
    dpo_a_ = provision("dpo@a.example", org_a_, Role::dpo, true);
    platform_ = provision("platform@b.example", org_b_, Role::platform_admin, true);
  }

  access::UserId provision(const std::string& email, access::OrganisationId org, Role role, bool enrolled) {
    access::User u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = email.substr(0, email.find('@')) + " " + std::to_string(org);
    u.role = role;
    return *runtime_->accounts().provision_user(u, kPassword, enrolled ? secret_ : std::vector<std::uint8_t>{});
  }

  std::string code_now(const std::vector<std::uint8_t>& secret) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    return crypto_.hotp(secret, static_cast<std::uint64_t>(access::totp_step(seconds)));
  }

  // Logs in with password and, when enrolled, the TOTP code of this moment.
  Browser login(const std::string& email, const std::string& password = kPassword) {
    clock_.advance(std::chrono::seconds(30));
    auto& accounts = runtime_->accounts();
    auto first = accounts.login(email, password, "192.0.2.1");
    EXPECT_TRUE(first && !first->session_token.empty()) << email;
    if (!first || first->session_token.empty()) return {};
    Browser b{first->session_token, first->csrf_token};
    if (first->status == app::accounts::LoginOutcome::Status::second_factor_needed) {
      auto second = accounts.verify_second_factor(b.cookie, code_now(secret_), "192.0.2.1");
      EXPECT_TRUE(second && second->status == app::accounts::LoginOutcome::Status::complete);
      b = {second->session_token, second->csrf_token};
    }
    return b;
  }

  http::Response send(const Browser& b, std::string method, std::string target, std::string body = {},
                      bool with_csrf = true) {
    http::Request request;
    request.method = std::move(method);
    request.target = target;
    auto q = target.find('?');
    request.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string query = target.substr(q + 1);
      std::size_t start = 0;
      while (start < query.size()) {
        auto amp = query.find('&', start);
        std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        auto eq = pair.find('=');
        request.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
        start = amp == std::string::npos ? query.size() : amp + 1;
      }
    }
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("accept", "text/html");
    request.headers.emplace_back("cookie", "lang=" + b.lang + (b.cookie.empty() ? "" : "; tafel_session=" + b.cookie));
    if (!request.method.empty() && request.method != "GET" && with_csrf) {
      body = "csrf_token=" + form_escape(b.csrf) + (body.empty() ? "" : "&" + body);
    }
    request.body = std::move(body);
    return router_.dispatch(request);
  }

  // A JSON API request: with the browser's session cookie and CSRF header, or, when
  // `bearer` is set, with "Authorization: Bearer <bearer>" only.
  http::Response send_json(const Browser& b, std::string method, std::string path, std::string body = {},
                           std::string bearer = {}) {
    http::Request request;
    request.method = std::move(method);
    request.target = request.path = std::move(path);
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("accept", "application/json");
    request.headers.emplace_back("content-type", "application/json");
    if (!bearer.empty()) {
      request.headers.emplace_back("authorization", "Bearer " + bearer);
    } else if (!b.cookie.empty()) {
      request.headers.emplace_back("cookie", "tafel_session=" + b.cookie);
      request.headers.emplace_back("x-csrf-token", b.csrf);
    }
    request.body = std::move(body);
    return router_.dispatch(request);
  }

  app::ManualClock clock_{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto_;
  app::cases::MemoryCaseDirectory cases_;  // the cases consents read (tests put their own)
  std::unique_ptr<test_support::TestDatabase> db_;
  std::shared_ptr<cli::Runtime> runtime_;
  http::Router router_;
  std::vector<std::uint8_t> secret_ = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  directory::AreaId area_ = 0;
  directory::TopicId topic_ = 0;
  directory::OrganisationId org_a_ = 0, org_b_ = 0;
  access::UserId admin_a_ = 0, member_a_ = 0, admin_b_ = 0, member_b_ = 0, dpo_a_ = 0, platform_ = 0;
};

}  // namespace tafel::web_test
