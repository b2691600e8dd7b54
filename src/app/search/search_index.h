#pragma once
// The search index (issue 14): one row per searchable record, with the terms tafel
// computed for it (docs/search.md, docs/decisions/0019). The index finds candidates;
// whether a user may see a candidate is decided by the use case above it, record by
// record, the way the record's own page decides.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/search/query.h"

namespace tafel::app::search {

// What a result is. The spelling of each is its name in the API and the database.
enum class Kind { situation, minutes, decision, action, contact_point, agreement, contribution };
std::string_view name_of(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);

// A record as the index keeps it. (kind, record_id) names it: putting it again
// replaces it. `language` is the text's: nl, fr, en, or none for names.
struct SearchDocument {
  Kind kind = Kind::situation;
  std::int64_t record_id = 0;
  std::int64_t table_id = 0;         // the table it lives at; 0: none
  std::int64_t organisation_id = 0;  // the organisation it belongs to; 0: none
  std::string language = "nl";
  std::string title;
  std::string body;
  std::int64_t at_us = 0;  // when it happened or was last changed
  // A sealed document (a contribution: sealed at rest) keeps no text in the index: its
  // title and body are not stored, its terms only as keyed hashes (the index's key),
  // so it is found by whole words and phrases, never by prefix or correction, and the
  // index reveals nothing of it to whoever reads the database without the key.
  bool sealed = false;
  // Contributions, when shown: where they were added (filled from the record, never
  // indexed).
  std::int64_t situation_id = 0, case_id = 0;
};

struct SearchHit {
  SearchDocument document;
  double rank = 0;  // higher is better; only comparable within one answer
};

struct SearchFilter {
  std::optional<Kind> kind;
  std::optional<std::string> language;  // only documents in this language (nl, fr, en, none)
  std::optional<std::int64_t> table_id;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> from_us, to_us;  // at_us in [from_us, to_us)
  std::size_t limit = 50;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // Adds or replaces `document`. Inside a transaction of the same database it joins
  // it, so the index changes with the record it describes.
  virtual Result<void> put(const SearchDocument& document) = 0;

  // Removes the record; removing a record that is not indexed succeeds.
  virtual Result<void> remove(Kind kind, std::int64_t record_id) = 0;

  // Removes the minutes, decisions and actions of table `table_id` (before they are
  // put again from the saved table, so a removed decision leaves the index too).
  virtual Result<void> remove_table_records(std::int64_t table_id) = 0;

  // The known names (core/search/similar_names.h) most similar to the folded word
  // `word`, most similar first, each at least kSimilarNames alike; at most
  // kMaxCorrections. `word` itself leads when it is a known name.
  virtual Result<std::vector<std::string>> similar_names(const std::string& word) = 0;

  // The documents matching `query` (core/search/matcher.h states the meaning) and
  // `filter`, best first, then newest; at most filter.limit. An empty query (or one of
  // exclusions only) finds nothing.
  virtual Result<std::vector<SearchHit>> find(const tafel::search::NormalisedQuery& query,
                                              const SearchFilter& filter) = 0;
};

}  // namespace tafel::app::search
