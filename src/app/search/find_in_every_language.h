#pragma once
// The index lookup of one query typed into the box (issue 14), before any rights are
// checked: the query is normalised once per language the index holds (nl, fr, en, and
// none for names), each looked up among the documents of that language, and the hits
// merged best first, then newest. A word that is not a known name but is like one
// (a typo: core/search/similar_names.h) also finds the names it is like. SearchService calls it; so does `tafel bench
// search`, so the benchmark measures the lookup people wait for.

#include <string>
#include <vector>

#include "app/search/search_index.h"
#include "core/search/analyzer.h"
#include "core/search/query.h"

namespace tafel::app::search {

struct Lookup {
  std::vector<SearchHit> hits;      // best first; at most filter.limit per language
  std::vector<std::string> marked;  // the folded words of the positive clauses, to highlight
};

// Looks `query` up in `index` with `filter` (its language is set per lookup). An empty
// query (or one of exclusions only) finds nothing and is not an error.
Result<Lookup> find_in_every_language(SearchIndex& index, const tafel::search::Analyzer& analyzer,
                                      const tafel::search::Query& query, SearchFilter filter);

}  // namespace tafel::app::search
