// The account use cases end to end over the in-memory store: login with password and
// TOTP, enrolment, recovery codes, replay, sessions, throttling and the audit trail.

#include <gtest/gtest.h>

#include <chrono>

#include "app/accounts/account_service.h"
#include "app/accounts/memory_account_store.h"
#include "core/access/base32.h"
#include "core/access/totp_window.h"
#include "fake_crypto.h"

namespace tafel::app::accounts {
namespace {

using namespace std::chrono_literals;
using access::Role;
using Status = LoginOutcome::Status;

const std::string kAddress = "192.0.2.10";
const std::vector<std::uint8_t> kSecret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest() : clock_(Instant{std::chrono::seconds{1'800'000'000}}), service_(store_, log_, crypto_, clock_) {}

  access::UserId add(const std::string& email, Role role, access::OrganisationId org = 1, bool enrolled = true) {
    access::User u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = "Test User";
    u.role = role;
    auto id = service_.provision_user(u, "a long password", enrolled ? kSecret : std::vector<std::uint8_t>{});
    EXPECT_TRUE(id) << id.error().message;
    return *id;
  }

  std::string code_now(std::int64_t offset_steps = 0) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    return crypto_.hotp(kSecret, static_cast<std::uint64_t>(access::totp_step(seconds) + offset_steps));
  }

  std::vector<std::string> kinds() {
    std::vector<std::string> out;
    for (const auto& e : log_.all()) out.push_back(e.kind);
    return out;
  }

  // Logs in fully (password + TOTP) and returns the session token.
  // Each call moves the clock a TOTP step on, since a code is accepted only once.
  std::string full_login(const std::string& email) {
    clock_.advance(30s);
    auto first = service_.login(email, "a long password", kAddress);
    if (!first || first->status != Status::second_factor_needed) {
      ADD_FAILURE() << "password step failed";
      return {};
    }
    auto second = service_.verify_second_factor(first->session_token, code_now(), kAddress);
    if (!second || second->status != Status::complete) {
      ADD_FAILURE() << "second factor failed";
      return {};
    }
    return second->session_token;
  }

  MemoryAccountStore store_;
  MemorySecurityLog log_;
  test_support::FakeCrypto crypto_;
  ManualClock clock_;
  AccountService service_;
};

TEST_F(AccountServiceTest, PasswordThenTotpGivesACompleteRenewedSession) {
  add("an@politie.be", Role::member);
  auto first = service_.login("An@Politie.be", "a long password", kAddress);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, Status::second_factor_needed);
  auto partial = service_.authenticate(first->session_token);
  ASSERT_TRUE(partial && *partial);
  EXPECT_FALSE((*partial)->principal.second_factor_passed);

  auto second = service_.verify_second_factor(first->session_token, code_now(), kAddress);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, Status::complete);
  EXPECT_NE(second->session_token, first->session_token);
  // The pre-second-factor session id no longer works.
  EXPECT_FALSE(*service_.authenticate(first->session_token));
  auto full = service_.authenticate(second->session_token);
  ASSERT_TRUE(full && *full);
  EXPECT_TRUE((*full)->principal.second_factor_passed);
  EXPECT_EQ(kinds(), (std::vector<std::string>{"user_created", "login_succeeded", "second_factor_passed"}));
}

TEST_F(AccountServiceTest, ATotpCodeWorksOnceAndOneStepOff) {
  add("an@politie.be", Role::member);
  auto first = service_.login("an@politie.be", "a long password", kAddress);
  std::string code = code_now(-1);  // the phone is 30 s behind
  auto ok = service_.verify_second_factor(first->session_token, code, kAddress);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, Status::complete);

  auto again = service_.login("an@politie.be", "a long password", kAddress);
  auto replay = service_.verify_second_factor(again->session_token, code, kAddress);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, Status::refused);
  auto two_off = service_.verify_second_factor(again->session_token, code_now(2), kAddress);
  EXPECT_EQ(two_off->status, Status::refused);
}

TEST_F(AccountServiceTest, EnrolmentShowsASecretAndGivesRecoveryCodesThatWorkOnce) {
  add("new@caw.be", Role::member, 1, /*enrolled=*/false);
  auto first = service_.login("new@caw.be", "a long password", kAddress);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, Status::enrolment_needed);
  auto who = service_.authenticate(first->session_token);
  ASSERT_TRUE(who && *who);
  auto enrolment = service_.begin_enrolment(**who);
  ASSERT_TRUE(enrolment);
  EXPECT_NE(enrolment->otpauth_uri.find("otpauth://totp/tafel:new@caw.be?secret=" + enrolment->secret_base32),
            std::string::npos);
  auto secret = access::base32_decode(enrolment->secret_base32);
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->size(), 20u);

  EXPECT_EQ(service_.confirm_enrolment(**who, "000000", kAddress).error().code, "invalid_code");
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  auto done = service_.confirm_enrolment(
      **who, crypto_.hotp(*secret, static_cast<std::uint64_t>(access::totp_step(seconds))), kAddress);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->login.status, Status::complete);
  ASSERT_EQ(done->recovery_codes.size(), 10u);
  EXPECT_EQ(*store_.unused_recovery_codes((*who)->user.id), 10);

  // Lost phone: a recovery code passes the second factor once, in any case/format.
  clock_.advance(1h);
  auto later = service_.login("new@caw.be", "a long password", kAddress);
  EXPECT_EQ(later->status, Status::second_factor_needed);
  std::string code = done->recovery_codes[3];
  for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto used = service_.verify_second_factor(later->session_token, code, kAddress);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->status, Status::complete);
  auto again = service_.login("new@caw.be", "a long password", kAddress);
  EXPECT_EQ(service_.verify_second_factor(again->session_token, done->recovery_codes[3], kAddress)->status,
            Status::refused);
  EXPECT_EQ(*store_.unused_recovery_codes((*who)->user.id), 9);
}

TEST_F(AccountServiceTest, ObserversNeedNoSecondFactor) {
  add("obs@stad.be", Role::observer, 1, false);
  auto r = service_.login("obs@stad.be", "a long password", kAddress);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, Status::complete);
}

TEST_F(AccountServiceTest, UnknownEmailAndWrongPasswordLookTheSame) {
  add("an@politie.be", Role::member);
  std::vector<std::pair<Status, access::Micros>> known, unknown;
  for (int i = 0; i < 8; ++i) {
    auto k = service_.login("an@politie.be", "wrong password", "198.51.100.1");
    auto u = service_.login("nobody@politie.be", "wrong password", "198.51.100.2");
    ASSERT_TRUE(k && u);
    known.emplace_back(k->status, k->retry_at);
    unknown.emplace_back(u->status, u->retry_at);
    EXPECT_TRUE(k->session_token.empty() && u->session_token.empty());
  }
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(known[0].first, Status::refused);
  EXPECT_EQ(known[7].first, Status::throttled);
  // The unknown address cost a password verification too (same timing shape).
  EXPECT_GE(crypto_.verifications, 8);
}

TEST_F(AccountServiceTest, AThousandWrongPasswordsAreThrottledAndTheOwnerGetsBackIn) {
  add("an@politie.be", Role::member);
  int checked = 0, throttled = 0;
  // An attacker trying one password per second from many addresses (the per-account
  // throttle alone must hold).
  for (int i = 0; i < 1000; ++i) {
    int before = crypto_.verifications;
    auto r = service_.login("an@politie.be", "guess " + std::to_string(i), "203.0.113." + std::to_string(i % 250));
    ASSERT_TRUE(r);
    ASSERT_NE(r->status, Status::complete);
    if (r->status == Status::throttled) {
      ++throttled;
      EXPECT_GT(r->retry_at, clock_.now().time_since_epoch().count());
    }
    checked += crypto_.verifications - before;
    clock_.advance(1s);
  }
  // 1,000 s: 5 guesses, a 900 s lock, 5 more guesses at most.
  EXPECT_LE(checked, 10);
  EXPECT_GE(throttled, 990);
  // The owner, during the lock, is told to wait...
  auto during = service_.login("an@politie.be", "a long password", kAddress);
  // ...and after the lockout window logs in.
  clock_.advance(15min);
  auto after = service_.login("an@politie.be", "a long password", kAddress);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, Status::second_factor_needed);
  auto events = kinds();
  EXPECT_GE(std::count(events.begin(), events.end(), "lockout"), 1);
  EXPECT_GE(std::count(events.begin(), events.end(), "login_throttled"), 990);
  (void)during;
}

TEST_F(AccountServiceTest, OneAddressCannotSprayManyAccounts) {
  for (int i = 0; i < 40; ++i) add("user" + std::to_string(i) + "@caw.be", Role::member);
  int refused = 0, throttled = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = service_.login("user" + std::to_string(i) + "@caw.be", "Summer2026!!!", "198.51.100.7");
    (r->status == Status::throttled ? throttled : refused)++;
  }
  EXPECT_EQ(refused, 30);
  EXPECT_EQ(throttled, 10);
}

TEST_F(AccountServiceTest, SessionsTimeOutWhenIdleAndAbsolutely) {
  add("an@politie.be", Role::member);
  std::string token = full_login("an@politie.be");
  clock_.advance(29min);
  EXPECT_TRUE(*service_.authenticate(token));
  clock_.advance(29min);  // touched at 29: still within 30 min idle
  EXPECT_TRUE(*service_.authenticate(token));
  clock_.advance(31min);
  EXPECT_FALSE(*service_.authenticate(token));

  std::string busy = full_login("an@politie.be");
  for (int i = 0; i < 12 * 4; ++i) {
    clock_.advance(15min);
    if (!*service_.authenticate(busy)) {
      EXPECT_GE(i, 12 * 4 - 2);  // ends at the 12-hour mark, not before
      return;
    }
  }
  FAIL() << "a session outlived the absolute timeout";
}

TEST_F(AccountServiceTest, LogoutEndsTheSession) {
  add("an@politie.be", Role::member);
  std::string token = full_login("an@politie.be");
  ASSERT_TRUE(service_.logout(token, kAddress));
  EXPECT_FALSE(*service_.authenticate(token));
  EXPECT_EQ(kinds().back(), "logout");
}

TEST_F(AccountServiceTest, PasswordChangeNeedsTheCurrentOneAndEndsOtherSessions) {
  add("an@politie.be", Role::member);
  std::string other_device = full_login("an@politie.be");
  std::string here = full_login("an@politie.be");
  clock_.advance(1min);
  auto who = **service_.authenticate(here);
  EXPECT_EQ(service_.change_password(who, "wrong", "a new long password", kAddress).error().code, "wrong_password");
  EXPECT_EQ(service_.change_password(who, "a long password", "short", kAddress).error().code, "weak_password");
  ASSERT_TRUE(service_.change_password(who, "a long password", "a new long password", kAddress));
  EXPECT_TRUE(*service_.authenticate(here));
  EXPECT_FALSE(*service_.authenticate(other_device));
  EXPECT_EQ(service_.login("an@politie.be", "a long password", kAddress)->status, Status::refused);
  EXPECT_EQ(service_.login("an@politie.be", "a new long password", kAddress)->status, Status::second_factor_needed);
}

TEST_F(AccountServiceTest, OrganisationAdminsManageOnlyTheirOwnUsers) {
  auto admin_id = add("admin@caw.be", Role::organisation_admin, 1);
  auto foreign_id = add("x@politie.be", Role::member, 2);
  access::Principal admin{admin_id, 1, Role::organisation_admin, true};

  access::User u;
  u.organisation_id = 1;
  u.email = "Nieuw@CAW.be";
  u.display_name = "Nieuwe Collega";
  auto created = service_.create_user(admin, u, kAddress);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ((*store_.find_user(created->id))->email, "nieuw@caw.be");
  EXPECT_EQ(service_.login("nieuw@caw.be", created->initial_password, kAddress)->status, Status::enrolment_needed);
  EXPECT_EQ(service_.create_user(admin, u, kAddress).error().code, "duplicate_email");

  u.organisation_id = 2;
  u.email = "y@politie.be";
  EXPECT_EQ(service_.create_user(admin, u, kAddress).error().code, "forbidden");
  EXPECT_EQ(service_.reset_password(admin, foreign_id, false, kAddress).error().code, "forbidden");
  u.organisation_id = 1;
  u.role = Role::platform_admin;
  EXPECT_EQ(service_.create_user(admin, u, kAddress).error().code, "forbidden");

  // Making a DPO is the platform admin's (issue 11, point 1).
  auto changed = **store_.find_user(created->id);
  changed.role = Role::dpo;
  auto promoted = service_.update_user(admin, changed, kAddress);
  ASSERT_FALSE(promoted.has_value());
  EXPECT_EQ(promoted.error().code, "forbidden");
  u.role = Role::dpo;
  auto dpo = service_.create_user(admin, u, kAddress);
  ASSERT_FALSE(dpo.has_value());
  EXPECT_EQ(dpo.error().code, "forbidden");

  // Reset and role change are recorded.
  auto temp = service_.reset_password(admin, created->id, true, kAddress);
  ASSERT_TRUE(temp);
  EXPECT_EQ(service_.login("nieuw@caw.be", *temp, kAddress)->status, Status::enrolment_needed);
  changed.role = Role::observer;
  ASSERT_TRUE(service_.update_user(admin, changed, kAddress));
  auto events = log_.all();
  auto role_event = std::find_if(events.begin(), events.end(), [](auto& e) { return e.kind == "role_changed"; });
  ASSERT_NE(role_event, events.end());
  EXPECT_EQ(role_event->detail, "member->observer");
  EXPECT_EQ(role_event->actor, admin_id);
  EXPECT_NE(std::find_if(events.begin(), events.end(), [](auto& e) { return e.kind == "password_reset"; }),
            events.end());
  // Admins cannot demote themselves (nor a fellow admin: that is the platform admin's).
  auto self = **store_.find_user(admin_id);
  self.role = Role::member;
  EXPECT_EQ(service_.update_user(admin, self, kAddress).error().code, "forbidden");
  EXPECT_EQ((*store_.find_user(admin_id))->role, Role::organisation_admin);
}

// Issue 11, point 5: whatever ends a user's access ends their API tokens as well.
TEST_F(AccountServiceTest, ResetsPasswordAndRoleChangesRevokeTheApiTokens) {
  auto admin_id = add("admin@caw.be", Role::organisation_admin, 1);
  access::Principal admin{admin_id, 1, Role::organisation_admin, true};
  auto id = add("an@caw.be", Role::member, 1);
  auto token_now = [&] {
    clock_.advance(1min);
    auto who = **service_.authenticate(full_login("an@caw.be"));
    return service_.create_api_token(who, "sync", {"directory:read"}, kAddress)->token;
  };
  auto works = [&](const std::string& t) { return service_.authenticate_api_token(t)->has_value(); };

  std::string t = token_now();
  ASSERT_TRUE(works(t));
  ASSERT_TRUE(service_.reset_password(admin, id, false, kAddress));
  EXPECT_FALSE(works(t)) << "password reset";
  (void)store_.set_password_hash(id, *crypto_.hash_password("a long password"));

  t = token_now();
  auto who = **service_.authenticate(full_login("an@caw.be"));
  ASSERT_TRUE(service_.change_password(who, "a long password", "another long password", kAddress));
  EXPECT_FALSE(works(t)) << "own password change";
  (void)store_.set_password_hash(id, *crypto_.hash_password("a long password"));

  t = token_now();
  auto user = **store_.find_user(id);
  user.role = Role::observer;
  ASSERT_TRUE(service_.update_user(admin, user, kAddress));
  EXPECT_FALSE(works(t)) << "role change";
  auto k = kinds();
  EXPECT_EQ(std::count(k.begin(), k.end(), "credentials_ended"), 3);
}

TEST_F(AccountServiceTest, ApiTokensAreScopedHashedAndRevocable) {
  add("an@politie.be", Role::member);
  auto who = **service_.authenticate(full_login("an@politie.be"));
  EXPECT_EQ(service_.create_api_token(who, "sync", {"everything"}, kAddress).error().code, "invalid_input");
  auto token = service_.create_api_token(who, "sync", {"directory:read"}, kAddress);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->token.rfind("tafel_", 0), 0u);
  auto listed = *service_.list_api_tokens(who);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].digest.find(token->token), std::string::npos);  // never stored in clear
  auto via = service_.authenticate_api_token(token->token);
  ASSERT_TRUE(via && *via);
  EXPECT_EQ((*via)->token->scopes, std::vector<std::string>{"directory:read"});
  ASSERT_TRUE(service_.revoke_api_token(who, token->id, kAddress));
  EXPECT_FALSE(*service_.authenticate_api_token(token->token));
}

TEST_F(AccountServiceTest, CsrfTokensCompareExactly) {
  Session s;
  s.csrf_token = "abcdef";
  EXPECT_TRUE(AccountService::csrf_matches(s, "abcdef"));
  EXPECT_FALSE(AccountService::csrf_matches(s, "abcdeg"));
  EXPECT_FALSE(AccountService::csrf_matches(s, ""));
  EXPECT_FALSE(AccountService::csrf_matches(Session{}, ""));
}

}  // namespace
}  // namespace tafel::app::accounts
