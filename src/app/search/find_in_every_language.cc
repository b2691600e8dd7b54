#include "app/search/find_in_every_language.h"

#include <algorithm>

namespace tafel::app::search {

Result<Lookup> find_in_every_language(SearchIndex& index, const tafel::search::Analyzer& analyzer,
                                      const tafel::search::Query& query, SearchFilter filter) {
  Lookup out;
  if (query.empty()) return out;
  for (auto language : {tafel::search::Language::dutch, tafel::search::Language::french,
                        tafel::search::Language::english, tafel::search::Language::none}) {
    auto normalised = tafel::search::normalise(query, analyzer, language);
    if (normalised.empty()) return out;
    if (out.marked.empty()) {
      for (const auto& c : normalised.clauses) {
        if (!c.excluded) out.marked.insert(out.marked.end(), c.folded.begin(), c.folded.end());
      }
    }
    filter.language = std::string(tafel::search::code_of(language));
    auto found = index.find(normalised, filter);
    if (!found) return tl::unexpected(found.error());
    out.hits.insert(out.hits.end(), found->begin(), found->end());
  }
  std::stable_sort(out.hits.begin(), out.hits.end(), [](const SearchHit& a, const SearchHit& b) {
    return a.rank != b.rank ? a.rank > b.rank : a.document.at_us > b.document.at_us;
  });
  return out;
}

}  // namespace tafel::app::search
