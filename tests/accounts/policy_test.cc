// The authorisation policy as a table: every action, every role, own organisation
// versus another one, before and after the second factor.

#include <gtest/gtest.h>

#include "app/authorization.h"
#include "core/access/policy.h"
#include "core/access/throttle.h"
#include "core/access/user.h"

namespace tafel::access {
namespace {

constexpr OrganisationId kOwn = 1;
constexpr OrganisationId kOther = 2;

Principal as(Role role) { return Principal{10, kOwn, role, true}; }

bool allowed(Role role, Action action, std::optional<OrganisationId> org, std::optional<Role> target_role = {}) {
  return authorise(as(role), action, Target{org, target_role}).allowed;
}

TEST(Policy, AnonymousMayDoNothing) {
  for (Action a : kAllActions) {
    auto d = authorise(std::nullopt, a, {kOwn, {}});
    EXPECT_FALSE(d.allowed) << name_of(a);
    EXPECT_EQ(d.reason, "not_authenticated");
  }
}

TEST(Policy, WithoutSecondFactorOnlyTheSecondFactorStepIsOpen) {
  for (Role r : kAllRoles) {
    Principal p{10, kOwn, r, false};
    for (Action a : kAllActions) {
      bool expected = a == Action::complete_second_factor ||
                      (!sees_personal_data(r) && authorise(as(r), a, {kOwn, {}}).allowed);
      EXPECT_EQ(authorise(p, a, {kOwn, {}}).allowed, expected) << name_of(r) << " " << name_of(a);
    }
  }
  EXPECT_EQ(authorise(Principal{10, kOwn, Role::member, false}, Action::view_directory, {}).reason,
            "second_factor_required");
}

TEST(Policy, TableOfRolesActionsAndOrganisations) {
  // {action, platform_admin, organisation_admin, member, dpo, observer} on the own
  // organisation; then the same on another organisation.
  struct Row {
    Action action;
    bool own[5];
    bool other[5];
  } rows[] = {
      {Action::manage_own_account, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}},
      {Action::view_directory, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}},
      {Action::create_organisation, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::edit_organisation, {1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::edit_organisation_facts, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::view_users, {1, 1, 0, 1, 0}, {1, 0, 0, 0, 0}},
      {Action::manage_users, {1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::manage_contact_points, {1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::manage_topics, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::manage_areas, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::view_coverage, {1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}},
      {Action::view_security_log, {1, 0, 0, 1, 0}, {1, 0, 0, 0, 0}},
      {Action::use_reference_index, {0, 1, 1, 0, 0}, {0, 0, 0, 0, 0}},
      {Action::view_catalogue, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}},
      {Action::manage_catalogue, {1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}},
  };
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < std::size(kAllRoles); ++i) {
      Role r = kAllRoles[i];
      EXPECT_EQ(allowed(r, row.action, kOwn), row.own[i]) << name_of(r) << " " << name_of(row.action) << " own";
      EXPECT_EQ(allowed(r, row.action, kOther), row.other[i]) << name_of(r) << " " << name_of(row.action) << " other";
    }
  }
}

TEST(Policy, AllOrganisationsViewsAreForPlatformAdminsOnly) {
  EXPECT_TRUE(allowed(Role::platform_admin, Action::view_coverage, std::nullopt));
  EXPECT_FALSE(allowed(Role::organisation_admin, Action::view_coverage, std::nullopt));
  EXPECT_FALSE(allowed(Role::dpo, Action::view_security_log, std::nullopt));
}

TEST(Policy, OnlyPlatformAdminsGrantPlatformAdmin) {
  EXPECT_FALSE(allowed(Role::organisation_admin, Action::manage_users, kOwn, Role::platform_admin));
  EXPECT_EQ(authorise(as(Role::organisation_admin), Action::manage_users, {kOwn, Role::platform_admin}).reason,
            "role_not_grantable");
  EXPECT_TRUE(allowed(Role::organisation_admin, Action::manage_users, kOwn, Role::organisation_admin));
  EXPECT_TRUE(allowed(Role::platform_admin, Action::manage_users, kOther, Role::platform_admin));
}

// Issue 11, point 1: a DPO reads every organisation's audit trail, so an organisation
// admin neither makes nor unmakes one, nor takes over a DPO's or an admin's account.
TEST(Policy, OnlyPlatformAdminsGrantOrRevokeDpoAndResetProtectedAccounts) {
  auto org_admin = [](Target t) { return authorise(as(Role::organisation_admin), Action::manage_users, t); };
  auto platform = [](Target t) { return authorise(as(Role::platform_admin), Action::manage_users, t); };
  // Creating (no current role) or promoting to dpo.
  EXPECT_EQ(org_admin({kOwn, Role::dpo}).reason, "role_not_grantable");
  EXPECT_EQ(org_admin({kOwn, Role::dpo, Role::member}).reason, "role_not_grantable");
  // Demoting a DPO or a platform admin.
  EXPECT_EQ(org_admin({kOwn, Role::member, Role::dpo}).reason, "role_not_grantable");
  EXPECT_EQ(org_admin({kOwn, Role::member, Role::platform_admin}).reason, "role_not_grantable");
  // Deactivating or reactivating a DPO.
  EXPECT_EQ(org_admin({kOwn, Role::dpo, Role::dpo, UserChange::activation}).reason, "protected_account");
  // Resetting the password or second factor of a DPO or an admin.
  for (Role r : {Role::dpo, Role::organisation_admin, Role::platform_admin}) {
    EXPECT_EQ(org_admin({kOwn, r, r, UserChange::credentials}).reason, "protected_account") << name_of(r);
    EXPECT_TRUE(platform({kOther, r, r, UserChange::credentials}).allowed) << name_of(r);
  }
  // What stays the organisation admin's: details of a DPO, members and observers.
  EXPECT_TRUE(org_admin({kOwn, Role::dpo, Role::dpo}).allowed);
  EXPECT_TRUE(org_admin({kOwn, Role::observer, Role::member, UserChange::activation}).allowed);
  EXPECT_TRUE(org_admin({kOwn, Role::member, Role::member, UserChange::credentials}).allowed);
  EXPECT_TRUE(org_admin({kOwn, Role::organisation_admin, Role::member}).allowed);
  // A fellow admin: demoting them (and so opening their credentials to a reset, found
  // in review) or deactivating them is the platform admin's.
  EXPECT_EQ(org_admin({kOwn, Role::member, Role::organisation_admin}).reason, "protected_account");
  EXPECT_EQ(org_admin({kOwn, Role::organisation_admin, Role::organisation_admin, UserChange::activation}).reason,
            "protected_account");
  EXPECT_TRUE(platform({kOwn, Role::member, Role::organisation_admin}).allowed);
  // A platform admin does all of it.
  EXPECT_TRUE(platform({kOwn, Role::dpo}).allowed);
  EXPECT_TRUE(platform({kOwn, Role::member, Role::dpo, UserChange::activation}).allowed);
}

TEST(Authorize, MapsRefusalsToErrorCodes) {
  EXPECT_EQ(app::authorize(std::nullopt, Action::view_directory).error().code, "not_authenticated");
  EXPECT_EQ(app::authorize(Principal{1, kOwn, Role::member, false}, Action::view_directory).error().code,
            "second_factor_required");
  auto other = app::authorize(as(Role::organisation_admin), Action::manage_users, {kOther, Role::member});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "forbidden");
  EXPECT_EQ(other.error().message, "other_organisation");
  EXPECT_TRUE(app::authorize(as(Role::member), Action::view_directory));
}

TEST(Throttle, LocksAfterMaxFailuresAndUnlocksByItself) {
  ThrottlePolicy p{3, 1000, 5000};
  ThrottleState s;
  s = after_failure(s, p, 100);
  s = after_failure(s, p, 200);
  EXPECT_FALSE(locked_until(s, 200));
  s = after_failure(s, p, 300);
  ASSERT_TRUE(locked_until(s, 300));
  EXPECT_EQ(*locked_until(s, 300), 5300);
  EXPECT_TRUE(locked_until(s, 5299));
  EXPECT_FALSE(locked_until(s, 5300));
  // After the lock, full attempts again.
  s = after_failure(s, p, 5400);
  s = after_failure(s, p, 5500);
  EXPECT_FALSE(locked_until(s, 5500));
}

TEST(Throttle, FailuresOutsideTheWindowAreForgotten) {
  ThrottlePolicy p{3, 1000, 5000};
  ThrottleState s;
  s = after_failure(s, p, 0);
  s = after_failure(s, p, 500);
  s = after_failure(s, p, 1600);  // the window of 0 has passed: this is failure 1 again
  EXPECT_FALSE(locked_until(s, 1600));
  EXPECT_EQ(s.failures, 1);
  EXPECT_EQ(after_success(), ThrottleState{});
}

TEST(Email, IsNormalisedAndChecked) {
  EXPECT_EQ(normalise_email("  An.Peeters@Politie.BE ").value(), "an.peeters@politie.be");
  for (const char* bad : {"", "an", "an@", "@politie.be", "an@@politie.be", "an@politie", "an peeters@politie.be",
                          "an@politie.be.", "an@.be"}) {
    EXPECT_FALSE(normalise_email(bad)) << bad;
  }
}

TEST(Password, NeedsTwelveCharacters) {
  EXPECT_FALSE(check_new_password("short"));
  EXPECT_FALSE(check_new_password("            "));
  EXPECT_TRUE(check_new_password("twelve chars"));
  EXPECT_TRUE(check_new_password("ééééééééééé1"));  // 12 characters, 23 bytes
  EXPECT_FALSE(check_new_password("éééééééééé1"));  // 11 characters, 21 bytes
}

}  // namespace
}  // namespace tafel::access
