#include "core/access/throttle.h"

namespace tafel::access {

std::optional<Micros> locked_until(const ThrottleState& state, Micros now) {
  if (now < state.locked_until) return state.locked_until;
  return std::nullopt;
}

ThrottleState after_failure(const ThrottleState& state, const ThrottlePolicy& policy, Micros now) {
  ThrottleState next = state;
  if (next.failures == 0 || now - next.window_start >= policy.window || now < next.window_start) {
    next.failures = 0;
    next.window_start = now;
  }
  ++next.failures;
  if (next.failures >= policy.max_failures) {
    next.locked_until = now + policy.lockout;
    // A fresh window starts when the lock ends, so the owner gets full attempts back.
    next.failures = 0;
    next.window_start = next.locked_until;
  }
  return next;
}

}  // namespace tafel::access
