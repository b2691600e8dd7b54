#pragma once
// SearchIndex on SQL (migrations 0020, 0021, 0027): the terms come from a
// search::Analyzer (the same one for documents and queries); SQLite answers with its
// FTS5 table (the language a column of it), PostgreSQL with 'simple' tsqueries on the
// GIN index of the stored tsvector, whose marker lexemes (language, kind, block of ids,
// year) make every language and filter one exact index condition (docs/search.md,
// docs/decisions/0019, 0028).

#include <cstdint>
#include <vector>

#include "app/search/search_index.h"
#include "core/search/analyzer.h"
#include "storage/database.h"

namespace soci {
class session;
}

namespace tafel::storage {

class SqlSearchIndex final : public app::search::SearchIndex {
 public:
  // An unfiltered query ranks only this many of its matches, the most recently
  // indexed (docs/search.md, "Speed").
  static constexpr std::size_t kRankWithin = 2000;
  // PostgreSQL's marker lexemes (migration 0027): a document's block of ids, its year
  // bucket, and how many of the newest blocks a lookup looks in first (a window of
  // less than half the blocks; else it looks among all at once).
  static constexpr long long kBlockMarkerIds = 4096;
  static constexpr long long kYearMarkerUs = 31'557'600'000'000;  // a Julian year
  static constexpr long long kWindowBlocks = 8;

  // `term_key` (32 bytes) keys the terms of sealed documents; without one a sealed
  // document is refused ("invalid_input") and queries look for none.
  SqlSearchIndex(Database& database, const search::Analyzer& analyzer, std::vector<std::uint8_t> term_key = {})
      : db_(database), analyzer_(analyzer), term_key_(std::move(term_key)) {}

  Result<void> put(const app::search::SearchDocument& document) override;
  Result<void> remove(app::search::Kind kind, std::int64_t record_id) override;
  Result<std::vector<app::search::IndexedRecord>> table_records(std::int64_t table_id) override;
  Result<std::vector<app::search::SearchHit>> find_any(const std::vector<app::search::LanguageQuery>& queries,
                                                       const app::search::SearchFilter& filter) override;
  Result<std::vector<std::string>> similar_names(const std::string& word) override;

 private:
  Result<std::vector<app::search::SearchHit>> find_in_sqlite(const std::vector<app::search::LanguageQuery>& queries,
                                                              const app::search::SearchFilter& filter);
  Result<std::vector<app::search::SearchHit>> find_in_postgresql(
      const std::vector<app::search::LanguageQuery>& queries, const app::search::SearchFilter& filter);

  // Adds the name-like words among `words` to the known names (inside put's transaction).
  void add_names(soci::session& s, const std::vector<std::string>& words);

  // `query` with, for each term, its keyed form as an alternative (sealed documents).
  search::NormalisedQuery with_sealed_terms(search::NormalisedQuery query) const;

  Database& db_;
  const search::Analyzer& analyzer_;
  std::vector<std::uint8_t> term_key_;
};

// The keyed form of a term: "k" and the first 16 hex digits of HMAC-SHA256(key, term).
std::string sealed_term(const std::vector<std::uint8_t>& key, const std::string& term);

// The engines' query texts for `query`, or "" when it has no clause to look for.
// Each clause may carry `sealed` alternatives (NormalisedClause::sealed): OR'ed in.
// FTS5: stems:"t" AND (stems:"t" OR words:"p"* OR stems:"p"*) ... NOT (...); a
// correction c of a word clause adds OR words:"c".
std::string fts5_query(const search::NormalisedQuery& query);
// FTS5, for the same query normalised in several languages (each LanguageQuery of
// one language, the clauses alike but for their stems): one expression in which a stem
// is filtered to the languages it is the stem in (language:nl ...), and a stem the
// same in every language, a prefix and a correction are not filtered at all; "" when
// the queries are not of that shape. With `term_key`, keyed stems are alternatives.
std::string fts5_query_in_languages(const std::vector<app::search::LanguageQuery>& queries,
                                    const std::vector<std::uint8_t>& term_key);
// PostgreSQL to_tsquery('simple', ...): 't' & ('t' | 'p':*) & ('a' <-> 'b') & !(...); a
// correction adds | 'c'.
std::string tsquery(const search::NormalisedQuery& query);

}  // namespace tafel::storage
