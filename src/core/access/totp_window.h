#pragma once
// The time arithmetic of TOTP (RFC 6238): 30-second steps counted from the Unix
// epoch, a tolerance of one step either side for clock drift, and single use: a
// step at or before the last one accepted for the account is never accepted again,
// so a code seen over someone's shoulder cannot be replayed.

#include <cstdint>
#include <vector>

namespace tafel::access {

inline constexpr std::int64_t kTotpStepSeconds = 30;

// The step containing `unix_seconds`.
std::int64_t totp_step(std::int64_t unix_seconds);

// The steps a code entered at `unix_seconds` may belong to — the current one first,
// then the previous and the next — leaving out every step <= last_used_step
// (use -1 when no code was ever accepted).
std::vector<std::int64_t> totp_candidate_steps(std::int64_t unix_seconds, std::int64_t last_used_step);

}  // namespace tafel::access
