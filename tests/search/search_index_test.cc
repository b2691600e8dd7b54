// The search index on both engines (issue 14, docs/decisions/0019): every case of
// data/matching.txt is indexed and searched through SqlSearchIndex, and the index must
// find a case's document exactly when core/search/matcher says the query matches it.
// Then the filters, replacing, removing and the order of results.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

#include "app/search/find_in_every_language.h"
#include "app/search/indexing_stores.h"
#include "core/search/matcher.h"
#include "search/matching_cases.h"
#include "storage/search/sql_search_index.h"
#include "support/test_database.h"
#include "text/snowball_analyzer.h"

namespace tafel::storage {
namespace {

using app::search::Kind;
using app::search::SearchDocument;
using app::search::SearchFilter;

using search::testing::read_cases;

class SearchIndexTest : public ::testing::TestWithParam<Engine> {
 protected:
  text::SnowballAnalyzer analyzer;
  search::NormalisedQuery q(const std::string& text, search::Language language = search::Language::dutch) {
    return search::normalise(search::parse_query(text), analyzer, language);
  }
};

bool holds(const std::vector<app::search::SearchHit>& hits, std::int64_t record) {
  for (const auto& h : hits) {
    if (h.document.record_id == record) return true;
  }
  return false;
}

TEST_P(SearchIndexTest, FindsWhatTheMatcherSaysOnEveryCase) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SqlSearchIndex index((*db)->database(), analyzer);
  auto cases = read_cases();
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    SearchDocument d;
    d.kind = Kind::minutes;
    d.record_id = c.line;
    d.language = c.language;
    d.body = c.document;
    d.at_us = c.line;
    ASSERT_TRUE(index.put(d).has_value());
  }
  for (const auto& c : cases) {
    auto query = q(c.query, search::language_of(c.language));
    // The plain-code meaning first: the data file and the matcher agree.
    ASSERT_EQ(search::matches(search::index_text(c.document, analyzer, search::language_of(c.language)), query), c.match)
        << "data/matching.txt:" << c.line;
    SearchFilter all;
    all.limit = 1000;
    auto hits = index.find(query, all);
    ASSERT_TRUE(hits.has_value()) << hits.error().message;
    EXPECT_EQ(holds(*hits, c.line), c.match) << "data/matching.txt:" << c.line << ": [" << c.query << "] in ["
                                             << c.document << "]";
  }
}

TEST_P(SearchIndexTest, FiltersReplacingRemovingAndOrder) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SqlSearchIndex index((*db)->database(), analyzer);
  auto put = [&](Kind kind, std::int64_t id, std::int64_t table, std::int64_t org, std::string body, std::int64_t at) {
    SearchDocument d;
    d.kind = kind;
    d.record_id = id;
    d.table_id = table;
    d.organisation_id = org;
    d.body = std::move(body);
    d.at_us = at;
    ASSERT_TRUE(index.put(d).has_value());
  };
  put(Kind::minutes, 1, 10, 0, "Overlast aan het station, besproken", 100);
  put(Kind::decision, 2, 10, 0, "Extra toezicht aan het station", 200);
  put(Kind::contact_point, 3, 0, 5, "Schuldhulpverlening CAW, station", 300);
  put(Kind::minutes, 4, 11, 0, "Station en overlast, overlast, overlast", 50);

  SearchFilter f;
  auto ids = [&](const SearchFilter& filter, const std::string& text) {
    std::vector<std::int64_t> out;
    auto hits = index.find(q(text), filter);
    EXPECT_TRUE(hits.has_value());
    if (hits) {
      for (const auto& h : *hits) out.push_back(h.document.record_id);
    }
    return out;
  };
  EXPECT_EQ(ids(f, "station").size(), 4u);
  f.kind = Kind::minutes;
  EXPECT_EQ(ids(f, "station").size(), 2u);
  f.table_id = 10;
  EXPECT_EQ(ids(f, "station"), std::vector<std::int64_t>{1});
  SearchFilter by_org;
  by_org.organisation_id = 5;
  EXPECT_EQ(ids(by_org, "station"), std::vector<std::int64_t>{3});
  SearchFilter period;
  period.from_us = 150;
  period.to_us = 300;
  EXPECT_EQ(ids(period, "station"), std::vector<std::int64_t>{2});
  SearchFilter one;
  one.limit = 1;
  EXPECT_EQ(ids(one, "station").size(), 1u);
  // The best first: three times "overlast" ranks above once.
  SearchFilter any;
  auto ranked = ids(any, "overlast");
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0], 4);

  // Putting again replaces; removing removes; an empty query finds nothing.
  put(Kind::decision, 2, 10, 0, "Extra toezicht aan het park", 200);
  EXPECT_EQ(ids(any, "toezicht park"), std::vector<std::int64_t>{2});
  EXPECT_TRUE(ids(any, "toezicht station").empty());
  ASSERT_TRUE(index.remove(Kind::decision, 2).has_value());
  ASSERT_TRUE(index.remove(Kind::decision, 99).has_value());
  EXPECT_TRUE(ids(any, "toezicht").empty());
  EXPECT_TRUE(ids(any, "").empty());
  EXPECT_TRUE(ids(any, "-station").empty());
}

TEST_P(SearchIndexTest, WhatAPersonTypesNeverBreaksTheEnginesQuery) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SqlSearchIndex index((*db)->database(), analyzer);
  SearchDocument d;
  d.kind = Kind::minutes;
  d.record_id = 1;
  d.body = "O'Brien zei: \"dat's niet OK\" (100%) * NEAR AND OR NOT";
  ASSERT_TRUE(index.put(d).has_value());
  for (const char* text : {"\"", "'", "o'brien", "NEAR(", "AND", "OR NOT", "*", "100%", ":*", "\\", "a' | 'b",
                           "dat's", "\"niet ok", "-", "(", ")", "{col}:x", "^", "sint-jans"}) {
    auto hits = index.find(q(text), SearchFilter{});
    EXPECT_TRUE(hits.has_value()) << "[" << text << "]: " << (hits ? "" : hits.error().message);
  }
  auto found = index.find(q("brien"), SearchFilter{});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->size(), 1u);
}

// Typo tolerance (core/search/similar_names.h): a misspelt name of a place, an
// organisation or a person finds the name it is like, as typed last (as you type) or
// not; a known name is not corrected; a word like no name finds nothing; the
// correction is marked for highlighting.
TEST_P(SearchIndexTest, AMisspeltNameFindsTheNameItIsLike) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SqlSearchIndex index((*db)->database(), analyzer);
  auto put = [&](Kind kind, std::int64_t id, const std::string& language, const std::string& title,
                 const std::string& body) {
    SearchDocument d;
    d.kind = kind;
    d.record_id = id;
    d.language = language;
    d.title = title;
    d.body = body;
    ASSERT_TRUE(index.put(d).has_value());
  };
  put(Kind::contact_point, 1, "none", "CAW Oost — Nethegem", "Schuldhulpverlening\nJeanne Dubois");
  put(Kind::situation, 2, "fr", "Rassemblements à Charleroi", "Des jeunes se rassemblent le soir.");
  put(Kind::minutes, 3, "nl", "Overleg Mechelen 2026-03-02", "Het overleg besprak de gezinnen in Genk.");
  auto ids = [&](const std::string& text) {
    std::vector<std::int64_t> out;
    auto found = app::search::find_in_every_language(index, analyzer, search::parse_query(text), SearchFilter{});
    EXPECT_TRUE(found.has_value()) << text;
    if (found) {
      for (const auto& h : found->hits) out.push_back(h.document.record_id);
    }
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids("Nethgem"), V{1});                 // a letter missing, typed last
  EXPECT_EQ(ids("Netegem schuldhulpverlening"), V{1});  // not last
  EXPECT_EQ(ids("schuldhulpverlening Nethegemm"), V{1});  // a letter doubled
  EXPECT_EQ(ids("Mechlen"), V{3});
  EXPECT_EQ(ids("Charleroy"), V{2});
  EXPECT_EQ(ids("Dubbois"), V{1});                 // a person's name
  EXPECT_TRUE(ids("Brussel").empty());             // like no name
  EXPECT_TRUE(ids("Nethgem -schuldhulpverlening").empty());
  // The correction is marked; a known name is its own best match (and so not corrected).
  auto found = app::search::find_in_every_language(index, analyzer, search::parse_query("Nethgem"), SearchFilter{});
  ASSERT_TRUE(found.has_value());
  EXPECT_NE(std::find(found->marked.begin(), found->marked.end(), "nethegem"), found->marked.end());
  auto exact = index.similar_names("mechelen");
  ASSERT_TRUE(exact.has_value());
  ASSERT_FALSE(exact->empty());
  EXPECT_EQ(exact->front(), "mechelen");
}

// A sealed document (a contribution) keeps no readable text in the index: found by
// its words and phrases through the key, never by a prefix, and refused without a key.
TEST_P(SearchIndexTest, ASealedDocumentIsFoundByItsWordsButKeepsNoText) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SearchDocument d;
  d.kind = Kind::contribution;
  d.record_id = 7;
  d.language = "nl";
  d.body = "Drie jongeren dealen aan de Kazernevest";
  d.sealed = true;
  SqlSearchIndex keyless((*db)->database(), analyzer);
  EXPECT_FALSE(keyless.put(d).has_value());
  SqlSearchIndex index((*db)->database(), analyzer, std::vector<std::uint8_t>(32, 7));
  ASSERT_TRUE(index.put(d).has_value());
  auto found = [&](SqlSearchIndex& in, const std::string& text) {
    auto hits = in.find(q(text), SearchFilter{});
    EXPECT_TRUE(hits.has_value()) << text;
    return hits && hits->size() == 1 && hits->front().document.record_id == 7;
  };
  EXPECT_TRUE(found(index, "jongeren"));             // the stem of "jongeren"
  EXPECT_TRUE(found(index, "jongere kazernevest"));  // another form, two words
  EXPECT_TRUE(found(index, "\"drie jongeren\""));    // a phrase
  EXPECT_FALSE(found(index, "kazern"));              // no prefix: no word is kept
  EXPECT_FALSE(found(keyless, "jongeren"));          // without the key: nothing
  EXPECT_FALSE(found(index, "jongeren -dealen"));
  // What a reader of the database sees: no title, no body, no word of the text.
  std::string stored;
  ASSERT_TRUE((*db)->database().with_session([&](soci::session& s) {
    std::string title, body, stems, words;
    s << "SELECT title, body, stems, words FROM search_documents WHERE kind = 'contribution'", soci::into(title),
        soci::into(body), soci::into(stems), soci::into(words);
    stored = title + "|" + body + "|" + stems + "|" + words;
  }));
  for (const char* word : {"drie", "jong", "deal", "kazernevest"}) {
    EXPECT_EQ(stored.find(word), std::string::npos) << stored;
  }
  auto hit = index.find(q("jongeren"), SearchFilter{});
  ASSERT_TRUE(hit && !hit->empty());
  EXPECT_TRUE(hit->front().document.body.empty());
}

// A saved table puts again only the documents that changed (fingerprints): a table of
// ten years must not rewrite thousands of entries for one new decision.
class CountingIndex final : public app::search::SearchIndex {
 public:
  explicit CountingIndex(app::search::SearchIndex& inner) : inner_(inner) {}
  Result<void> put(const SearchDocument& d) override {
    ++puts;
    return inner_.put(d);
  }
  Result<void> remove(Kind kind, std::int64_t id) override {
    ++removes;
    return inner_.remove(kind, id);
  }
  Result<std::vector<app::search::IndexedRecord>> table_records(std::int64_t table) override {
    return inner_.table_records(table);
  }
  Result<std::vector<std::string>> similar_names(const std::string& word) override {
    return inner_.similar_names(word);
  }
  Result<std::vector<app::search::SearchHit>> find_any(const std::vector<app::search::LanguageQuery>& q,
                                                       const SearchFilter& f) override {
    return inner_.find_any(q, f);
  }
  int puts = 0, removes = 0;

 private:
  app::search::SearchIndex& inner_;
};

TEST_P(SearchIndexTest, ASavedTablePutsOnlyWhatChanged) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SqlSearchIndex sql((*db)->database(), analyzer);
  CountingIndex index(sql);
  tables::Table table;
  table.id = 4;
  table.name = "Overleg Oosterveld";
  for (std::int64_t m = 1; m <= 10; ++m) {
    tables::Meeting meeting;
    meeting.id = m;
    meeting.starts_at_us = m * 1'000'000;
    meeting.decisions.push_back({m * 10, 0, "Extra toezicht " + std::to_string(m)});
    table.meetings.push_back(meeting);
  }
  ASSERT_TRUE(app::search::reindex_table(index, table, analyzer));
  EXPECT_EQ(index.puts, 10);
  ASSERT_TRUE(app::search::reindex_table(index, table, analyzer));
  EXPECT_EQ(index.puts, 10);  // nothing changed: nothing written
  table.meetings[3].decisions[0].text = "Camera aan het plein";
  table.meetings[5].decisions.clear();
  ASSERT_TRUE(app::search::reindex_table(index, table, analyzer));
  EXPECT_EQ(index.puts, 11);
  EXPECT_EQ(index.removes, 1);
  auto found = sql.find(q("camera"), SearchFilter{});
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().document.record_id, 40);
  auto gone = sql.find(q("toezicht"), SearchFilter{});
  ASSERT_TRUE(gone.has_value());
  EXPECT_EQ(gone->size(), 8u);
}

// PostgreSQL keeps marker lexemes in its terms (migration 0027: "~lang=nl",
// "~kind=minutes", ...): whatever a person types, no marker is found as a word.
TEST_P(SearchIndexTest, TheIndexMarkersAreNeverFoundAsWords) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  SqlSearchIndex index((*db)->database(), analyzer);
  SearchDocument d;
  d.kind = Kind::minutes;
  d.record_id = 1;
  d.at_us = 1'700'000'000'000'000;
  d.body = "Overlast aan het station";
  ASSERT_TRUE(index.put(d).has_value());
  for (const char* text : {"~lang=nl", "lang", "nl", "~kind=minutes", "kind", "minutes", "block", "~block=0",
                           "year", "53", "\"~lang=nl\""}) {
    auto hits = app::search::find_in_every_language(index, analyzer, search::parse_query(text), SearchFilter{});
    ASSERT_TRUE(hits.has_value()) << text;
    EXPECT_TRUE(hits->hits.empty()) << "[" << text << "] found a document by its index markers";
  }
  SearchFilter minutes;
  minutes.kind = Kind::minutes;
  minutes.from_us = 1'690'000'000'000'000;
  minutes.to_us = 1'710'000'000'000'000;
  auto found = index.find(q("station"), minutes);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->size(), 1u);  // the kind and the period (two year markers) as filters
}

// At scale (PostgreSQL, docs/search.md "Speed"): any query, filtered or not, ranks only
// its kRankWithin most recently indexed matches, looked up first among the newest
// blocks of ids; a word with fewer matches there is looked up among all. The index is
// made to span many blocks by moving ids (the generated markers follow the row).
TEST_P(SearchIndexTest, ALookupRanksOnlyTheNewestMatchesFilteredOrNot) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  if (GetParam() != Engine::postgresql) GTEST_SKIP() << "the window of id blocks is PostgreSQL's";
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db.has_value()) << db.error().message;
  auto& database = (*db)->database();
  SqlSearchIndex index(database, analyzer);
  const std::int64_t newest = static_cast<std::int64_t>(SqlSearchIndex::kRankWithin) + 50;
  // Old documents say "overlast" three times (they would rank first) and one of them
  // holds a rare word; the newest kRankWithin + 50 say it once.
  auto filled = database.transaction([&](soci::session&) {
    for (std::int64_t i = 1; i <= 100 + newest; ++i) {
      SearchDocument d;
      d.kind = Kind::decision;
      d.record_id = i;
      d.at_us = i;
      d.body = i <= 100 ? "Overlast, overlast, overlast" : "Overlast aan het station";
      if (i == 7) d.body += " zeldzaam";
      if (!index.put(d)) throw std::runtime_error("put");
    }
  });
  ASSERT_TRUE(filled.has_value()) << filled.error().message;
  // The old ones in block 0, the newest in the last blocks.
  const long long jump = 20 * SqlSearchIndex::kBlockMarkerIds;
  auto moved = database.with_session([&](soci::session& s) {
    s << "UPDATE search_documents SET id = id + :j WHERE record_id > 100", soci::use(jump);
  });
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  auto best = [&](const SearchFilter& filter) -> std::int64_t {
    auto hits = index.find(q("overlast"), filter);
    EXPECT_TRUE(hits.has_value());
    return hits && !hits->empty() ? hits->front().document.record_id : 0;
  };
  SearchFilter all;
  EXPECT_GT(best(all), 100);  // the old ones rank higher but are not among the newest
  SearchFilter decisions;
  decisions.kind = Kind::decision;
  EXPECT_GT(best(decisions), 100);  // a filtered query is bounded the same way
  auto rare = index.find(q("zeldzaam"), all);
  ASSERT_TRUE(rare.has_value());
  ASSERT_EQ(rare->size(), 1u);  // outside the newest blocks: found among all
  EXPECT_EQ(rare->front().document.record_id, 7);
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchIndexTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel::storage
