#pragma once
// How a Dice score becomes an answer (issue 15, point 2): "certain" (the index tells
// both contact points), "possible" (both professionals confirm before contact details
// are shown) or "none". The default thresholds come from the accuracy test
// (tests/index/accuracy_test.cc; the table in docs/performance.md).

#include <string_view>

#include "core/result.h"

namespace tafel::index {

enum class MatchClass { none, possible, certain };

struct Thresholds {
  double certain = 0.92;   // score >= certain: certain
  double possible = 0.84;  // possible <= score < certain: possible
};

// Fails with "invalid_thresholds" unless 0 < possible <= certain <= 1.
Result<Thresholds> validate(const Thresholds& thresholds);

MatchClass classify(double score, const Thresholds& thresholds);

// "certain", "possible" or "none".
std::string_view name_of(MatchClass match);

}  // namespace tafel::index
