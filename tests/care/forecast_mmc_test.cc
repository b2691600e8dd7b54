// The M/M/c simulation against Erlang C (issue 16, point 6: "agrees with the analytic
// M/M/c mean wait within 5 % at utilisations from 0.5 to 0.95"), the analytic formula
// against known values, and the refusals of rates without a steady state.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>

#include "core/care/forecast_queue.h"

namespace tafel::care {
namespace {

TEST(ErlangCTest, MatchesKnownValues) {
  // M/M/1: the probability of waiting is ρ and the mean wait ρ / (μ - λ).
  EXPECT_NEAR(erlang_c(1, 0.8), 0.8, 1e-12);
  EXPECT_NEAR(*mmc_mean_wait({0.8, 1, 1}), 4.0, 1e-12);
  // M/M/2 with a = 1: C = 1/3, Wq = C / (2μ - λ) = 1/3.
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3, 1e-12);
  EXPECT_NEAR(*mmc_mean_wait({1, 1, 2}), 1.0 / 3, 1e-12);
  // A call-centre textbook case: 10 agents, a = 8 Erlang: C ≈ 0.4092.
  EXPECT_NEAR(erlang_c(10, 8.0), 0.4092, 1e-4);
  // Large c stays finite (the Erlang B recursion does not overflow).
  EXPECT_TRUE(std::isfinite(erlang_c(5000, 4900.0)));
}

TEST(ErlangCTest, RefusesUnstableAndNonPositiveRates) {
  EXPECT_EQ(mmc_mean_wait({1, 1, 1}).error().code, "unstable");    // ρ = 1
  EXPECT_EQ(mmc_mean_wait({3, 1, 2}).error().code, "unstable");    // ρ = 1.5
  EXPECT_EQ(mmc_mean_wait({0, 1, 1}).error().code, "invalid_input");
  EXPECT_EQ(mmc_mean_wait({1, -1, 2}).error().code, "invalid_input");
  EXPECT_EQ(mmc_mean_wait({1, 1, 0}).error().code, "invalid_input");
  EXPECT_EQ(mmc_mean_wait({NAN, 1, 1}).error().code, "invalid_input");
  ForecastRng rng(1);
  EXPECT_EQ(simulate_mmc({2, 1, 2}, rng).error().code, "unstable");
  EXPECT_EQ(simulate_mmc({1, 1, 2}, rng, 5).error().code, "invalid_input");
}

// (servers, utilisation)
class MmcAgreementTest : public ::testing::TestWithParam<std::tuple<int, double>> {};

TEST_P(MmcAgreementTest, SimulatedMeanWaitIsWithinFivePercentOfErlangC) {
  const auto [servers, rho] = GetParam();
  const double mu = 1.0;
  const QueueRates rates{rho * servers * mu, mu, servers};
  ForecastRng rng(20261207);  // any seed: the test does not depend on it (see docs/care.md "Forecast")
  auto estimate = simulate_mmc(rates, rng);
  ASSERT_TRUE(estimate) << estimate.error().message;
  EXPECT_NEAR(estimate->utilisation, rho, 1e-12);
  const double relative = std::abs(estimate->mean_wait - estimate->analytic_mean_wait) / estimate->analytic_mean_wait;
  EXPECT_LT(relative, 0.05) << "c=" << servers << " rho=" << rho << " simulated " << estimate->mean_wait
                            << " analytic " << estimate->analytic_mean_wait << " ± " << estimate->ci95_half_width;
  // The batch-means interval is honest: the analytic value lies within about two of them.
  EXPECT_LT(std::abs(estimate->mean_wait - estimate->analytic_mean_wait), 2 * estimate->ci95_half_width);
  EXPECT_NEAR(estimate->wait_probability, estimate->analytic_wait_probability, 0.03);
}

// 0.95, the slowest (5 000 000 customers), runs once, through the binary in
// forecast_cli_test.cc, with the whole grid.
INSTANTIATE_TEST_SUITE_P(Utilisations, MmcAgreementTest,
                         ::testing::Combine(::testing::Values(1, 2, 5), ::testing::Values(0.5, 0.7, 0.8, 0.9)),
                         [](const auto& p) {
                           return "c" + std::to_string(std::get<0>(p.param)) + "_rho" +
                                  std::to_string(static_cast<int>(std::get<1>(p.param) * 100));
                         });

TEST(QueueSimulationTest, SameSeedSameFigures) {
  ForecastRng a(7), b(7);
  EXPECT_EQ(simulate_mmc({0.9, 1, 1}, a, 1000)->mean_wait, simulate_mmc({0.9, 1, 1}, b, 1000)->mean_wait);
}

TEST(QueueSimulationTest, ProbesSeeThePreloadedQueue) {
  // One server, 10 people waiting and one in service, almost no new arrivals: someone
  // arriving now waits for 11 services, mean 11 / μ.
  ForecastRng rng(3);
  double sum = 0;
  const int runs = 4000;
  for (int i = 0; i < runs; ++i) {
    QueueSimulation simulation({1e-9, 2.0, 1}, rng);
    simulation.preload(1, 10);
    sum += simulation.probe_waits({0.0})[0];
  }
  EXPECT_NEAR(sum / runs, 11 / 2.0, 0.15);
}

TEST(QueueSimulationTest, AProbeWithAFreeServerDoesNotWait) {
  ForecastRng rng(3);
  QueueSimulation simulation({1e-9, 1, 3}, rng);
  simulation.preload(2, 0);
  EXPECT_EQ(simulation.probe_waits({0.0, 0.5}), (std::vector<double>{0.0, 0.0}));
}

}  // namespace
}  // namespace tafel::care
