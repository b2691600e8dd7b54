#include "core/access/totp_window.h"

namespace tafel::access {

std::int64_t totp_step(std::int64_t unix_seconds) {
  if (unix_seconds < 0) return -1;
  return unix_seconds / kTotpStepSeconds;
}

std::vector<std::int64_t> totp_candidate_steps(std::int64_t unix_seconds, std::int64_t last_used_step) {
  std::int64_t now = totp_step(unix_seconds);
  std::vector<std::int64_t> steps;
  for (std::int64_t s : {now, now - 1, now + 1}) {
    if (s >= 0 && s > last_used_step) steps.push_back(s);
  }
  return steps;
}

}  // namespace tafel::access
