#pragma once
// Synthetic Belgian identities for the reference index's accuracy test (issue 15,
// point 7): pairs of records of one person with the errors people make when they type
// an identity, and pairs of different people that look alike. Seeded: the same seed
// gives the same pairs on every run.

#include <cstdint>
#include <string>
#include <vector>

#include "core/index/clk.h"

namespace tafel::index::synthetic {

// What changed between the two records of a pair (or why two people look alike).
enum class Kind {
  // Same person, one or two errors:
  typo, swapped_names, accents_dropped, particle_spelling, double_name_reversed, day_month_swapped, digit_off,
  place_language, upper_case, given_name_shortened, place_missing, exact,
  // Different people:
  siblings, twins, namesakes, same_birth_date,
};

struct Pair {
  Identity a;
  Identity b;
  bool same_person = false;
  std::vector<Kind> kinds;  // the errors applied, or the kind of look-alike
};

// "typo", "twins", ...
std::string name_of(Kind kind);

// `matches` pairs of one person (one error, or two for about a third of them) and
// `non_matches` pairs of look-alikes, a quarter of each kind; from `seed`.
std::vector<Pair> generate_pairs(std::uint64_t seed, std::size_t matches, std::size_t non_matches);

}  // namespace tafel::index::synthetic
