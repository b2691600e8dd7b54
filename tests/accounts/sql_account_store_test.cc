// The account use cases on the real database, on every engine: what the in-memory
// tests prove must hold on SQLite and PostgreSQL too (atomic replay guards, upserts,
// cascades, append-only security events).

#include <soci/soci.h>

#include <gtest/gtest.h>

#include "app/accounts/account_service.h"
#include "core/access/totp_window.h"
#include "fake_crypto.h"
#include "storage/accounts_store.h"
#include "storage/audit_crypto.h"
#include "storage/secret_sealer.h"
#include "support/test_database.h"

namespace tafel::storage {
namespace {

using namespace std::chrono_literals;
using app::accounts::AccountService;
using Status = app::accounts::LoginOutcome::Status;
using test_support::TestDatabase;

const std::vector<std::uint8_t> kSecret = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};

class SqlAccountStoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
    auto db = TestDatabase::create(GetParam());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    for (const char* name : {"CAW Rivierland", "Politiezone Rivierstad"}) {
      std::string n = name;
      auto r = db_->database().transaction([&](soci::session& s) {
        s << "INSERT INTO organisations (name, sector, secrecy, reporting_duty, mission, finality, languages, "
             "created_at, updated_at) VALUES (:n, 'welfare', 'professional', 0, 'care', 'Hulp', 'nl', 0, 0)",
            soci::use(n);
      });
      ASSERT_TRUE(r) << r.error().message;
    }
    store_ = std::make_unique<SqlAccountStore>(db_->database(), clock_);
    log_ = std::make_unique<SqlSecurityLog>(db_->database());
    service_ = std::make_unique<AccountService>(*store_, *log_, crypto_, clock_);
  }

  access::UserId add(const std::string& email, access::Role role, access::OrganisationId org = 1) {
    access::User u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = "Test";
    u.role = role;
    auto id = service_->provision_user(u, "a long password", kSecret);
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
  }

  std::string code() {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    return crypto_.hotp(kSecret, static_cast<std::uint64_t>(access::totp_step(seconds)));
  }

  app::ManualClock clock_{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<SqlAccountStore> store_;
  std::unique_ptr<SqlSecurityLog> log_;
  std::unique_ptr<AccountService> service_;
};

TEST_P(SqlAccountStoreTest, UsersRoundTripAndEmailsAreUnique) {
  auto id = add("an@caw.be", access::Role::dpo);
  auto found = store_->find_user_by_email("an@caw.be");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, id);
  EXPECT_EQ((*found)->role, access::Role::dpo);
  EXPECT_TRUE((*found)->second_factor_enrolled);
  EXPECT_EQ(store_->create_user(**found, "x").error().code, "duplicate_email");
  auto u = **found;
  u.display_name = "An Peeters";
  u.active = false;
  ASSERT_TRUE(store_->update_user(u));
  EXPECT_EQ((*store_->find_user(id))->display_name, "An Peeters");
  EXPECT_FALSE((*store_->find_user(id))->active);
  EXPECT_EQ(store_->list_users(1)->size(), 1u);
  EXPECT_EQ(store_->list_users(2)->size(), 0u);
  u.id = 999;
  u.email = "other@caw.be";
  EXPECT_EQ(store_->update_user(u).error().code, "not_found");
}

TEST_P(SqlAccountStoreTest, FullLoginWithTotpAndReplayGuard) {
  add("an@caw.be", access::Role::member);
  auto first = service_->login("an@caw.be", "a long password", "192.0.2.1");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->status, Status::second_factor_needed);
  std::string c = code();
  auto second = service_->verify_second_factor(first->session_token, c, "192.0.2.1");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->status, Status::complete);
  auto who = service_->authenticate(second->session_token);
  ASSERT_TRUE(who && *who);
  EXPECT_TRUE((*who)->principal.second_factor_passed);

  auto again = service_->login("an@caw.be", "a long password", "192.0.2.1");
  EXPECT_EQ(service_->verify_second_factor(again->session_token, c, "192.0.2.1")->status, Status::refused);
  EXPECT_FALSE(*store_->claim_totp_step(1, access::totp_step(1'800'000'000)));
}

std::string stored_secret(Database& db, access::UserId id) {
  std::string text;
  long long i = id;
  EXPECT_TRUE(db.with_session(
      [&](soci::session& s) { s << "SELECT totp_secret FROM users WHERE id = :i", soci::into(text), soci::use(i); }));
  return text;
}

TEST_P(SqlAccountStoreTest, TotpSecretsAreStoredSealedAndLegacyOnesAreSealedOnFirstRead) {
  const AuditKey instance = AuditKey::generate();
  store_->seal_secrets_with(SecretSealer(instance.derive_key("totp-secrets")));
  auto id = add("an@caw.be", access::Role::member);
  const std::string hex = core::audit::to_hex(kSecret);

  // What a copy of the database holds is not the secret.
  std::string stored = stored_secret(db_->database(), id);
  EXPECT_TRUE(stored.starts_with(SecretSealer::kPrefix)) << stored;
  EXPECT_EQ(stored.find(hex), std::string::npos);
  // The service still logs in with codes of that secret.
  auto first = service_->login("an@caw.be", "a long password", "192.0.2.1");
  ASSERT_TRUE(first) << first.error().message;
  auto second = service_->verify_second_factor(first->session_token, code(), "192.0.2.1");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->status, Status::complete);

  // A secret written before sealing (plain hex) is read, then sealed in place.
  long long i = id;
  ASSERT_TRUE(db_->database().with_session(
      [&](soci::session& s) { s << "UPDATE users SET totp_secret = :h WHERE id = :i", soci::use(hex), soci::use(i); }));
  auto legacy = store_->totp(id);
  ASSERT_TRUE(legacy) << legacy.error().message;
  EXPECT_EQ(legacy->secret, kSecret);
  EXPECT_TRUE(stored_secret(db_->database(), id).starts_with(SecretSealer::kPrefix));
  EXPECT_EQ(store_->totp(id)->secret, kSecret);

  // Another instance's key never yields a secret (and so never accepts a code).
  SqlAccountStore other(db_->database(), clock_);
  other.seal_secrets_with(SecretSealer(AuditKey::generate().derive_key("totp-secrets")));
  auto refused = other.totp(id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "secret_unreadable");
  SqlAccountStore unsealed(db_->database(), clock_);
  EXPECT_EQ(unsealed.totp(id).error().code, "secret_unreadable");
}

TEST_P(SqlAccountStoreTest, ThrottlingPersistsAndUnlocks) {
  add("an@caw.be", access::Role::member);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(service_->login("an@caw.be", "wrong", "192.0.2.1")->status, Status::refused);
  EXPECT_EQ(service_->login("an@caw.be", "a long password", "192.0.2.1")->status, Status::throttled);
  clock_.advance(15min);
  EXPECT_EQ(service_->login("an@caw.be", "a long password", "192.0.2.1")->status, Status::second_factor_needed);
}

TEST_P(SqlAccountStoreTest, RecoveryCodesSessionsAndTokens) {
  auto id = add("an@caw.be", access::Role::member);
  ASSERT_TRUE(store_->replace_recovery_codes(id, {"d1", "d2"}));
  EXPECT_TRUE(*store_->consume_recovery_code(id, "d1"));
  EXPECT_FALSE(*store_->consume_recovery_code(id, "d1"));
  EXPECT_FALSE(*store_->consume_recovery_code(id, "nope"));
  EXPECT_EQ(*store_->unused_recovery_codes(id), 1);

  app::accounts::Session s{"digest-a", id, 1, 1, false, "csrf"};
  ASSERT_TRUE(store_->create_session(s));
  s.id_digest = "digest-b";
  ASSERT_TRUE(store_->create_session(s));
  ASSERT_TRUE(store_->touch_session("digest-a", 42));
  EXPECT_EQ((*store_->find_session("digest-a"))->last_seen_at, 42);
  ASSERT_TRUE(store_->delete_sessions_of(id, "digest-a"));
  EXPECT_TRUE(*store_->find_session("digest-a"));
  EXPECT_FALSE(*store_->find_session("digest-b"));

  app::accounts::ApiToken t;
  t.user_id = id;
  t.name = "sync";
  t.digest = "tokendigest";
  t.scopes = {"directory:read", "accounts:read"};
  auto tid = store_->create_api_token(t);
  ASSERT_TRUE(tid) << tid.error().message;
  auto found = store_->find_api_token("tokendigest");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->scopes, t.scopes);
  EXPECT_EQ(store_->revoke_api_token(id + 1, *tid).error().code, "not_found");
  ASSERT_TRUE(store_->revoke_api_token(id, *tid));
  EXPECT_TRUE((*store_->find_api_token("tokendigest"))->revoked);
}

// Issue 11, point 5: one call ends sessions, API tokens and the calendar-feed token.
TEST_P(SqlAccountStoreTest, EndingCredentialsEndsSessionsTokensAndTheCalendarFeed) {
  auto id = add("an@caw.be", access::Role::member);
  auto other = add("jan@caw.be", access::Role::member);
  for (auto [user, digest] : {std::pair{id, "a"}, std::pair{id, "b"}, std::pair{other, "c"}}) {
    ASSERT_TRUE(store_->create_session({digest, user, 1, 1, true, "csrf"}));
    app::accounts::ApiToken t;
    t.user_id = user;
    t.name = "sync";
    t.digest = std::string("token-") + digest;
    t.scopes = {"directory:read"};
    ASSERT_TRUE(store_->create_api_token(t));
  }
  auto feeds = [&](access::UserId user) {
    long long n = 0, u = user;
    auto r = db_->database().transaction([&](soci::session& s) {
      s << "SELECT COUNT(*) FROM calendar_feed_tokens WHERE user_id = :u", soci::use(u), soci::into(n);
    });
    EXPECT_TRUE(r) << r.error().message;
    return n;
  };
  for (auto [user, digest] : {std::pair{id, "feed-a"}, std::pair{other, "feed-c"}}) {
    long long u = user;
    std::string d = digest;
    auto r = db_->database().transaction([&](soci::session& s) {
      s << "INSERT INTO calendar_feed_tokens (digest, user_id, organisation_id, created_at) VALUES (:d, :u, 1, 0)",
          soci::use(d), soci::use(u);
    });
    ASSERT_TRUE(r) << r.error().message;
  }

  ASSERT_TRUE(store_->end_credentials_of(id, "a"));
  EXPECT_TRUE(*store_->find_session("a")) << "the session asked to keep";
  EXPECT_FALSE(*store_->find_session("b"));
  EXPECT_TRUE((*store_->find_api_token("token-a"))->revoked);
  EXPECT_TRUE((*store_->find_api_token("token-b"))->revoked);
  EXPECT_EQ(feeds(id), 0);
  // Another user's credentials stay.
  EXPECT_TRUE(*store_->find_session("c"));
  EXPECT_FALSE((*store_->find_api_token("token-c"))->revoked);
  EXPECT_EQ(feeds(other), 1);
}

// ADR 0017: two services on two connections stand for two servers, each with its
// credential cache. Whatever one ends is refused by the other on its next call.
TEST_P(SqlAccountStoreTest, CachedCredentialsEndedOnOneServerAreRefusedOnTheNextCallOnEveryServer) {
  auto other_db = Database::open(db_->url(), 2);
  ASSERT_TRUE(other_db) << other_db.error().message;
  SqlAccountStore other_store(**other_db, clock_);
  SqlSecurityLog other_log(**other_db);
  AccountService other(other_store, other_log, crypto_, clock_);

  auto id = add("an@caw.be", access::Role::member);
  auto first = service_->login("an@caw.be", "a long password", "192.0.2.1");
  ASSERT_TRUE(first) << first.error().message;
  auto second = service_->verify_second_factor(first->session_token, code(), "192.0.2.1");
  ASSERT_TRUE(second && second->status == Status::complete);
  const std::string session = second->session_token;
  auto who = service_->authenticate(session);
  ASSERT_TRUE(who && *who);
  auto token = service_->create_api_token(**who, "script", {"directory:read"}, "192.0.2.1");
  ASSERT_TRUE(token) << token.error().message;
  for (int i = 0; i < 3; ++i) {  // cached on both
    EXPECT_TRUE(*service_->authenticate(session));
    EXPECT_TRUE(*other.authenticate(session));
    EXPECT_TRUE(*service_->authenticate_api_token(token->token));
    EXPECT_TRUE(*other.authenticate_api_token(token->token));
  }

  ASSERT_TRUE(other.revoke_api_token(**who, token->id, "192.0.2.1"));
  EXPECT_FALSE(*service_->authenticate_api_token(token->token));
  EXPECT_FALSE(*other.authenticate_api_token(token->token));
  EXPECT_TRUE(*service_->authenticate(session)) << "revoking a token leaves the session";

  ASSERT_TRUE(other.logout(session, "192.0.2.1"));
  EXPECT_FALSE(*service_->authenticate(session));
  EXPECT_FALSE(*other.authenticate(session));

  // A role change or deactivation written to the store is seen at once, too.
  auto again = service_->login("an@caw.be", "a long password", "192.0.2.1");
  clock_.advance(30s);
  auto done = service_->verify_second_factor(again->session_token, code(), "192.0.2.1");
  ASSERT_TRUE(done && done->status == Status::complete);
  EXPECT_EQ((*other.authenticate(done->session_token))->user.role, access::Role::member);
  auto u = **store_->find_user(id);
  u.role = access::Role::observer;
  ASSERT_TRUE(store_->update_user(u));
  EXPECT_EQ((*other.authenticate(done->session_token))->user.role, access::Role::observer);
  u.active = false;
  ASSERT_TRUE(store_->update_user(u));
  EXPECT_FALSE(*other.authenticate(done->session_token));
  EXPECT_FALSE(*service_->authenticate(done->session_token));
}

// Touching is throttled (one write a minute), the idle timeout still holds.
TEST_P(SqlAccountStoreTest, SessionsAreTouchedAtMostOnceAMinute) {
  add("an@caw.be", access::Role::member);
  auto first = service_->login("an@caw.be", "a long password", "192.0.2.1");
  auto second = service_->verify_second_factor(first->session_token, code(), "192.0.2.1");
  ASSERT_TRUE(second && second->status == Status::complete);
  const std::string digest = crypto_.token_digest(second->session_token);
  const auto created = (*store_->find_session(digest))->last_seen_at;
  clock_.advance(10s);
  EXPECT_TRUE(*service_->authenticate(second->session_token));
  EXPECT_EQ((*store_->find_session(digest))->last_seen_at, created);
  clock_.advance(55s);
  EXPECT_TRUE(*service_->authenticate(second->session_token));
  EXPECT_GT((*store_->find_session(digest))->last_seen_at, created);
  clock_.advance(31min);
  EXPECT_FALSE(*service_->authenticate(second->session_token));
  EXPECT_FALSE(*store_->find_session(digest)) << "a timed-out session is deleted";
}

TEST_P(SqlAccountStoreTest, SecurityEventsAreRecordedPerOrganisationAndAppendOnly) {
  add("an@caw.be", access::Role::member, 1);
  add("jan@politie.be", access::Role::member, 2);
  service_->login("an@caw.be", "wrong", "192.0.2.1");
  service_->login("nobody@caw.be", "wrong", "192.0.2.1");
  auto own = log_->recent(1, 10);
  ASSERT_TRUE(own) << own.error().message;
  ASSERT_EQ(own->size(), 2u);  // user_created and login_failed of An
  EXPECT_EQ((*own)[0].kind, "login_failed");
  EXPECT_EQ((*own)[0].detail, "wrong_password");
  auto all = log_->recent(std::nullopt, 10);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].detail, "unknown_account");
  EXPECT_FALSE((*all)[0].subject);
  auto tamper = db_->database().transaction([](soci::session& s) { s << "DELETE FROM security_events"; });
  EXPECT_FALSE(tamper);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlAccountStoreTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
