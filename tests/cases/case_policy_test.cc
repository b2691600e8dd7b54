// The case policy (core/cases/case_policy.h): who sees a case, who sees its identity,
// and the care and safety tracks kept apart.
#include <gtest/gtest.h>

#include "core/cases/case_policy.h"

namespace tafel::cases {
namespace {

using access::Principal;
using access::Role;

Case a_case() {
  Case c;
  c.id = 12;
  c.table_id = 1;
  c.tracks = normalised({{3, Track::care}, {4, Track::safety}, {5, Track::care}, {5, Track::safety}});
  return c;
}

bool may(Role role, CaseRight right, CaseStanding s) {
  return authorise(Principal{7, 3, role, true}, right, s).allowed;
}

TEST(CasePolicy, DelegatesOnATrackSeeTheCaseAndItsIdentityWhileCasesAreOpen) {
  CaseStanding on{true, true, true, true};
  EXPECT_TRUE(may(Role::member, CaseRight::view_case, on));
  EXPECT_TRUE(may(Role::member, CaseRight::view_identity, on));
  EXPECT_TRUE(may(Role::organisation_admin, CaseRight::edit_identity, on));
  CaseStanding approval_lapsed{true, true, false, true};
  EXPECT_TRUE(may(Role::member, CaseRight::view_case, approval_lapsed));
  EXPECT_FALSE(may(Role::member, CaseRight::view_identity, approval_lapsed));
  CaseStanding closed{true, true, true, false};
  EXPECT_FALSE(may(Role::member, CaseRight::view_identity, closed));
}

TEST(CasePolicy, OffTrackOrNotADelegateSeesNothing) {
  EXPECT_FALSE(may(Role::member, CaseRight::view_case, {true, false, true, true}));
  EXPECT_FALSE(may(Role::member, CaseRight::view_case, {false, true, true, true}));
  EXPECT_FALSE(may(Role::member, CaseRight::view_identity, {false, true, true, true}));
}

TEST(CasePolicy, ObserversSeeNothingDpoReadsTheSummaryPlatformAdminManages) {
  CaseStanding on{true, true, true, true};
  for (auto right : {CaseRight::open_case, CaseRight::view_case, CaseRight::view_identity, CaseRight::manage_case}) {
    EXPECT_FALSE(may(Role::observer, right, on)) << name_of(right);
  }
  EXPECT_TRUE(may(Role::dpo, CaseRight::view_case, {false, true, true, true}));
  EXPECT_FALSE(may(Role::dpo, CaseRight::view_identity, on));
  EXPECT_TRUE(may(Role::platform_admin, CaseRight::view_case, {}));
  EXPECT_TRUE(may(Role::platform_admin, CaseRight::manage_case, {}));
  EXPECT_FALSE(may(Role::platform_admin, CaseRight::view_identity, on));
  EXPECT_FALSE(may(Role::platform_admin, CaseRight::edit_identity, on));
}

TEST(CasePolicy, SecondFactorFirstAndOpeningNeedsADelegateAtAnOpenTable) {
  EXPECT_FALSE(authorise(Principal{7, 3, Role::member, false}, CaseRight::view_case, {true, true, true, true}).allowed);
  EXPECT_FALSE(authorise(std::nullopt, CaseRight::view_case, {true, true, true, true}).allowed);
  EXPECT_TRUE(may(Role::member, CaseRight::open_case, {true, false, true, true}));
  EXPECT_FALSE(may(Role::member, CaseRight::open_case, {true, false, false, true}));
  EXPECT_FALSE(may(Role::member, CaseRight::open_case, {false, false, true, true}));
}

TEST(CasePolicy, CareAndSafetyTracksAreKeptApart) {
  Case c = a_case();
  EXPECT_TRUE(may_see_track(3, c, Track::care));
  EXPECT_FALSE(may_see_track(3, c, Track::safety));  // care only: no safety content
  EXPECT_TRUE(may_see_track(4, c, Track::safety));
  EXPECT_FALSE(may_see_track(4, c, Track::care));    // safety only: no care content
  EXPECT_TRUE(may_see_track(5, c, Track::care));
  EXPECT_TRUE(may_see_track(5, c, Track::safety));
  EXPECT_FALSE(may_see_track(6, c, Track::care));
}

}  // namespace
}  // namespace tafel::cases
