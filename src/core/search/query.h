#pragma once
// The query language of the search box (issue 14), the same on every storage engine:
//
//   station plein      every word must match, in any order (AND)
//   "station plein"    the words next to each other, in this order
//   -overlast          no result holds this word
//   statio             the last word, typed without a space after it, also matches
//                      as the start of a word ("as you type")
//
// Parsing knows nothing of languages: the words stay as typed. normalise() (below)
// turns them into the terms the index keeps, through an Analyzer.

#include <string>
#include <string_view>
#include <vector>

#include "core/search/analyzer.h"

namespace tafel::search {

struct Clause {
  std::vector<std::string> words;  // as typed; one word unless a phrase
  bool phrase = false;             // "..." : words adjacent, in order
  bool excluded = false;           // -word or -"..." : must not match
  bool prefix = false;             // the last word, still being typed
};

struct Query {
  std::vector<Clause> clauses;
  // True if nothing would be searched for (only spaces, quotes or dashes).
  bool empty() const { return clauses.empty(); }
};

// Parses what a person typed. Never fails: an unclosed quote ends at the end of the
// text, a lone "-" is ignored, words are split on spaces. At most kMaxClauses clauses
// are kept (the rest is ignored), so a pasted page cannot make a query of thousands.
inline constexpr std::size_t kMaxClauses = 12;
Query parse_query(std::string_view text);

// A clause with its words as index terms: `terms` are the stems (Analyzer::stem of
// each folded word), `folded` the folded words before stemming (for prefixes: a
// partly typed word has no meaningful stem). A word that folds to nothing (only
// punctuation) is dropped; a clause left without words is dropped.
//
// `corrections` (word clauses only) are known names similar to the typed word
// (similar_names.h), each a folded word that also matches: "nethgem" finds "nethegem".
struct NormalisedClause {
  std::vector<std::string> terms;
  std::vector<std::string> folded;
  std::vector<std::string> corrections;
  // The clause's terms as a sealed document keeps them (keyed hashes, in the order of
  // `terms`); set by the index that keys them, empty otherwise.
  std::vector<std::string> sealed;
  bool phrase = false;
  bool excluded = false;
  bool prefix = false;
};

struct NormalisedQuery {
  std::vector<NormalisedClause> clauses;
  bool empty() const { return clauses.empty(); }
};

NormalisedQuery normalise(const Query& query, const Analyzer& analyzer, Language language);

}  // namespace tafel::search
