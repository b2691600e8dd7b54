#include "text/snowball_analyzer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace tafel::text {

namespace {

// ICU's transliterator and break iterator, made once per thread.
struct IcuObjects {
  std::unique_ptr<icu::Transliterator> fold;
  std::unique_ptr<icu::BreakIterator> words;
  IcuObjects() {
    UErrorCode status = U_ZERO_ERROR;
    fold.reset(icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower",
                                                   UTRANS_FORWARD, status));
    if (U_FAILURE(status)) fold.reset();
    status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) words.reset();
  }
};

IcuObjects& icu_objects() {
  thread_local IcuObjects objects;
  return objects;
}

// One Snowball stemmer per language and thread.
struct Stemmers {
  struct Free {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
  };
  std::unique_ptr<sb_stemmer, Free> dutch{sb_stemmer_new("dutch", "UTF_8")};
  std::unique_ptr<sb_stemmer, Free> french{sb_stemmer_new("french", "UTF_8")};
  std::unique_ptr<sb_stemmer, Free> english{sb_stemmer_new("english", "UTF_8")};
};

sb_stemmer* stemmer_for(search::Language language) {
  thread_local Stemmers stemmers;
  switch (language) {
    case search::Language::dutch: return stemmers.dutch.get();
    case search::Language::french: return stemmers.french.get();
    case search::Language::english: return stemmers.english.get();
    case search::Language::none: break;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> SnowballAnalyzer::words(std::string_view text) const {
  std::vector<std::string> out;
  IcuObjects& icu = icu_objects();
  if (!icu.fold || !icu.words) return out;
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu.fold->transliterate(folded);
  icu.words->setText(folded);
  int32_t start = icu.words->first();
  for (int32_t end = icu.words->next(); end != icu::BreakIterator::DONE; start = end, end = icu.words->next()) {
    // Words and numbers; not spaces, punctuation or symbols.
    const int32_t status = icu.words->getRuleStatus();
    if (status < UBRK_WORD_NUMBER || status >= UBRK_WORD_IDEO_LIMIT) continue;
    std::string word;
    folded.tempSubStringBetween(start, end).toUTF8String(word);
    // ICU keeps "l'ecole" and "d'oeuvre" as one word; French elisions are two, so
    // "oeuvre" finds "main-d'oeuvre".
    std::size_t from = 0;
    for (std::size_t quote = word.find('\''); ; quote = word.find('\'', from)) {
      std::string part = word.substr(from, quote == std::string::npos ? std::string::npos : quote - from);
      if (!part.empty()) out.push_back(std::move(part));
      if (quote == std::string::npos) break;
      from = quote + 1;
    }
  }
  return out;
}

std::string SnowballAnalyzer::stem(std::string_view folded_word, search::Language language) const {
  sb_stemmer* stemmer = stemmer_for(language);
  if (!stemmer || folded_word.empty()) return std::string(folded_word);
  const sb_symbol* stemmed = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                                             static_cast<int>(folded_word.size()));
  if (!stemmed) return std::string(folded_word);  // out of memory: the word unstemmed
  std::string out(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
  // Snowball's Dutch stemmer undoubles only kk, dd and tt ("gezinnen" -> "gezinn"); a
  // Dutch word never ends in a doubled consonant, so neither does its stem here, and
  // "gezin" finds "gezinnen", "man" finds "mannen".
  if (language == search::Language::dutch && out.size() >= 2 && out[out.size() - 1] == out[out.size() - 2] &&
      std::string_view("bcdfghjklmnpqrstvwxz").find(out.back()) != std::string_view::npos) {
    out.pop_back();
  }
  return out;
}

}  // namespace tafel::text
