#include "core/care/forecast.h"

#include <algorithm>
#include <cmath>

#include "core/care/forecast_queue.h"

namespace tafel::care {
namespace {

// The value below which `share` of the sorted values fall (nearest rank).
double percentile(const std::vector<double>& sorted, double share) {
  const auto n = sorted.size();
  const auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(n)));
  return sorted[std::clamp<std::size_t>(rank, 1, n) - 1];
}

WaitForecast run_scenario(const ServiceForecastInput& input, int places, std::uint64_t seed) {
  const QueueRates rates{input.arrivals_per_week, 1 / input.mean_stay_weeks, places};
  WaitForecast forecast;
  forecast.places = places;
  forecast.utilisation = utilisation(rates);
  if (auto steady = mmc_mean_wait(rates)) forecast.steady_state_wait_weeks = *steady;

  std::vector<double> probes;
  for (int week = 0; week < input.horizon_weeks; ++week) probes.push_back(week);
  probes.push_back(input.horizon_weeks);

  // waits[probe][replication]
  std::vector<std::vector<double>> waits(probes.size(), std::vector<double>(static_cast<std::size_t>(input.replications)));
  ForecastRng rng(seed);  // the same stream for every scenario: common random numbers
  const int occupied = input.occupied_now < 0 ? input.places : input.occupied_now;
  for (int r = 0; r < input.replications; ++r) {
    QueueSimulation simulation(rates, rng);
    simulation.preload(occupied, input.waiting_now);
    const std::vector<double> run = simulation.probe_waits(probes);
    for (std::size_t p = 0; p < probes.size(); ++p) waits[p][static_cast<std::size_t>(r)] = run[p];
  }
  for (std::size_t p = 0; p < probes.size(); ++p) {
    std::vector<double>& values = waits[p];
    std::sort(values.begin(), values.end());
    WaitAt at;
    at.week = probes[p];
    double sum = 0;
    for (double v : values) sum += v;
    at.mean_wait_weeks = sum / static_cast<double>(values.size());
    at.p10_wait_weeks = percentile(values, 0.10);
    at.p50_wait_weeks = percentile(values, 0.50);
    at.p90_wait_weeks = percentile(values, 0.90);
    forecast.weeks.push_back(at);
  }
  return forecast;
}

bool positive(double x) { return std::isfinite(x) && x > 0; }

}  // namespace

Result<ServiceForecast> forecast_service(const ServiceForecastInput& input, ForecastRng& rng) {
  if (!positive(input.arrivals_per_week)) return fail("invalid_input", "the inflow per week must be positive");
  if (!positive(input.mean_stay_weeks)) return fail("invalid_input", "the mean stay must be positive");
  if (input.places < 1 || input.places > 10000) return fail("invalid_input", "places must be between 1 and 10000");
  if (input.waiting_now < 0 || input.waiting_now > 100000) {
    return fail("invalid_input", "the people waiting must be between 0 and 100000");
  }
  if (input.extra_places < 0 || input.extra_places > 10000 - input.places) {
    return fail("invalid_input", "the extra places must be 0 or more, and at most 10000 places in all");
  }
  if (input.occupied_now > input.places) return fail("invalid_input", "more places taken than there are");
  if (!positive(input.horizon_weeks) || input.horizon_weeks > 520) {
    return fail("invalid_input", "the horizon must be more than 0 and at most 520 weeks");
  }
  if (input.replications < 10 || input.replications > 10000) {
    return fail("invalid_input", "replications must be between 10 and 10000");
  }
  const std::uint64_t seed = rng.next();
  ServiceForecast forecast;
  forecast.current = run_scenario(input, input.places, seed);
  forecast.with_extra_places = run_scenario(input, input.places + input.extra_places, seed);
  return forecast;
}

}  // namespace tafel::care
