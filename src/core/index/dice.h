#pragma once
// The Dice coefficient of two CLKs, 2 |A and B| / (|A| + |B|), and the popcount kernel
// the index scans with (issue 15, point 6; docs/index.md "Speed").

#include <cstddef>
#include <cstdint>

#include "core/index/clk.h"

namespace tafel::index {

// The number of bits set in `a`.
int popcount(const Clk& a);

// The number of bits set in both `a` and `b`.
int and_popcount(const Clk& a, const Clk& b);

// Dice of `a` and `b` in [0, 1]; 0 when both are empty.
double dice(const Clk& a, const Clk& b);

// The kernel: for i < n, out[i] = and_popcount(query, clks[ids[i]]). On x86-64 the
// first call picks, by what the CPU has, AVX-512 VPOPCNTDQ, POPCNT or the portable
// loop (the package targets the x86-64 baseline, which has neither); elsewhere it is
// the portable loop.
void and_popcounts(const Clk& query, const Clk* clks, const std::uint32_t* ids, std::size_t n, std::uint16_t* out);

// The kernel and_popcounts uses here: "avx512-vpopcntdq", "popcnt" or "portable".
const char* kernel_name();

}  // namespace tafel::index
