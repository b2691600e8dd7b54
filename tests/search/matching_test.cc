// What a query finds (issue 14), data-driven like DuckDB's tests: every line of
// data/matching.txt is a document, a query and whether the query finds it, through
// the real analyzer (ICU folding, Snowball stemmers) and core/search/matcher. The
// storage engines' index tests read the same file, so SQLite and PostgreSQL are held
// to these cases.
#include <gtest/gtest.h>

#include "core/search/matcher.h"
#include "search/matching_cases.h"
#include "text/snowball_analyzer.h"

namespace tafel::search {
namespace {

using testing::read_cases;

TEST(SearchMatching, EveryCaseOfTheDataFile) {
  text::SnowballAnalyzer analyzer;
  auto cases = read_cases();
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    // A query typed to the end: the cases are whole words unless they say otherwise.
    const Language language = language_of(c.language);
    NormalisedQuery q = normalise(parse_query(c.query), analyzer, language);
    EXPECT_EQ(matches(index_text(c.document, analyzer, language), q), c.match)
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
