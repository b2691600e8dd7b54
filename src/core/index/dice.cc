#include "core/index/dice.h"

#include <bit>

namespace tafel::index {

// The baseline x86-64 has no POPCNT instruction, so std::popcount there is a dozen
// shifts and masks; Debian's packages target that baseline. target_clones keeps the
// package portable and still uses POPCNT (and AVX-512 VPOPCNTQ, which GCC vectorises
// the 16-word loop into) where the CPU has it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define TAFEL_POPCOUNT_CLONES __attribute__((target_clones("default", "popcnt", "avx512vpopcntdq")))
#else
#define TAFEL_POPCOUNT_CLONES
#endif

int popcount(const Clk& a) {
  int n = 0;
  for (std::uint64_t w : a.words) n += std::popcount(w);
  return n;
}

int and_popcount(const Clk& a, const Clk& b) {
  int n = 0;
  for (std::size_t i = 0; i < kClkWords; ++i) n += std::popcount(a.words[i] & b.words[i]);
  return n;
}

double dice(const Clk& a, const Clk& b) {
  const int total = popcount(a) + popcount(b);
  return total == 0 ? 0.0 : 2.0 * and_popcount(a, b) / total;
}

TAFEL_POPCOUNT_CLONES
void and_popcounts(const Clk& query, const Clk* clks, const std::uint32_t* ids, std::size_t n, std::uint16_t* out) {
  const std::uint64_t* q = query.words.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t* c = clks[ids[i]].words.data();
    unsigned count = 0;
    for (std::size_t w = 0; w < kClkWords; ++w) count += static_cast<unsigned>(std::popcount(q[w] & c[w]));
    out[i] = static_cast<std::uint16_t>(count);
  }
}

}  // namespace tafel::index
