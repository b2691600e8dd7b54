// `tafel forecast mmc` through the real binary, its JSON parsed: the simulated mean
// wait agrees with Erlang C within 5 % at utilisations 0.5 to 0.95 for 1, 2 and 5
// servers (issue 16, "Done when"); impossible inputs are refused clearly.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <tuple>

#include "support/run_command.h"

namespace {

using Outcome = tafel::test_support::CommandOutcome;

Outcome run_tafel(const std::string& args) {
  return tafel::test_support::run_command(std::string(TAFEL_BINARY) + " " + args + " 2>/dev/null");
}

double number(const boost::json::object& o, const char* key) { return o.at(key).to_number<double>(); }

class ForecastCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
  }
};

class ForecastMmcCliTest : public ::testing::TestWithParam<std::tuple<int, double>> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(TAFEL_BINARY)) << TAFEL_BINARY << " is missing: build the tafel target";
  }
};

TEST_P(ForecastMmcCliTest, MeanWaitAgreesWithErlangC) {
  const auto [servers, rho] = GetParam();
  const double mu = 0.5;  // per week, say: a stay of two weeks
  const double lambda = rho * servers * mu;
  char args[200];
  std::snprintf(args, sizeof args, "forecast mmc --arrival-rate %.17g --service-rate %.17g --servers %d --seed 2026 --json",
                lambda, mu, servers);
  const Outcome run = run_tafel(args);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const boost::json::object json = boost::json::parse(run.output).as_object();
  const double simulated = number(json, "mean_wait"), analytic = number(json, "analytic_mean_wait");
  EXPECT_NEAR(number(json, "utilisation"), rho, 1e-9);
  EXPECT_LT(std::abs(simulated - analytic) / analytic, 0.05) << run.output;
  EXPECT_GT(json.at("customers").to_number<double>(), 0);
  // The analytic value, recomputed here from the Erlang B recursion.
  const double a = lambda / mu;
  double b = 1;
  for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
  const double c = b / (1 - rho * (1 - b));
  EXPECT_NEAR(analytic, c / (servers * mu - lambda), 1e-9 * analytic);
}

INSTANTIATE_TEST_SUITE_P(Utilisations, ForecastMmcCliTest,
                         ::testing::Combine(::testing::Values(1, 2, 5), ::testing::Values(0.5, 0.7, 0.8, 0.9, 0.95)),
                         [](const auto& p) {
                           return "c" + std::to_string(std::get<0>(p.param)) + "_rho" +
                                  std::to_string(static_cast<int>(std::get<1>(p.param) * 100));
                         });

TEST_F(ForecastCliTest, RefusesAQueueWithoutSteadyStateAndNonPositiveInputs) {
  Outcome run = run_tafel("forecast mmc --arrival-rate 2 --service-rate 1 --servers 2 --json");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(boost::json::parse(run.output).as_object().at("error").as_string(), "unstable");
  run = run_tafel("forecast mmc --arrival-rate 0 --service-rate 1 --servers 2 --json");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(boost::json::parse(run.output).as_object().at("error").as_string(), "invalid_input");
  run = run_tafel("forecast mmc --arrival-rate 1 --service-rate -1 --servers 2 --json");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(boost::json::parse(run.output).as_object().at("error").as_string(), "invalid_input");
  run = run_tafel("forecast mmc --arrival-rate 1 --service-rate 1 --servers 0 --json");
  EXPECT_EQ(run.exit_code, 2);
  run = run_tafel("forecast mmc --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("--arrival-rate"), std::string::npos);
}

TEST_F(ForecastCliTest, ServiceForecastAnswersTheWhatIf) {
  const Outcome run = run_tafel(
      "forecast service --arrivals-per-week 3 --places 10 --mean-stay-weeks 4 --waiting 20 --horizon-weeks 13 "
      "--extra-places 2 --replications 300 --seed 1 --json");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const boost::json::object json = boost::json::parse(run.output).as_object();
  const auto& now = json.at("current").as_object();
  const auto& more = json.at("with_extra_places").as_object();
  EXPECT_EQ(now.at("places").to_number<int>(), 10);
  EXPECT_EQ(more.at("places").to_number<int>(), 12);
  EXPECT_TRUE(now.at("steady_state_wait_weeks").is_null());
  EXPECT_EQ(now.at("weeks").as_array().size(), 14u);
  EXPECT_LT(number(more, "mean_wait_weeks"), number(now, "mean_wait_weeks"));
  EXPECT_LE(number(now, "p10_wait_weeks"), number(now, "mean_wait_weeks"));
  EXPECT_GE(number(now, "p90_wait_weeks"), number(now, "mean_wait_weeks"));
}

}  // namespace
