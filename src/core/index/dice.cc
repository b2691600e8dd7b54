#include "core/index/dice.h"

#include <bit>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TAFEL_X86_KERNELS 1
#include <immintrin.h>
#endif

namespace tafel::index {

// The baseline x86-64 has no POPCNT instruction, so std::popcount there is a dozen
// shifts and masks; Debian's packages target that baseline. So the kernel is compiled
// three times and picked once, by what the CPU has: AVX-512 VPOPCNTDQ (a CLK is two
// 512-bit words: AND, popcount per lane, sum), POPCNT (16 scalar popcounts, unrolled),
// or the portable loop. (GCC 12's target_clones cannot dispatch on VPOPCNTDQ.)

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

namespace {

using Kernel = void (*)(const Clk&, const Clk*, const std::uint32_t*, std::size_t, std::uint16_t*);

void portable_kernel(const Clk& query, const Clk* clks, const std::uint32_t* ids, std::size_t n, std::uint16_t* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint16_t>(and_popcount(query, clks[ids[i]]));
}

#ifdef TAFEL_X86_KERNELS
__attribute__((target("popcnt"))) void popcnt_kernel(const Clk& query, const Clk* clks, const std::uint32_t* ids,
                                                     std::size_t n, std::uint16_t* out) {
  const std::uint64_t* q = query.words.data();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t* c = clks[ids[i]].words.data();
    unsigned count = 0;
#pragma GCC unroll 16
    for (std::size_t w = 0; w < kClkWords; ++w) count += static_cast<unsigned>(__builtin_popcountll(q[w] & c[w]));
    out[i] = static_cast<std::uint16_t>(count);
  }
}

__attribute__((target("avx512f,avx512vpopcntdq"))) void avx512_kernel(const Clk& query, const Clk* clks,
                                                                      const std::uint32_t* ids, std::size_t n,
                                                                      std::uint16_t* out) {
  const __m512i q0 = _mm512_load_si512(query.words.data());
  const __m512i q1 = _mm512_load_si512(query.words.data() + 8);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t* c = clks[ids[i]].words.data();
    const __m512i a = _mm512_popcnt_epi64(_mm512_and_si512(q0, _mm512_load_si512(c)));
    const __m512i b = _mm512_popcnt_epi64(_mm512_and_si512(q1, _mm512_load_si512(c + 8)));
    alignas(64) std::uint64_t lanes[8];
    _mm512_store_si512(lanes, _mm512_add_epi64(a, b));
    std::uint64_t sum = 0;
    for (std::uint64_t lane : lanes) sum += lane;
    out[i] = static_cast<std::uint16_t>(sum);
  }
}
#endif

struct Chosen {
  Kernel kernel;
  const char* name;
};

Chosen choose() {
#ifdef TAFEL_X86_KERNELS
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq")) {
    return {avx512_kernel, "avx512-vpopcntdq"};
  }
  if (__builtin_cpu_supports("popcnt")) return {popcnt_kernel, "popcnt"};
#endif
  return {portable_kernel, "portable"};
}

const Chosen& chosen() {
  static const Chosen c = choose();
  return c;
}

}  // namespace

void and_popcounts(const Clk& query, const Clk* clks, const std::uint32_t* ids, std::size_t n, std::uint16_t* out) {
  chosen().kernel(query, clks, ids, n, out);
}

const char* kernel_name() { return chosen().name; }

}  // namespace tafel::index
