#include "core/search/matcher.h"

#include <algorithm>

namespace tafel::search {

IndexedText index_text(std::string_view text, const Analyzer& analyzer, Language language) {
  IndexedText out;
  out.words = analyzer.words(text);
  out.stems.reserve(out.words.size());
  for (const auto& w : out.words) out.stems.push_back(analyzer.stem(w, language));
  return out;
}

namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool clause_matches(const IndexedText& d, const NormalisedClause& c) {
  if (!c.phrase) {
    if (std::find(d.stems.begin(), d.stems.end(), c.terms[0]) != d.stems.end()) return true;
    for (const auto& correction : c.corrections) {
      if (std::find(d.words.begin(), d.words.end(), correction) != d.words.end()) return true;
    }
    if (!c.prefix) return false;
    for (std::size_t i = 0; i < d.words.size(); ++i) {
      if (starts_with(d.words[i], c.folded[0]) || starts_with(d.stems[i], c.folded[0])) return true;
    }
    return false;
  }
  if (c.terms.size() > d.stems.size()) return false;
  for (std::size_t i = 0; i + c.terms.size() <= d.stems.size(); ++i) {
    if (std::equal(c.terms.begin(), c.terms.end(), d.stems.begin() + static_cast<std::ptrdiff_t>(i))) return true;
  }
  return false;
}

}  // namespace

bool matches(const IndexedText& document, const NormalisedQuery& query) {
  bool any = false;
  for (const auto& clause : query.clauses) {
    const bool hit = clause_matches(document, clause);
    if (clause.excluded ? hit : !hit) return false;
    if (!clause.excluded) any = true;
  }
  return any;  // a query of exclusions only matches nothing: it names nothing to find
}

}  // namespace tafel::search
