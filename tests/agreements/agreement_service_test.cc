// The agreement use cases over in-memory stores: who may draft, edit and sign, the
// fresh second factor at signing, lint errors that block signing, lost updates,
// and the audit entries every change leaves.

#include <gtest/gtest.h>

#include "accounts/fake_crypto.h"
#include "app/accounts/account_service.h"
#include "app/accounts/memory_account_store.h"
#include "app/agreements/agreement_service.h"
#include "app/agreements/memory_agreement_store.h"
#include "core/access/totp_window.h"
#include "fixtures.h"
#include "storage/audit_crypto.h"

namespace tafel::app::agreements {
namespace {

using namespace std::chrono_literals;
using access::Role;
using test_support::police_municipality;

const std::vector<std::uint8_t> kSecret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
const audit::Origin kOrigin{"req-1", "192.0.2.7"};

class AgreementServiceTest : public ::testing::Test {
 protected:
  AgreementServiceTest()
      : clock_(Instant{std::chrono::seconds{1'800'000'000}}),
        accounts_(account_store_, security_log_, crypto_, clock_),
        service_(store_, directory_, accounts_, audit_, clock_, storage::audit_sha256) {
    test_support::seed_directory(directory_);
  }

  // A signed-in user with TOTP enrolled.
  accounts::Authenticated user(Role role, access::OrganisationId org) {
    access::User u;
    u.organisation_id = org;
    u.email = "user" + std::to_string(++users_) + "@example.be";
    u.display_name = "User";
    u.role = role;
    auto id = accounts_.provision_user(u, "a long password", kSecret);
    EXPECT_TRUE(id);
    u.id = *id;
    u.second_factor_enrolled = true;
    accounts::Authenticated a;
    a.user = u;
    a.principal = access::Principal{u.id, org, role, true};
    return a;
  }

  // The code of the next TOTP step: each signature moves the clock on, since a code
  // is accepted once per account.
  std::string fresh_code() {
    clock_.advance(30s);
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    return crypto_.hotp(kSecret, static_cast<std::uint64_t>(access::totp_step(seconds)));
  }

  std::vector<core::audit::Action> audited() {
    std::vector<core::audit::Action> out;
    for (const auto& e : audit_.entries()) out.push_back(e.action);
    return out;
  }

  accounts::MemoryAccountStore account_store_;
  accounts::MemorySecurityLog security_log_;
  test_support::FakeCrypto crypto_;
  ManualClock clock_;
  accounts::AccountService accounts_;
  test_support::OrganisationsOnly directory_;
  MemoryAgreementStore store_;
  audit::MemoryAuditTrail audit_;
  AgreementService service_;
  int users_ = 0;
};

TEST_F(AgreementServiceTest, OnlyAnAdminOfAPartyDraftsAndEdits) {
  auto police_admin = user(Role::organisation_admin, 1);
  auto caw_admin = user(Role::organisation_admin, 2);
  auto police_member = user(Role::member, 1);
  EXPECT_EQ(service_.create(police_member.principal, police_municipality(), kOrigin).error().code, "forbidden");
  EXPECT_EQ(service_.create(caw_admin.principal, police_municipality(), kOrigin).error().message, "not_party");
  auto id = service_.create(police_admin.principal, police_municipality(), kOrigin);
  ASSERT_TRUE(id) << id.error().message;

  auto edited = police_municipality();
  edited.title = "Nieuwe titel";
  EXPECT_EQ(service_.edit(caw_admin.principal, *id, edited, kOrigin).error().code, "forbidden");
  ASSERT_TRUE(service_.edit(police_admin.principal, *id, edited, kOrigin));
  EXPECT_EQ(service_.get(police_member.principal, *id)->latest().document.title, "Nieuwe titel");

  auto unknown = police_municipality();
  unknown.parties[1].organisation = "42";
  EXPECT_EQ(service_.edit(police_admin.principal, *id, unknown, kOrigin).error().code, "invalid_input");
  EXPECT_EQ(audited(), (std::vector{core::audit::Action::create, core::audit::Action::update}));
}

TEST_F(AgreementServiceTest, SigningNeedsAFreshCodeAndEveryPartyPutsItInForce) {
  auto police_admin = user(Role::organisation_admin, 1);
  auto city_admin = user(Role::organisation_admin, 3);
  auto city_member = user(Role::member, 3);
  auto id = service_.create(police_admin.principal, police_municipality(), kOrigin);
  ASSERT_TRUE(id);
  std::string hash = service_.get(police_admin.principal, *id)->latest().hash;

  EXPECT_EQ(service_.sign(city_member, *id, hash, fresh_code(), kOrigin).error().code, "forbidden");
  EXPECT_EQ(service_.sign(city_admin, *id, hash, "000000", kOrigin).error().code, "invalid_code");
  std::string code = fresh_code();
  auto first = service_.sign(police_admin, *id, hash, code, kOrigin);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_FALSE(*first);
  // The same code cannot sign twice (another agreement, another moment).
  EXPECT_EQ(service_.sign(police_admin, *id, hash, code, kOrigin).error().code, "invalid_code");
  EXPECT_EQ(service_.sign(city_admin, *id, "f00d", fresh_code(), kOrigin).error().code, "stale_version");
  auto second = service_.sign(city_admin, *id, hash, fresh_code(), kOrigin);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(*second);
  EXPECT_EQ(service_.get(city_member.principal, *id)->latest().status, agreement::VersionStatus::in_force);

  auto entries = audit_.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].action, core::audit::Action::agreement_signature);
  EXPECT_EQ(entries[1].organisation, "1");
  EXPECT_EQ(entries[1].object_id, std::to_string(*id) + "/1");
  EXPECT_EQ(entries[2].organisation, "3");
  EXPECT_EQ(entries[2].source, "pseudonym(192.0.2.7)");
}

TEST_F(AgreementServiceTest, AVersionWithLintErrorsCannotBeSigned) {
  auto police_admin = user(Role::organisation_admin, 1);
  auto d = police_municipality();
  d.rules[0].categories.add(sharing::Category::judicial);  // no legal reference
  auto id = service_.create(police_admin.principal, d, kOrigin);
  ASSERT_TRUE(id);
  std::string hash = service_.get(police_admin.principal, *id)->latest().hash;
  EXPECT_EQ(service_.sign(police_admin, *id, hash, fresh_code(), kOrigin).error().code, "lint_errors");
}

TEST_F(AgreementServiceTest, SuspendResumeAndEndAreForPartiesAndAudited) {
  auto police_admin = user(Role::organisation_admin, 1);
  auto city_admin = user(Role::organisation_admin, 3);
  auto caw_admin = user(Role::organisation_admin, 2);
  auto id = service_.create(police_admin.principal, police_municipality(), kOrigin);
  std::string hash = service_.get(police_admin.principal, *id)->latest().hash;
  ASSERT_TRUE(service_.sign(police_admin, *id, hash, fresh_code(), kOrigin));
  ASSERT_TRUE(service_.sign(city_admin, *id, hash, fresh_code(), kOrigin));
  EXPECT_EQ(service_.suspend(caw_admin.principal, *id, kOrigin).error().code, "forbidden");
  ASSERT_TRUE(service_.suspend(city_admin.principal, *id, kOrigin));
  // Only the party that suspended lifts its suspension (issue 11, point 6).
  EXPECT_EQ(service_.resume(police_admin.principal, *id, kOrigin).error().message, "not_suspending_party");
  ASSERT_TRUE(service_.resume(city_admin.principal, *id, kOrigin));
  ASSERT_TRUE(service_.new_version(police_admin.principal, *id, kOrigin));
  ASSERT_TRUE(service_.end(police_admin.principal, *id, kOrigin));
  auto a = service_.get(police_admin.principal, *id);
  EXPECT_EQ(a->versions().size(), 2u);
  EXPECT_EQ(a->version(1)->status, agreement::VersionStatus::ended);
  EXPECT_EQ(audit_.entries().size(), 7u);
}

// Found in review: an organisation that a party adds to a new draft has signed nothing;
// it does not suspend or end the version in force.
TEST_F(AgreementServiceTest, AnOrganisationNamedOnlyInADraftDoesNotSuspendOrEndTheVersionInForce) {
  auto police_admin = user(Role::organisation_admin, 1);
  auto city_admin = user(Role::organisation_admin, 3);
  auto caw_admin = user(Role::organisation_admin, 2);
  auto id = service_.create(police_admin.principal, police_municipality(), kOrigin);
  std::string hash = service_.get(police_admin.principal, *id)->latest().hash;
  ASSERT_TRUE(service_.sign(police_admin, *id, hash, fresh_code(), kOrigin));
  ASSERT_TRUE(service_.sign(city_admin, *id, hash, fresh_code(), kOrigin));
  ASSERT_TRUE(service_.new_version(police_admin.principal, *id, kOrigin));
  auto d = service_.get(police_admin.principal, *id)->latest().document;
  auto caw = d.parties.back();
  caw.organisation = "2";
  d.parties.push_back(caw);
  ASSERT_TRUE(service_.edit(police_admin.principal, *id, d, kOrigin));
  EXPECT_EQ(service_.suspend(caw_admin.principal, *id, kOrigin).error().message, "not_party");
  EXPECT_EQ(service_.end(caw_admin.principal, *id, kOrigin).error().message, "not_party");
  EXPECT_EQ(service_.get(police_admin.principal, *id)->version(1)->status, agreement::VersionStatus::in_force);
  EXPECT_TRUE(service_.suspend(city_admin.principal, *id, kOrigin));
}

TEST_F(AgreementServiceTest, AConcurrentChangeIsRefusedNotLost) {
  auto police_admin = user(Role::organisation_admin, 1);
  auto id = service_.create(police_admin.principal, police_municipality(), kOrigin);
  auto stale = *store_.find(*id);
  auto edited = police_municipality();
  edited.title = "Eerst";
  ASSERT_TRUE(service_.edit(police_admin.principal, *id, edited, kOrigin));
  std::int64_t revision = stale->revision();
  edited.title = "Tweede, op een oude lezing";
  ASSERT_TRUE(stale->edit(edited, storage::audit_sha256));
  EXPECT_EQ(store_.save(*stale, revision).error().code, "conflict");
  EXPECT_EQ(service_.get(police_admin.principal, *id)->latest().document.title, "Eerst");
}

}  // namespace
}  // namespace tafel::app::agreements
