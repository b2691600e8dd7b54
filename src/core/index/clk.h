#pragma once
// The cryptographic long-term key (CLK, Schnell et al. 2011) of an identity without a
// national register number (issue 15, point 2; docs/index.md, docs/decisions/0022):
// the q-grams of the normalised name, date of birth and place of birth, each hashed
// with the index key into k of 1,024 bits. Two encodings of one person with a typo,
// swapped names or a swapped day and month still share most bits; the Dice
// coefficient of the bit sets (dice.h) measures how many. The encoding cannot be
// turned back into the name without the key.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/index/keyed_hash.h"
#include "core/result.h"

namespace tafel::index {

inline constexpr std::size_t kClkBits = 1024;
inline constexpr std::size_t kClkWords = kClkBits / 64;

// 1,024 bits as 16 words, aligned on a cache line so that the kernel reads one
// encoding in two lines (or two 512-bit loads).
struct alignas(64) Clk {
  std::array<std::uint64_t, kClkWords> words{};

  bool test(std::size_t bit) const { return (words[bit / 64] >> (bit % 64)) & 1U; }
  void set(std::size_t bit) { words[bit / 64] |= std::uint64_t{1} << (bit % 64); }
  friend bool operator==(const Clk&, const Clk&) = default;
};

// What the index is given for a person without a number. `birth_date` is YYYY-MM-DD;
// `place` (of birth) may be empty.
struct Identity {
  std::string given;
  std::string family;
  std::string birth_date;
  std::string place;
};

struct BirthDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Parses YYYY-MM-DD (a real date, year 1800-2199). Fails with "invalid_date".
Result<BirthDate> parse_birth_date(std::string_view text);

// How many bits each q-gram of a field sets (the field's weight). The defaults were
// chosen with the accuracy test (tests/index/accuracy_test.cc, docs/performance.md).
struct ClkWeights {
  int name = 16;
  int date = 10;
  int place = 3;
};

// The q-grams of an identity, each with its field's tag ("n:", "d:", "p:") so that the
// same letters in a name and a place set different bits. Names: padded bigrams of
// every word of the given and the family name, particles joined as in
// family_name_tokens() (one bag, so that swapped given and family names give the same
// q-grams). Date: the year, month and day, the unordered day and
// month pair (a swapped day and month keeps it) and the digits of the year by
// position. Place: padded bigrams of place_key(). Sorted, without duplicates.
// Fails with "invalid_identity" when the family name or the given name has no letter,
// or with "invalid_date".
Result<std::vector<std::string>> identity_qgrams(const Identity& identity);

// The CLK of `identity`: for every q-gram g of field f, the keyed digest of g gives
// two 64-bit values h1 and h2 (bytes 0-7 and 8-15, h2 made odd), and bits
// (h1 + i * h2) mod 1024 for i < weight(f) are set (double hashing, Kirsch and
// Mitzenmacher). Fails as identity_qgrams().
Result<Clk> encode_clk(const Identity& identity, const KeyedHash& hash, const ClkWeights& weights = {});

}  // namespace tafel::index
