#pragma once
// The clock port: the only way application code learns the time, so that tests can
// pin it. Core code never asks for the time; it receives it as a value.

#include <chrono>
#include <cstdint>

namespace tafel::app {

// A point in time in UTC, in microseconds since the Unix epoch.
using Instant = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  // The current time. Thread-safe.
  virtual Instant now() const = 0;
};

// The real clock of the machine.
class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// A clock that only moves when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void advance(std::chrono::microseconds by) { now_ += by; }
  void set(Instant at) { now_ = at; }

 private:
  Instant now_;
};

}  // namespace tafel::app
