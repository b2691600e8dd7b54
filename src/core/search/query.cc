#include "core/search/query.h"

namespace tafel::search {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Splits a phrase's text on spaces.
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

Query parse_query(std::string_view text) {
  Query query;
  std::size_t i = 0;
  while (i < text.size() && query.clauses.size() < kMaxClauses) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    Clause clause;
    if (text[i] == '-') {
      clause.excluded = true;
      ++i;
    }
    if (i < text.size() && text[i] == '"') {
      std::size_t end = text.find('"', i + 1);
      std::string_view inside = text.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1);
      clause.words = split_words(inside);
      clause.phrase = clause.words.size() > 1;
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      std::size_t start = i;
      while (i < text.size() && !is_space(text[i])) ++i;
      if (i > start) clause.words.emplace_back(text.substr(start, i - start));
      // Still being typed: the last word, with nothing after it.
      clause.prefix = !clause.excluded && i == text.size();
    }
    if (!clause.words.empty()) query.clauses.push_back(std::move(clause));
  }
  return query;
}

NormalisedQuery normalise(const Query& query, const Analyzer& analyzer, Language language) {
  NormalisedQuery out;
  for (const auto& clause : query.clauses) {
    NormalisedClause n;
    n.phrase = clause.phrase;
    n.excluded = clause.excluded;
    n.prefix = clause.prefix;
    for (const auto& word : clause.words) {
      // A typed word may hold several (e.g. "sint-jans"): each is a word of the clause,
      // so the clause becomes a phrase of them.
      for (auto& folded : analyzer.words(word)) {
        n.terms.push_back(analyzer.stem(folded, language));
        n.folded.push_back(std::move(folded));
      }
    }
    if (n.terms.empty()) continue;
    if (n.terms.size() > 1) {
      n.phrase = true;
      n.prefix = false;
    }
    out.clauses.push_back(std::move(n));
  }
  return out;
}

}  // namespace tafel::search
