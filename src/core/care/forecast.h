#pragma once
// The question a service asks of its waiting list (issue 16, point 6; docs/care.md
// "Forecast"): given the referrals that come in per week, the places and the mean stay,
// and the people waiting now, what wait should someone referred in N weeks expect,
// and what if we add places? Answered by simulating the service's queue (an M/M/c
// queue, core/care/forecast_queue.h) from its present state, many times over, because
// a waiting list that is far from its steady state (or has none: more inflow than
// capacity) is exactly what Erlang C cannot describe. Pure: the random numbers come
// from the caller's generator.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/care/forecast_rng.h"
#include "core/result.h"

namespace tafel::care {

struct ServiceForecastInput {
  double arrivals_per_week = 0;  // observed inflow of referrals that join the list
  int places = 0;                // people served at once
  double mean_stay_weeks = 0;    // mean time a place stays taken
  int waiting_now = 0;           // people on the waiting list now
  int occupied_now = -1;         // places taken now; -1: all of them
  double horizon_weeks = 13;     // "in three months"
  int extra_places = 2;          // the "what if", compared with the same random numbers
  int replications = 1000;       // independent runs from the present state
};

// The expected wait of someone referred at one moment, over the replications.
struct WaitAt {
  double week = 0;               // weeks from now
  double mean_wait_weeks = 0;
  double p10_wait_weeks = 0;     // 80 % of the runs fall between p10 and p90
  double p50_wait_weeks = 0;
  double p90_wait_weeks = 0;
};

// One scenario (the places as they are, or with the extra places).
struct WaitForecast {
  int places = 0;
  double utilisation = 0;  // inflow / (places / mean stay); at or above 1 the list keeps growing
  // The steady-state mean wait (Erlang C) the list tends to, when utilisation < 1.
  std::optional<double> steady_state_wait_weeks;
  std::vector<WaitAt> weeks;  // now, every whole week, and the horizon (last; the answer)
  const WaitAt& at_horizon() const { return weeks.back(); }
};

struct ServiceForecast {
  WaitForecast current;
  WaitForecast with_extra_places;  // current.places + extra_places
};

// Fails with "invalid_input" when the inflow or the mean stay is not positive, places
// is not between 1 and 10000, waiting_now is not between 0 and 100000, extra_places
// is negative or brings the places above 10000, occupied_now is above places, the horizon is not in (0, 520] weeks, or
// replications is not between 10 and 10000.
Result<ServiceForecast> forecast_service(const ServiceForecastInput& input, ForecastRng& rng);

}  // namespace tafel::care
