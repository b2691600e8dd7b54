#pragma once
// How text becomes search terms (issue 14). The index keeps, for every document, its
// words folded (lower case, no diacritics: "Éénoudergezin" -> "eenoudergezin",
// "Liège" -> "liege") and their stems in the document's language ("gezinnen" and
// "gezin" -> "gezin"); a query is turned into terms the same way, so the same query
// finds the same documents on SQLite and on PostgreSQL, whatever each engine's own
// text search would do.
//
// The implementation (src/text, ICU and Snowball's libstemmer) is an adapter; core
// only states the contract, and tests use the real one.

#include <string>
#include <string_view>
#include <vector>

namespace tafel::search {

// The language of a document or query. `none` is for names of places, people and
// organisations, which are folded but never stemmed ("Gent" is not a verb).
enum class Language { dutch, french, english, none };

// "nl", "fr", "en" or "none" (anything else).
Language language_of(std::string_view code);
std::string_view code_of(Language language);

// The likely language of folded `words` (Analyzer::words): the one whose common
// function words ("de", "het", "een" / "le", "la", "les", "des" / "the", "and", "of")
// occur most; `fallback` when none occurs. Tables and situations have no language
// field; their texts are stemmed in the language they are written in.
Language guess_language(const std::vector<std::string>& words, Language fallback = Language::dutch);

class Analyzer {
 public:
  virtual ~Analyzer() = default;

  // The words of `text` in order, each folded: lower case, diacritics and ligatures
  // taken apart ("œ" -> "oe", "ß" -> "ss"), split at word boundaries; numbers are
  // words too; punctuation is dropped. Never fails: invalid UTF-8 is skipped.
  virtual std::vector<std::string> words(std::string_view text) const = 0;

  // The stem of one folded word in `language`; the word itself for Language::none.
  virtual std::string stem(std::string_view folded_word, Language language) const = 0;

  // stem() of every word of `text`.
  std::vector<std::string> terms(std::string_view text, Language language) const;
};

}  // namespace tafel::search
