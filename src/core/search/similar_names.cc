#include "core/search/similar_names.h"

#include <algorithm>

namespace tafel::search {

bool name_like(std::string_view word) { return word.size() >= kMinNameBytes && word.size() <= kMaxNameBytes; }

std::vector<std::string> trigrams_of(std::string_view word) {
  const std::string padded = "  " + std::string(word) + " ";
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 3 <= padded.size(); ++i) out.push_back(padded.substr(i, 3));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double dice(std::size_t shared, std::size_t a, std::size_t b) {
  return a + b == 0 ? 0.0 : 2.0 * static_cast<double>(shared) / static_cast<double>(a + b);
}

}  // namespace tafel::search
