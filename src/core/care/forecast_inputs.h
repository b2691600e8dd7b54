#pragma once
// The forecast's inputs as observed in a service's referrals (issue 16, point 6:
// "from the observed inflow of referrals and the capacity"): the inflow per week, the
// mean stay, and today's list and places taken. The places themselves come from the
// catalogue. Pure: the window and "now" come in as arguments.

#include <cstdint>
#include <optional>
#include <span>

#include "core/care/referral.h"
#include "core/result.h"

namespace tafel::care {

struct ObservedFlow {
  double arrivals_per_week = 0;            // person referrals sent to the service in the window, per week
  std::optional<double> mean_stay_weeks;   // from start to (early) end, over stays ended in the window
  int waiting = 0;   // now on the waiting list, in intake or accepted (waiting for their place)
  int in_care = 0;   // now started: places taken
  int referrals = 0; // counted for the inflow
  int stays = 0;     // counted for the mean stay
};

// The flow of `service_id` observed in `referrals` over [from, to). Advice referrals
// are not counted (they take no place). "invalid_input" unless from < to.
Result<ObservedFlow> observe_flow(std::span<const Referral> referrals, std::int64_t service_id, Timestamp from,
                                  Timestamp to);

}  // namespace tafel::care
