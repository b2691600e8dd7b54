#include "core/index/match.h"

namespace tafel::index {

Result<Thresholds> validate(const Thresholds& t) {
  if (!(t.possible > 0.0 && t.possible <= t.certain && t.certain <= 1.0)) {
    return fail("invalid_thresholds", "thresholds need 0 < possible <= certain <= 1");
  }
  return t;
}

MatchClass classify(double score, const Thresholds& t) {
  if (score >= t.certain) return MatchClass::certain;
  if (score >= t.possible) return MatchClass::possible;
  return MatchClass::none;
}

std::string_view name_of(MatchClass match) {
  switch (match) {
    case MatchClass::certain:
      return "certain";
    case MatchClass::possible:
      return "possible";
    case MatchClass::none:
      break;
  }
  return "none";
}

}  // namespace tafel::index
