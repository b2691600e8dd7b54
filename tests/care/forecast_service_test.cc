// The service's question: the wait expected at a horizon from today's waiting list,
// and with two places more.
#include <gtest/gtest.h>

#include "core/care/forecast.h"

namespace tafel::care {
namespace {

ServiceForecastInput overloaded_service() {
  ServiceForecastInput input;
  input.arrivals_per_week = 3;  // 3 referrals a week
  input.places = 10;
  input.mean_stay_weeks = 4;    // 10 places / 4 weeks = 2.5 people a week leave
  input.waiting_now = 20;
  input.horizon_weeks = 13;
  input.extra_places = 2;
  input.replications = 400;
  return input;
}

TEST(ServiceForecastTest, AnOverloadedListGrowsAndTwoPlacesShortenIt) {
  ForecastRng rng(42);
  auto forecast = forecast_service(overloaded_service(), rng);
  ASSERT_TRUE(forecast) << forecast.error().message;
  const WaitForecast& now = forecast->current;
  EXPECT_EQ(now.places, 10);
  EXPECT_NEAR(now.utilisation, 1.2, 1e-12);
  EXPECT_FALSE(now.steady_state_wait_weeks);  // no steady state: the list keeps growing
  ASSERT_EQ(now.weeks.size(), 14u);           // week 0 .. 12, then the horizon
  EXPECT_DOUBLE_EQ(now.at_horizon().week, 13);
  // Today: 21 people ahead (20 waiting + this one) to be served at 2.5 a week: ~8.4 weeks.
  EXPECT_NEAR(now.weeks[0].mean_wait_weeks, 21 / 2.5, 0.5);
  // In 13 weeks about 13 × (3 - 2.5) = 6.5 more people wait: ~11 weeks.
  EXPECT_NEAR(now.at_horizon().mean_wait_weeks, (21 + 6.5) / 2.5, 0.8);
  EXPECT_GT(now.at_horizon().mean_wait_weeks, now.weeks[0].mean_wait_weeks);
  EXPECT_LE(now.at_horizon().p10_wait_weeks, now.at_horizon().p50_wait_weeks);
  EXPECT_LE(now.at_horizon().p50_wait_weeks, now.at_horizon().p90_wait_weeks);
  EXPECT_LT(now.at_horizon().p10_wait_weeks, now.at_horizon().mean_wait_weeks);
  EXPECT_GT(now.at_horizon().p90_wait_weeks, now.at_horizon().mean_wait_weeks);

  const WaitForecast& more = forecast->with_extra_places;
  EXPECT_EQ(more.places, 12);
  EXPECT_NEAR(more.utilisation, 1.0, 1e-12);
  // 12 places serve 3 a week: the list of 20 stops growing; ~21 / 3 = 7 weeks.
  EXPECT_NEAR(more.at_horizon().mean_wait_weeks, 21 / 3.0, 1.0);
  EXPECT_LT(more.at_horizon().mean_wait_weeks, now.at_horizon().mean_wait_weeks - 3);
}

TEST(ServiceForecastTest, AStableListTendsToErlangC) {
  ServiceForecastInput input;
  input.arrivals_per_week = 2;
  input.places = 5;
  input.mean_stay_weeks = 2;  // utilisation 0.8
  input.waiting_now = 0;
  input.occupied_now = 0;
  input.horizon_weeks = 52;
  input.replications = 2000;
  ForecastRng rng(5);
  auto forecast = forecast_service(input, rng);
  ASSERT_TRUE(forecast);
  ASSERT_TRUE(forecast->current.steady_state_wait_weeks);
  EXPECT_EQ(forecast->current.weeks[0].mean_wait_weeks, 0);  // empty today: no wait
  EXPECT_NEAR(forecast->current.at_horizon().mean_wait_weeks, *forecast->current.steady_state_wait_weeks,
              0.2 * *forecast->current.steady_state_wait_weeks + 0.05);
}

TEST(ServiceForecastTest, SameSeedSameForecast) {
  ForecastRng a(9), b(9);
  auto x = forecast_service(overloaded_service(), a);
  auto y = forecast_service(overloaded_service(), b);
  EXPECT_EQ(x->current.at_horizon().mean_wait_weeks, y->current.at_horizon().mean_wait_weeks);
  EXPECT_EQ(x->with_extra_places.at_horizon().p90_wait_weeks, y->with_extra_places.at_horizon().p90_wait_weeks);
}

TEST(ServiceForecastTest, RefusesImpossibleInputs) {
  ForecastRng rng(1);
  auto with = [&](auto change) {
    ServiceForecastInput input = overloaded_service();
    change(input);
    auto result = forecast_service(input, rng);
    return result ? std::string("ok") : result.error().code;
  };
  EXPECT_EQ(with([](auto& i) { i.arrivals_per_week = 0; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.mean_stay_weeks = -1; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.places = 0; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.waiting_now = -1; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.occupied_now = 11; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.horizon_weeks = 0; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.replications = 5; }), "invalid_input");
  EXPECT_EQ(with([](auto& i) { i.extra_places = 9995; }), "invalid_input");
  EXPECT_EQ(with([](auto&) {}), "ok");
}

}  // namespace
}  // namespace tafel::care
