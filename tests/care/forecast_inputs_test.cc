// The forecast's inputs read from a service's referrals: inflow per week, mean stay,
// today's list and places taken.
#include <gtest/gtest.h>

#include <vector>

#include "core/care/forecast_inputs.h"

namespace tafel::care {
namespace {

constexpr Timestamp kDay = kMicrosPerDay, kWeek = 7 * kMicrosPerDay;
constexpr Timestamp kFrom = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z
constexpr access::OrganisationId kPolice = 1, kService = 2;

Referral sent(std::int64_t service_id, Timestamp at, ReferralKind kind = ReferralKind::person) {
  NewReferral r;
  r.kind = kind;
  r.referrer_organisation = kPolice;
  r.service_id = service_id;
  r.service_organisation = kService;
  if (kind == ReferralKind::person) {
    r.subject_id = "s";
    r.ground = sharing::Ground::agreement;
  }
  return *open_referral(r, at);
}

void step(Referral& r, ReferralTransition t, Timestamp at) {
  ASSERT_TRUE(apply_transition(r, t, {kService, 9}, at));
}

TEST(ObserveFlowTest, InflowStayListAndPlaces) {
  std::vector<Referral> referrals;
  for (int i = 0; i < 26; ++i) referrals.push_back(sent(7, kFrom + i * kWeek / 2));  // 2 a week for 13 weeks
  referrals.push_back(sent(8, kFrom));                                           // another service
  referrals.push_back(sent(7, kFrom, ReferralKind::advice));                     // advice takes no place
  referrals.push_back(sent(7, kFrom - kDay));                                    // before the window
  // Two stays of 4 and 6 weeks ended in the window; one still in care; two waiting.
  for (int weeks : {4, 6}) {
    Referral& r = referrals[static_cast<std::size_t>(weeks)];
    step(r, ReferralTransition::receive, kFrom + 3 * kWeek);
    step(r, ReferralTransition::invite_to_intake, kFrom + 3 * kWeek);
    step(r, ReferralTransition::accept, kFrom + 3 * kWeek);
    step(r, ReferralTransition::start, kFrom + 3 * kWeek);
    step(r, ReferralTransition::end, kFrom + (3 + weeks) * kWeek);
  }
  step(referrals[0], ReferralTransition::receive, kFrom + kDay);
  step(referrals[0], ReferralTransition::invite_to_intake, kFrom + kDay);
  step(referrals[0], ReferralTransition::accept, kFrom + kDay);
  step(referrals[0], ReferralTransition::start, kFrom + kDay);
  step(referrals[1], ReferralTransition::receive, kFrom + 2 * kWeek);
  step(referrals[1], ReferralTransition::place_on_waiting_list, kFrom + 2 * kWeek);
  step(referrals[2], ReferralTransition::receive, kFrom + 2 * kWeek);
  step(referrals[2], ReferralTransition::invite_to_intake, kFrom + 2 * kWeek);

  auto flow = observe_flow(referrals, 7, kFrom, kFrom + 13 * kWeek);
  ASSERT_TRUE(flow);
  EXPECT_EQ(flow->referrals, 26);
  EXPECT_DOUBLE_EQ(flow->arrivals_per_week, 2.0);
  EXPECT_EQ(flow->stays, 2);
  EXPECT_DOUBLE_EQ(*flow->mean_stay_weeks, 5.0);
  EXPECT_EQ(flow->in_care, 1);
  EXPECT_EQ(flow->waiting, 2);
  EXPECT_EQ(observe_flow(referrals, 7, kFrom, kFrom).error().code, "invalid_input");
  EXPECT_FALSE(observe_flow(referrals, 99, kFrom, kFrom + kWeek)->mean_stay_weeks);
}

}  // namespace
}  // namespace tafel::care
