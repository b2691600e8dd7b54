#pragma once
// Login throttling, as a pure policy: the caller keeps one ThrottleState per key
// (a normalised e-mail address — existing or not — and a client address) and passes
// the time in. Unknown and known e-mail addresses are throttled alike, so a lockout
// never tells an attacker that an account exists.
//
// Within `window`, `max_failures` failures lock the key for `lockout`; the lock ends
// by itself, so the owner can log in afterwards. While locked, no password is even
// checked, which bounds online guessing to max_failures per lockout period.

#include <cstdint>
#include <optional>

namespace tafel::access {

// Microseconds since the Unix epoch (the app's Instant, without std::chrono here).
using Micros = std::int64_t;

struct ThrottlePolicy {
  int max_failures = 5;
  Micros window = 15LL * 60 * 1000000;   // failures older than this are forgotten
  Micros lockout = 15LL * 60 * 1000000;  // how long a key stays locked
};

// Per account: 5 failures in 15 minutes lock it for 15 minutes.
inline constexpr ThrottlePolicy kAccountThrottle{5, 15LL * 60 * 1000000, 15LL * 60 * 1000000};
// Per client address: 30 failures (any accounts) in 15 minutes lock it for 15 minutes,
// which stops one address from spraying a password across many accounts.
inline constexpr ThrottlePolicy kAddressThrottle{30, 15LL * 60 * 1000000, 15LL * 60 * 1000000};

struct ThrottleState {
  int failures = 0;          // failures in the current window
  Micros window_start = 0;   // when the current window began
  Micros locked_until = 0;   // 0 or a time; locked while now < locked_until
  bool operator==(const ThrottleState&) const = default;
};

// When the key is locked at `now`, the time the lock ends; else nullopt.
std::optional<Micros> locked_until(const ThrottleState& state, Micros now);

// The state after one more failure at `now`.
ThrottleState after_failure(const ThrottleState& state, const ThrottlePolicy& policy, Micros now);

// The state after a successful login: everything forgotten.
inline ThrottleState after_success() { return ThrottleState{}; }

}  // namespace tafel::access
