// Situations in core: the SARA stages and what each asks for, the checks of a
// situation, and who may do what (core/situations/situation_policy.h).

#include <gtest/gtest.h>

#include "core/situations/situation.h"
#include "core/situations/situation_policy.h"

namespace tafel::situations {
namespace {

Situation sample() {
  Situation s;
  s.title = "Jongeren aan het stationsplein";
  s.owner = 1;
  s.participants = {2};
  return s;
}

TEST(SituationStages, EachStageAsksForItsFieldsBeforeTheNext) {
  Situation s = sample();
  EXPECT_EQ(missing_for_next(s), (std::vector<std::string>{"behaviour", "place"}));
  s.behaviour = "Samenscholing in de vroege avond";
  s.address = "Stationsplein";
  EXPECT_TRUE(missing_for_next(s).empty());
  s.stage = Stage::analysis;
  EXPECT_EQ(missing_for_next(s), (std::vector<std::string>{"triangle.offender", "triangle.target", "triangle.place"}));
  s.triangle = {"groep jongeren", "reizigers", "stationshal", "", "", ""};
  EXPECT_TRUE(missing_for_next(s).empty());
  s.stage = Stage::response;
  EXPECT_EQ(missing_for_next(s), std::vector<std::string>{"action_plan"});
  s.actions.push_back({1, "Straathoekwerk gaat langs", 2, 0, "2026-04-01", ActionStatus::open});
  EXPECT_TRUE(missing_for_next(s).empty());
  s.stage = Stage::assessment;
  EXPECT_EQ(missing_for_next(s), std::vector<std::string>{"last_stage"});
  EXPECT_EQ(next_stage(Stage::response), Stage::assessment);
  EXPECT_EQ(next_stage(Stage::assessment), std::nullopt);
  EXPECT_EQ(parse_stage("analysis"), Stage::analysis);
  EXPECT_EQ(stage_fields(Stage::analysis), std::vector<std::string_view>{"triangle"});
}

TEST(SituationCheck, RefusesBadCoordinatesDatesAndOwners) {
  Situation s = sample();
  EXPECT_TRUE(check_situation(s));
  s.latitude = 51.32;
  EXPECT_FALSE(check_situation(s));  // latitude without longitude
  s.longitude = 4.94;
  EXPECT_TRUE(check_situation(s));
  s.latitude = 91;
  EXPECT_FALSE(check_situation(s));
  s.latitude = 51.32;
  s.longitude = -181;
  EXPECT_FALSE(check_situation(s));
  s.longitude = 4.94;
  s.actions.push_back({1, "Bellen", 3, 0, "2026-04-01", ActionStatus::open});
  EXPECT_FALSE(check_situation(s));  // organisation 3 does not take part
  s.actions.back().owner_organisation = 2;
  s.actions.back().due = "2026-02-30";
  EXPECT_FALSE(check_situation(s));
  s.actions.back().due = "2028-02-29";
  EXPECT_TRUE(check_situation(s));
  s.goals = {{1, "Rust"}, {1, "Veiligheid"}};
  EXPECT_FALSE(check_situation(s));  // one goal per organisation
  s.goals = {{1, "Rust"}, {2, "Contact met de groep"}};
  EXPECT_TRUE(check_situation(s));
  s.title = " ";
  EXPECT_FALSE(check_situation(s));
}

TEST(SituationPolicy, InvolvedOrganisationsEditObserversAndDpoRead) {
  auto p = [](access::Role role) { return std::optional<access::Principal>(access::Principal{1, 1, role, true}); };
  SituationStanding in{true}, out{false};
  using R = access::Role;
  using SR = SituationRight;
  EXPECT_FALSE(authorise(std::nullopt, SR::view_situation, in).allowed);
  for (R role : {R::member, R::organisation_admin, R::observer, R::dpo}) {
    EXPECT_TRUE(authorise(p(role), SR::view_situation, in).allowed);
    EXPECT_FALSE(authorise(p(role), SR::view_situation, out).allowed);
  }
  EXPECT_TRUE(authorise(p(R::platform_admin), SR::view_situation, out).allowed);
  EXPECT_TRUE(authorise(p(R::member), SR::edit_situation, in).allowed);
  EXPECT_TRUE(authorise(p(R::organisation_admin), SR::edit_situation, in).allowed);
  EXPECT_FALSE(authorise(p(R::observer), SR::edit_situation, in).allowed);
  EXPECT_FALSE(authorise(p(R::dpo), SR::edit_situation, in).allowed);
  EXPECT_FALSE(authorise(p(R::member), SR::edit_situation, out).allowed);
  EXPECT_TRUE(authorise(p(R::member), SR::create_situation, {}).allowed);
  EXPECT_FALSE(authorise(p(R::observer), SR::create_situation, {}).allowed);
  EXPECT_FALSE(authorise(p(R::dpo), SR::create_situation, {}).allowed);
  auto no_second_factor = std::optional<access::Principal>(access::Principal{1, 1, R::member, false});
  EXPECT_EQ(authorise(no_second_factor, SR::view_situation, in).reason, "second_factor_required");
}

}  // namespace
}  // namespace tafel::situations
