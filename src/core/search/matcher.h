#pragma once
// The meaning of a normalised query against one document, stated as plain code (issue
// 14). The storage engines answer queries with their own indexes (SQLite FTS5,
// PostgreSQL tsvector); their tests check them against this function on the same
// cases, so both engines agree with one definition.

#include <string>
#include <vector>

#include "core/search/query.h"

namespace tafel::search {

// A document as the index keeps it: its folded words and their stems, in order
// (stems[i] is the stem of words[i]).
struct IndexedText {
  std::vector<std::string> words;
  std::vector<std::string> stems;
};

IndexedText index_text(std::string_view text, const Analyzer& analyzer, Language language);

// True if `document` matches every clause of `query` that is not excluded and none
// that is: a word clause when its term is one of the stems or one of its corrections
// one of the folded words (or, for the prefix clause, when a folded word or a stem
// starts with its folded word); a phrase when its terms are consecutive stems. An empty query matches nothing.
bool matches(const IndexedText& document, const NormalisedQuery& query);

}  // namespace tafel::search
