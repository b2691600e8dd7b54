#include "core/index/normalise.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace tafel::index {
namespace {

// U+00C0 to U+017F (Latin-1 Supplement letters and Latin Extended-A), folded: generated
// from Unicode's decompositions, with the letters that have none (ø, ł, đ, ß, æ, œ, þ)
// spelled out. "" (× and ÷) separates words.
constexpr std::array<std::string_view, 192> kLatin = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",   // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",    // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",    // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",    // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",    // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",    // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",    // U+0170
};

// Decodes one UTF-8 code point at `i` (advancing it); U+FFFD for a malformed sequence.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i++]);
  if (b0 < 0x80) return b0;
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  std::uint32_t cp = b0 & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

bool is_apostrophe(std::uint32_t cp) {
  return cp == 0x27 || cp == 0x60 || cp == 0xB4 || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC;
}

std::vector<std::string> split(const std::string& folded) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Particles of Dutch, French and German family names as Belgians write them.
bool is_particle(std::string_view w) {
  static constexpr std::string_view kParticles[] = {
      "van", "vande", "vanden", "vander", "von", "de", "den", "der", "des", "du", "d", "l",  "la", "le",
      "les", "t",   "ten",    "ter",    "te",  "het", "op", "in",  "di", "da", "del", "della", "dos"};
  return std::find(std::begin(kParticles), std::end(kParticles), w) != std::end(kParticles);
}

// Belgian places with a name in each language (and the English one for Brussels),
// folded, to the one name the index keeps.
constexpr std::pair<std::string_view, std::string_view> kPlaceAliases[] = {
    {"bruxelles", "brussel"},
    {"brussels", "brussel"},
    {"brussel-stad", "brussel"},
    {"bruxelles-ville", "brussel"},
    {"anvers", "antwerpen"},
    {"antwerp", "antwerpen"},
    {"gand", "gent"},
    {"ghent", "gent"},
    {"liege", "luik"},
    {"mons", "bergen"},
    {"louvain", "leuven"},
    {"namur", "namen"},
    {"tournai", "doornik"},
    {"courtrai", "kortrijk"},
    {"malines", "mechelen"},
    {"bruges", "brugge"},
    {"ypres", "ieper"},
    {"alost", "aalst"},
    {"ostende", "oostende"},
    {"ostend", "oostende"},
    {"nivelles", "nijvel"},
    {"arlon", "aarlen"},
    {"wavre", "waver"},
    {"huy", "hoei"},
    {"mouscron", "moeskroen"},
    {"tirlemont", "tienen"},
    {"renaix", "ronse"},
    {"hal", "halle"},
    {"soignies", "zinnik"},
    {"enghien", "edingen"},
    {"grammont", "geraardsbergen"},
    {"roulers", "roeselare"},
    {"saint-nicolas", "sint-niklaas"},
    {"ixelles", "elsene"},
    {"schaerbeek", "schaarbeek"},
    {"uccle", "ukkel"},
    {"forest", "vorst"},
    {"auderghem", "oudergem"},
    {"saint-gilles", "sint-gillis"},
    {"molenbeek-saint-jean", "molenbeek"},
    {"sint-jans-molenbeek", "molenbeek"},
    {"woluwe-saint-lambert", "sint-lambrechts-woluwe"},
    {"woluwe-saint-pierre", "sint-pieters-woluwe"},
    {"watermael-boitsfort", "watermaal-bosvoorde"},
    {"berchem-sainte-agathe", "sint-agatha-berchem"},
    {"saint-josse-ten-noode", "sint-joost-ten-node"},
    {"tongres", "tongeren"},
    {"saint-trond", "sint-truiden"},
    {"waremme", "borgworm"},
    {"comines", "komen"},
};

}  // namespace

std::string fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  auto put = [&](std::string_view letters) {
    if (letters.empty()) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(letters);
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t cp = next_code_point(utf8, i);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      const char c = static_cast<char>(cp);
      put(std::string_view(&c, 1));
    } else if (cp >= 'A' && cp <= 'Z') {
      const char c = static_cast<char>(cp - 'A' + 'a');
      put(std::string_view(&c, 1));
    } else if (cp >= 0xC0 && cp < 0xC0 + kLatin.size()) {
      put(kLatin[cp - 0xC0]);
    } else if (is_apostrophe(cp) || (cp >= 0x300 && cp <= 0x36F)) {
      // "d'Hondt" is one word; a combining accent belongs to the letter before it.
    } else {
      put({});
    }
  }
  return out;
}

std::vector<std::string> given_name_tokens(std::string_view given) { return split(fold(given)); }

std::vector<std::string> family_name_tokens(std::string_view family) {
  std::vector<std::string> words = split(fold(family));
  std::vector<std::string> tokens;
  std::string prefix;
  for (auto& w : words) {
    if (is_particle(w)) {
      prefix += w;
      continue;
    }
    tokens.push_back(prefix + w);
    prefix.clear();
  }
  if (!prefix.empty()) {  // only particles ("De"), or one left at the end
    if (tokens.empty()) {
      tokens.push_back(prefix);
    } else {
      tokens.back() += prefix;
    }
  }
  std::sort(tokens.begin(), tokens.end());
  return tokens;
}

std::string place_key(std::string_view place) {
  std::string key = fold(place);
  std::replace(key.begin(), key.end(), ' ', '-');
  for (const auto& [alias, name] : kPlaceAliases) {
    if (key == alias) return std::string(name);
  }
  return key;
}

}  // namespace tafel::index
