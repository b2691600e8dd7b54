#pragma once
// Fuzzy matching at scale (issue 15, point 6): encodings kept in memory, compared only
// within their blocks. An encoding is in two blocks, its year of birth and its
// unordered day and month of birth, each known by a keyed hash (blocking keys never
// hold a birth date in clear). A true match is found when either survives: a typo in
// the year keeps the day and month, a swapped day and month keeps the year. At
// 1,000,000 encodings over a century of births a lookup scores about 13,000 of them.
//
// Not thread-safe for writers: one writer, or readers only.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/index/clk.h"
#include "core/index/keyed_hash.h"
#include "core/result.h"

namespace tafel::index {

struct BlockingKeys {
  std::uint32_t year = 0;       // first 4 bytes of digest("b:y" + YYYY)
  std::uint32_t day_month = 0;  // first 4 bytes of digest("b:dm" + min(DD,MM) + max(DD,MM))
};

// An identity as the index stores it: its CLK and its blocking keys (136 bytes of
// payload per signal).
struct Encoding {
  Clk clk;
  BlockingKeys blocks;
};

// Encodes `identity` (encode_clk) and its blocking keys. Fails as encode_clk().
Result<Encoding> encode(const Identity& identity, const KeyedHash& hash, const ClkWeights& weights = {});

class ClkIndex {
 public:
  struct Match {
    std::uint32_t id = 0;  // the order in which add() was called, from 0
    double score = 0;      // Dice
  };

  // Reserves room for `n` encodings.
  void reserve(std::size_t n);

  // Adds `e`; returns its id.
  std::uint32_t add(const Encoding& e);

  // The encodings sharing a block with `e` whose Dice with `e` is at least
  // `min_score`, best first (each once).
  std::vector<Match> matches(const Encoding& e, double min_score) const;

  std::size_t size() const { return clks_.size(); }

  // How many encodings the last matches() call scored (for the benchmark).
  std::size_t last_compared() const { return last_compared_; }

  // The bytes this index holds in memory (capacities included, hash tables estimated).
  std::size_t memory_bytes() const;

 private:
  void score(const Encoding& e, const std::vector<std::uint32_t>& ids, bool skip_same_year, double min_score,
             std::vector<Match>& out) const;

  std::vector<Clk> clks_;
  std::vector<std::uint16_t> counts_;     // popcount of each CLK
  std::vector<std::uint32_t> year_keys_;  // to score an encoding in both blocks once
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_year_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_day_month_;
  mutable std::size_t last_compared_ = 0;
};

}  // namespace tafel::index
