#include "core/care/forecast_inputs.h"

namespace tafel::care {
namespace {

constexpr double kMicrosPerWeek = 7.0 * static_cast<double>(kMicrosPerDay);

}  // namespace

Result<ObservedFlow> observe_flow(std::span<const Referral> referrals, std::int64_t service_id, Timestamp from,
                                  Timestamp to) {
  if (from >= to) return fail("invalid_input", "the observation window must end after it starts");
  ObservedFlow flow;
  double stay_sum = 0;
  for (const Referral& referral : referrals) {
    if (referral.service_id != service_id || referral.kind != ReferralKind::person) continue;
    if (!referral.steps.empty() && referral.steps.front().at >= from && referral.steps.front().at < to) {
      ++flow.referrals;
    }
    switch (referral.state) {
      case ReferralState::waiting_list:
      case ReferralState::intake:
      case ReferralState::accepted:
        ++flow.waiting;
        break;
      case ReferralState::started:
        ++flow.in_care;
        break;
      default:
        break;
    }
    std::optional<Timestamp> started;
    for (const ReferralStep& step : referral.steps) {
      if (step.to == ReferralState::started) started = step.at;
      if (started && step.to == ReferralState::ended && step.at >= from && step.at < to) {
        stay_sum += static_cast<double>(step.at - *started) / kMicrosPerWeek;
        ++flow.stays;
      }
    }
  }
  flow.arrivals_per_week = flow.referrals / (static_cast<double>(to - from) / kMicrosPerWeek);
  if (flow.stays > 0) flow.mean_stay_weeks = stay_sum / flow.stays;
  return flow;
}

}  // namespace tafel::care
