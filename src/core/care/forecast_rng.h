#pragma once
// The random numbers of the waiting-time forecast: the standard's 64-bit Mersenne
// Twister, whose output the C++ standard fixes bit for bit, turned into uniforms and
// exponentials here rather than by std::uniform_real_distribution and
// std::exponential_distribution, whose algorithms differ between standard libraries:
// a forecast run with the same seed gives the same figures everywhere (tests, docs,
// support). The caller owns the generator and passes it in: no global state.

#include <cmath>
#include <cstdint>
#include <random>

namespace tafel::care {

class ForecastRng {
 public:
  explicit ForecastRng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next() { return engine_(); }

  // Uniform on [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Exponential with `rate` > 0 (mean 1 / rate), by inversion.
  double exponential(double rate) { return -std::log1p(-uniform()) / rate; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace tafel::care
