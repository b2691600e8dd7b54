#pragma once
// search::Analyzer with ICU and Snowball (docs/search.md): words are found with ICU's
// word break iterator, folded with the ICU transliterator
// "NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower" (so "Éénoudergezin",
// "eenoudergezin" and "EENOUDERGEZIN" are one word, "œuvre" is "oeuvre"), and stemmed
// with libstemmer's dutch, french or english stemmer.
//
// Thread-safe: each thread keeps its own ICU and Snowball objects (neither is safe to
// share while in use).

#include "core/search/analyzer.h"

namespace tafel::text {

class SnowballAnalyzer final : public search::Analyzer {
 public:
  std::vector<std::string> words(std::string_view text) const override;
  std::string stem(std::string_view folded_word, search::Language language) const override;
};

}  // namespace tafel::text
