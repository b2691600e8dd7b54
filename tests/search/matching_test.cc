// What a query finds (issue 14), data-driven like DuckDB's tests: every line of
// data/matching.txt is a document, a query and whether the query finds it, through
// the real analyzer (ICU folding, Snowball stemmers) and core/search/matcher. The
// storage engines' index tests read the same file, so SQLite and PostgreSQL are held
// to these cases.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/search/matcher.h"
#include "text/snowball_analyzer.h"

namespace tafel::search {
namespace {

struct Case {
  int line = 0;
  Language language = Language::none;
  std::string document, query;
  bool match = false;
};

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<Case> read_cases() {
  std::ifstream in(std::string(TAFEL_SOURCE_DIR) + "/tests/search/data/matching.txt");
  std::vector<Case> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '|');) fields.push_back(trim(f));
    EXPECT_EQ(fields.size(), 4u) << "data/matching.txt:" << n << ": language | document | query | match or no";
    if (fields.size() != 4) continue;
    out.push_back({n, language_of(fields[0]), fields[1], fields[2], fields[3] == "match"});
  }
  return out;
}

TEST(SearchMatching, EveryCaseOfTheDataFile) {
  text::SnowballAnalyzer analyzer;
  auto cases = read_cases();
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    // A query typed to the end: the cases are whole words unless they say otherwise.
    NormalisedQuery q = normalise(parse_query(c.query), analyzer, c.language);
    EXPECT_EQ(matches(index_text(c.document, analyzer, c.language), q), c.match)
        << "data/matching.txt:" << c.line << ": [" << c.query << "] in [" << c.document << "]";
  }
}

TEST(SearchMatching, FoldingTakesDiacriticsLigaturesAndCaseApart) {
  text::SnowballAnalyzer analyzer;
  EXPECT_EQ(analyzer.words("Éénoudergezin"), std::vector<std::string>{"eenoudergezin"});
  EXPECT_EQ(analyzer.words("LIÈGE, Straße; œuvre"), (std::vector<std::string>{"liege", "strasse", "oeuvre"}));
  EXPECT_EQ(analyzer.words("l’école d'œuvre"), (std::vector<std::string>{"l", "ecole", "d", "oeuvre"}));
  EXPECT_EQ(analyzer.words("2999 Nethegem, tel. 014 00 10 00"),
            (std::vector<std::string>{"2999", "nethegem", "tel", "014", "00", "10", "00"}));
  EXPECT_TRUE(analyzer.words("  ,;!? ").empty());
  EXPECT_TRUE(analyzer.words("\xff\xfe invalid").size() <= 2u);  // never throws, never crashes
}

TEST(SearchMatching, StemsJoinTheFormsOfAWordPerLanguage) {
  text::SnowballAnalyzer analyzer;
  EXPECT_EQ(analyzer.stem("gezinnen", Language::dutch), analyzer.stem("gezin", Language::dutch));
  EXPECT_EQ(analyzer.stem("mannen", Language::dutch), analyzer.stem("man", Language::dutch));
  EXPECT_EQ(analyzer.stem("straten", Language::dutch), analyzer.stem("straat", Language::dutch));
  EXPECT_EQ(analyzer.stem("familles", Language::french), analyzer.stem("famille", Language::french));
  EXPECT_EQ(analyzer.stem("counselling", Language::english), analyzer.stem("counsel", Language::english));
  EXPECT_EQ(analyzer.stem("gent", Language::none), "gent");  // names are never stemmed
  EXPECT_EQ(analyzer.stem("11", Language::dutch), "11");     // numbers are not Dutch words
}

TEST(SearchMatching, APrefixFindsWordsWhileTheyAreTyped) {
  text::SnowballAnalyzer analyzer;
  auto doc = index_text("Schuldhulpverlening in Nethegem", analyzer, Language::dutch);
  EXPECT_TRUE(matches(doc, normalise(parse_query("schuldhulp"), analyzer, Language::dutch)));
  EXPECT_FALSE(matches(doc, normalise(parse_query("schuldhulp "), analyzer, Language::dutch)));
  EXPECT_TRUE(matches(doc, normalise(parse_query("nethe"), analyzer, Language::dutch)));
}

}  // namespace
}  // namespace tafel::search
