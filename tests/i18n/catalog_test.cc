// The translation catalogs: complete in nl, fr and en, and well-formed.
#include <gtest/gtest.h>

#include "i18n/catalog.h"

namespace tafel::i18n {
namespace {

TEST(CatalogTest, EveryKeyExistsInEveryLanguage) {
  const auto missing = Catalog::builtin().missing_keys();
  EXPECT_TRUE(missing.empty()) << "missing translations, e.g. " << (missing.empty() ? "" : missing.front())
                               << " (" << missing.size() << " in all)";
}

TEST(CatalogTest, EveryPatternParses) {
  const auto bad = Catalog::builtin().malformed_patterns();
  EXPECT_TRUE(bad.empty()) << (bad.empty() ? "" : bad.front());
}

TEST(CatalogTest, FormatsPluralsPerLanguage) {
  const EmbeddedFile files[] = {
      {"t.en.json", R"({"items": "{n, plural, one {# item} other {# items}}"})"},
      {"t.fr.json", R"({"items": "{n, plural, one {# élément} other {# éléments}}"})"},
      {"t.nl.json", R"({"items": "{n, plural, one {# item} other {# items}}"})"},
  };
  auto catalog = Catalog::parse(files);
  ASSERT_TRUE(catalog) << catalog.error().message;
  EXPECT_EQ(catalog->translate("en", "items", {{"n", std::int64_t{0}}}), "0 items");
  EXPECT_EQ(catalog->translate("fr", "items", {{"n", std::int64_t{0}}}), "0 élément");  // French: 0 is singular
  EXPECT_EQ(catalog->translate("nl", "items", {{"n", std::int64_t{1}}}), "1 item");
}

TEST(CatalogTest, MissingKeyShowsTheKey) {
  EXPECT_EQ(Catalog::builtin().translate("en", "no.such.key"), "no.such.key");
}

TEST(CatalogTest, RejectsDuplicateKeysAndUnknownLanguages) {
  const EmbeddedFile dup[] = {{"a.en.json", R"({"k": "x"})"}, {"b.en.json", R"({"k": "y"})"}};
  EXPECT_FALSE(Catalog::parse(dup));
  const EmbeddedFile unknown_lang[] = {{"a.de.json", R"({"k": "x"})"}};
  EXPECT_FALSE(Catalog::parse(unknown_lang));
  const EmbeddedFile not_json[] = {{"a.en.json", "{"}};
  EXPECT_FALSE(Catalog::parse(not_json));
}

TEST(NegotiateTest, PicksTheBestSupportedLanguage) {
  EXPECT_EQ(negotiate("fr-BE,fr;q=0.9,en;q=0.8"), "fr");
  EXPECT_EQ(negotiate("de-DE,en;q=0.5,nl;q=0.7"), "nl");
  EXPECT_EQ(negotiate("de"), "nl");
  EXPECT_EQ(negotiate(""), "nl");
  EXPECT_EQ(negotiate("EN-gb"), "en");
}

}  // namespace
}  // namespace tafel::i18n
