#include "core/search/analyzer.h"

namespace tafel::search {

Language language_of(std::string_view code) {
  if (code == "nl") return Language::dutch;
  if (code == "fr") return Language::french;
  if (code == "en") return Language::english;
  return Language::none;
}

std::string_view code_of(Language language) {
  switch (language) {
    case Language::dutch: return "nl";
    case Language::french: return "fr";
    case Language::english: return "en";
    case Language::none: break;
  }
  return "none";
}

Language guess_language(const std::vector<std::string>& words, Language fallback) {
  static constexpr std::string_view kDutch[] = {"de", "het", "een", "en", "van", "is", "met", "voor", "niet", "op", "te", "aan", "zijn", "wordt"};
  static constexpr std::string_view kFrench[] = {"le", "la", "les", "des", "et", "du", "un", "une", "est", "pour", "avec", "pas", "dans", "au"};
  static constexpr std::string_view kEnglish[] = {"the", "and", "of", "to", "is", "for", "with", "not", "are", "on", "at", "by"};
  auto count = [&words](auto& list) {
    int n = 0;
    for (const auto& w : words) {
      for (auto f : list) n += w == f ? 1 : 0;
    }
    return n;
  };
  const int nl = count(kDutch), fr = count(kFrench), en = count(kEnglish);
  if (nl == 0 && fr == 0 && en == 0) return fallback;
  if (nl >= fr && nl >= en) return Language::dutch;
  return fr >= en ? Language::french : Language::english;
}

std::vector<std::string> Analyzer::terms(std::string_view text, Language language) const {
  std::vector<std::string> out;
  for (const auto& word : words(text)) out.push_back(stem(word, language));
  return out;
}

}  // namespace tafel::search
