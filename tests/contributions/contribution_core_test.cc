// The pure rules of contributions: which obligations a sender's confirmations meet,
// what a contribution must hold, and that fewer categories may travel, never more.

#include <gtest/gtest.h>

#include "core/contributions/contribution.h"
#include "core/contributions/contribution_policy.h"

namespace tafel::contributions {
namespace {

using sharing::Category;

TEST(ContributionCore, EveryEnforcedObligationNeedsItsOwnConfirmation) {
  std::vector<std::string> required{"minimum_necessary", "professional_judgement", "recipient_reporting_duty",
                                    "record_reasoning", "secrecy_bound", "use_restricted", "dpo_review",
                                    "minimum_necessary", "rule_specific"};
  Confirmations none;
  EXPECT_EQ(unmet(required, none), (std::vector<std::string>{"minimum_necessary", "professional_judgement",
                                                             "recipient_reporting_duty", "record_reasoning"}));
  Confirmations all{sharing::CategorySet{Category::aggregate}, true, true, "Acuut gevaar voor de jongere"};
  EXPECT_TRUE(unmet(required, all).empty());
  Confirmations blank = all;
  blank.reasoning = "  \n ";
  EXPECT_EQ(unmet(required, blank), (std::vector<std::string>{"record_reasoning"}));
}

TEST(ContributionCore, FewerCategoriesMayTravelNeverMore) {
  Contribution c;
  c.situation = 3;
  c.parts = {{Category::aggregate, "Samenscholing"}, {Category::involvement, "Drie jongeren betrokken"}};
  ASSERT_TRUE(check_contribution(c));
  EXPECT_TRUE(check_travelling(c, {sharing::CategorySet{Category::aggregate}}));
  EXPECT_FALSE(check_travelling(c, {sharing::CategorySet{Category::identity}}));
  EXPECT_FALSE(check_travelling(c, {sharing::CategorySet{}}));
  c.parts.push_back({Category::aggregate, "twice"});
  EXPECT_FALSE(check_contribution(c));
  c.parts.pop_back();
  c.case_id = 4;
  EXPECT_FALSE(check_contribution(c));  // a situation or a case, not both
}

TEST(ContributionCore, ObserversNeitherAddNorReadAndOutsidersNothing) {
  access::Principal member{1, 1, access::Role::member, true}, observer{2, 1, access::Role::observer, true},
      dpo{3, 1, access::Role::dpo, true}, admin{4, 0, access::Role::platform_admin, true};
  EXPECT_TRUE(authorise(member, ContributionRight::add_contribution, {true, false}).allowed);
  EXPECT_FALSE(authorise(member, ContributionRight::add_contribution, {false, false}).allowed);
  EXPECT_FALSE(authorise(observer, ContributionRight::add_contribution, {true, false}).allowed);
  EXPECT_FALSE(authorise(observer, ContributionRight::view_contribution, {false, true}).allowed);
  EXPECT_TRUE(authorise(dpo, ContributionRight::view_contribution, {false, true}).allowed);
  EXPECT_FALSE(authorise(dpo, ContributionRight::pass_on_contribution, {false, true}).allowed);
  EXPECT_FALSE(authorise(admin, ContributionRight::add_contribution, {false, false}).allowed);
}

}  // namespace
}  // namespace tafel::contributions
