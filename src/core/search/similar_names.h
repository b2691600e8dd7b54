#pragma once
// Typo tolerance for names of places, organisations and people (issue 14): "Nethgem"
// finds "Nethegem", "Mechlen" "Mechelen". A name is compared by its trigrams, the way
// PostgreSQL's pg_trgm does it (the folded word padded with two spaces before and one
// after, cut in overlapping three-byte pieces), and two names are similar when their
// Dice coefficient, 2·|shared| / (|a| + |b|), reaches kSimilarNames. Both engines keep
// the names' trigrams in one plain table (migration 0021), so the same SQL answers on
// SQLite and PostgreSQL (docs/decisions/0020).

#include <string>
#include <string_view>
#include <vector>

namespace tafel::search {

// Names shorter than this are not corrected: too few trigrams to tell a typo from
// another name ("Gent" and "Genk").
inline constexpr std::size_t kMinNameBytes = 4;
// Longer words are not names (and would make many trigrams).
inline constexpr std::size_t kMaxNameBytes = 40;
// The least Dice coefficient of a correction: one letter wrong, missing or doubled in
// a name of eight letters scores about 0.7; unrelated names of the region score under 0.4.
inline constexpr double kSimilarNames = 0.6;
// At most this many corrections are tried per word.
inline constexpr std::size_t kMaxCorrections = 3;

// Whether the folded word `word` is kept as a name (length in [kMinNameBytes, kMaxNameBytes]).
bool name_like(std::string_view word);

// The distinct trigrams of the folded word `word`, sorted.
std::vector<std::string> trigrams_of(std::string_view word);

// The Dice coefficient of two sets of trigrams given their sizes and the size of their
// intersection: 0 when both are empty.
double dice(std::size_t shared, std::size_t a, std::size_t b);

}  // namespace tafel::search
