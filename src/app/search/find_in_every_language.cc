#include "app/search/find_in_every_language.h"

#include <algorithm>

#include "core/search/similar_names.h"

namespace tafel::app::search {

Result<Lookup> find_in_every_language(SearchIndex& index, const tafel::search::Analyzer& analyzer,
                                      const tafel::search::Query& query, SearchFilter filter) {
  Lookup out;
  if (query.empty()) return out;
  // Corrections are of folded words, the same in every language: found once.
  std::vector<std::vector<std::string>> corrections;
  for (const auto& c : tafel::search::normalise(query, analyzer, tafel::search::Language::none).clauses) {
    corrections.emplace_back();
    if (c.phrase || c.excluded || !tafel::search::name_like(c.folded[0])) continue;
    auto similar = index.similar_names(c.folded[0]);
    if (!similar) return tl::unexpected(similar.error());
    // A known name is taken as meant: no corrections.
    if (similar->empty() || similar->front() == c.folded[0]) continue;
    corrections.back() = std::move(*similar);
    out.marked.insert(out.marked.end(), corrections.back().begin(), corrections.back().end());
  }
  for (auto language : {tafel::search::Language::dutch, tafel::search::Language::french,
                        tafel::search::Language::english, tafel::search::Language::none}) {
    auto normalised = tafel::search::normalise(query, analyzer, language);
    if (normalised.empty()) return out;
    if (language == tafel::search::Language::dutch) {
      for (const auto& c : normalised.clauses) {
        if (!c.excluded) out.marked.insert(out.marked.end(), c.folded.begin(), c.folded.end());
      }
    }
    // Folding does not depend on the language: the clauses are the same ones.
    for (std::size_t i = 0; i < normalised.clauses.size() && i < corrections.size(); ++i) {
      normalised.clauses[i].corrections = corrections[i];
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
