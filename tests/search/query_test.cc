// The query language of the search box (core/search/query.h): what a person types.
#include <gtest/gtest.h>

#include "core/search/query.h"

namespace tafel::search {
namespace {

TEST(SearchQuery, WordsAreClausesAndTheLastOneIsStillBeingTyped) {
  Query q = parse_query("overlast  statio");
  ASSERT_EQ(q.clauses.size(), 2u);
  EXPECT_EQ(q.clauses[0].words, std::vector<std::string>{"overlast"});
  EXPECT_FALSE(q.clauses[0].prefix);
  EXPECT_EQ(q.clauses[1].words, std::vector<std::string>{"statio"});
  EXPECT_TRUE(q.clauses[1].prefix);
}

TEST(SearchQuery, ATrailingSpaceEndsTheLastWord) {
  Query q = parse_query("station ");
  ASSERT_EQ(q.clauses.size(), 1u);
  EXPECT_FALSE(q.clauses[0].prefix);
}

TEST(SearchQuery, QuotesMakeAPhraseAndADashExcludes) {
  Query q = parse_query(R"("speelplein heidebaan" -overlast -"stad gent")");
  ASSERT_EQ(q.clauses.size(), 3u);
  EXPECT_TRUE(q.clauses[0].phrase);
  EXPECT_EQ(q.clauses[0].words, (std::vector<std::string>{"speelplein", "heidebaan"}));
  EXPECT_TRUE(q.clauses[1].excluded);
  EXPECT_FALSE(q.clauses[1].prefix);  // an exclusion is never a prefix
  EXPECT_TRUE(q.clauses[2].excluded);
  EXPECT_TRUE(q.clauses[2].phrase);
}

TEST(SearchQuery, WhatCannotBeParsedIsReadAsWellAsItCanBe) {
  EXPECT_TRUE(parse_query("").empty());
  EXPECT_TRUE(parse_query("   - \"\" ").empty());
  Query unclosed = parse_query(R"(schuld "hulp verlening)");
  ASSERT_EQ(unclosed.clauses.size(), 2u);
  EXPECT_TRUE(unclosed.clauses[1].phrase);
  EXPECT_EQ(unclosed.clauses[1].words.size(), 2u);
}

TEST(SearchQuery, APastedPageGivesAtMostTwelveClauses) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "woord" + std::to_string(i) + " ";
  EXPECT_EQ(parse_query(text).clauses.size(), kMaxClauses);
}

}  // namespace
}  // namespace tafel::search
