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

std::vector<std::string> Analyzer::terms(std::string_view text, Language language) const {
  std::vector<std::string> out;
  for (const auto& word : words(text)) out.push_back(stem(word, language));
  return out;
}

}  // namespace tafel::search
