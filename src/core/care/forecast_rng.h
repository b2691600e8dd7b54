#pragma once
// The random numbers of the waiting-time forecast: xoshiro256** seeded through
// splitmix64. Written out rather than std::mt19937 + std::exponential_distribution
// because the standard distributions differ between libraries, and a forecast run
// with the same seed must give the same figures everywhere (tests, docs, support).
// The caller owns the generator and passes it in: no global state.

#include <cmath>
#include <cstdint>

namespace tafel::care {

class ForecastRng {
 public:
  explicit ForecastRng(std::uint64_t seed) {
    for (auto& word : state_) {  // splitmix64: spreads any seed, even 0, over the state
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform on [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Exponential with `rate` > 0 (mean 1 / rate), by inversion.
  double exponential(double rate) { return -std::log1p(-uniform()) / rate; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

}  // namespace tafel::care
