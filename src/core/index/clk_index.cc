#include "core/index/clk_index.h"

#include <algorithm>

#include "core/index/dice.h"

namespace tafel::index {
namespace {

std::uint32_t key_of(const Digest& d) {
  return std::uint32_t{d[0]} | std::uint32_t{d[1]} << 8 | std::uint32_t{d[2]} << 16 | std::uint32_t{d[3]} << 24;
}

std::string two_digits(int n) { return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; }

}  // namespace

Result<Encoding> encode(const Identity& identity, const KeyedHash& hash, const ClkWeights& weights) {
  auto clk = encode_clk(identity, hash, weights);
  if (!clk) return tl::unexpected(clk.error());
  const BirthDate date = *parse_birth_date(identity.birth_date);  // encode_clk checked it
  Encoding e;
  e.clk = *clk;
  e.blocks.year = key_of(hash.digest("b:y" + std::to_string(date.year)));
  e.blocks.day_month = key_of(hash.digest("b:dm" + two_digits(std::min(date.day, date.month)) +
                                          two_digits(std::max(date.day, date.month))));
  return e;
}

void ClkIndex::reserve(std::size_t n) {
  clks_.reserve(n);
  counts_.reserve(n);
  year_keys_.reserve(n);
}

std::uint32_t ClkIndex::add(const Encoding& e) {
  const auto id = static_cast<std::uint32_t>(clks_.size());
  clks_.push_back(e.clk);
  counts_.push_back(static_cast<std::uint16_t>(popcount(e.clk)));
  year_keys_.push_back(e.blocks.year);
  by_year_[e.blocks.year].push_back(id);
  by_day_month_[e.blocks.day_month].push_back(id);
  return id;
}

void ClkIndex::score(const Encoding& e, const std::vector<std::uint32_t>& ids, bool skip_same_year, double min_score,
                     std::vector<Match>& out) const {
  constexpr std::size_t kBatch = 256;
  std::uint16_t common[kBatch];
  std::uint32_t batch[kBatch];
  const int own = popcount(e.clk);
  for (std::size_t start = 0; start < ids.size(); start += kBatch) {
    std::size_t n = 0;
    for (std::size_t i = start; i < std::min(ids.size(), start + kBatch); ++i) {
      if (skip_same_year && year_keys_[ids[i]] == e.blocks.year) continue;  // scored in the year block
      batch[n++] = ids[i];
    }
    and_popcounts(e.clk, clks_.data(), batch, n, common);
    last_compared_ += n;
    for (std::size_t i = 0; i < n; ++i) {
      const int total = own + counts_[batch[i]];
      const double s = total == 0 ? 0.0 : 2.0 * common[i] / total;
      if (s >= min_score) out.push_back({batch[i], s});
    }
  }
}

std::vector<ClkIndex::Match> ClkIndex::matches(const Encoding& e, double min_score) const {
  std::vector<Match> out;
  last_compared_ = 0;
  if (auto it = by_year_.find(e.blocks.year); it != by_year_.end()) score(e, it->second, false, min_score, out);
  if (auto it = by_day_month_.find(e.blocks.day_month); it != by_day_month_.end()) {
    score(e, it->second, true, min_score, out);
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.score > b.score; });
  return out;
}

std::size_t ClkIndex::memory_bytes() const {
  std::size_t bytes = clks_.capacity() * sizeof(Clk) + counts_.capacity() * sizeof(std::uint16_t) +
                      year_keys_.capacity() * sizeof(std::uint32_t);
  for (const auto* blocks : {&by_year_, &by_day_month_}) {
    bytes += blocks->bucket_count() * sizeof(void*);
    for (const auto& [key, ids] : *blocks) {
      bytes += sizeof(key) + sizeof(ids) + 2 * sizeof(void*) + ids.capacity() * sizeof(std::uint32_t);
    }
  }
  return bytes;
}

}  // namespace tafel::index
