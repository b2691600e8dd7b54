#include "synthetic_identities.h"

#include <algorithm>
#include <cctype>
#include <random>

namespace tafel::index::synthetic {
namespace {

const std::vector<std::string> kGiven = {
    "Jan",     "Pieter",  "Lucas",   "Louis",   "Noah",      "Liam",       "Arthur",      "Jules",    "Victor",
    "Mohamed", "Adam",    "Elias",   "Wout",    "Jef",       "Koen",       "Bart",        "Dirk",     "Luc",
    "Jean",    "Pierre",  "Olivier", "Thomas",  "Nicolas",   "Maxime",     "Jérôme",      "Frédéric", "Mathéo",
    "Maël",    "Emma",    "Marie",   "Louise",  "Olivia",    "Elena",      "Mila",        "Noor",     "Fatima",
    "Sofie",   "An",      "Els",     "Katrien", "Lotte",     "Julie",      "Camille",     "Chloé",    "Zoë",
    "Léa",     "Inès",    "Noémie",  "Hélène",  "Amélie",    "Céline",     "Anaïs",       "Éloïse",   "Nathalie",
    "Jean-Luc", "Jean-Pierre", "Marie-Claire", "Anne-Sophie", "Pieter-Jan", "Marie-Thérèse", "Yasmina", "Aïcha",
    "Ahmed",   "Youssef", "Ayoub",   "Mustafa", "Kaat",      "Lore",       "Hanne",       "Ruben",    "Sander"};

const std::vector<std::string> kFamily = {
    "Peeters",     "Janssens",   "Maes",        "Jacobs",    "Mertens",        "Willems",   "Claes",
    "Goossens",    "Wouters",    "De Smet",     "Dubois",    "Lambert",        "Dupont",    "Martin",
    "Van den Bossche", "Van der Linden", "De Backer", "Vermeulen", "D'Hondt",    "Le Roy",    "El Idrissi",
    "Yılmaz",      "Nowak",      "Lefèvre",     "Leclercq",  "François",       "Hermans",   "Van Damme",
    "Vandenberghe", "Verstraete", "Michiels",   "De Vos",    "Van de Velde",   "Desmet",    "Pauwels",
    "Lemaire",     "Renard",     "Simon",       "Laurent",   "Dumont",         "Delhaye",   "Geerts",
    "Smets",       "Verhoeven",  "Cools",       "Van Acker", "Stevens",        "Bogaerts",  "Segers",
    "De Clercq",   "Van Hecke",  "Baert",       "Coppens",   "Nguyen",         "Benali",    "Amrani",
    "Gómez",       "Müller",     "Šimić",       "Kowalczyk", "Ben Saïd",       "Van Hoof",  "Wuyts"};

// Places, with their name in the other language where they have one.
const std::vector<std::pair<std::string, std::string>> kPlaces = {
    {"Brussel", "Bruxelles"}, {"Antwerpen", "Anvers"}, {"Gent", "Gand"},        {"Luik", "Liège"},
    {"Leuven", "Louvain"},    {"Brugge", "Bruges"},    {"Mechelen", "Malines"}, {"Bergen", "Mons"},
    {"Namen", "Namur"},       {"Kortrijk", "Courtrai"}, {"Charleroi", "Charleroi"}, {"Hasselt", "Hasselt"},
    {"Genk", "Genk"},         {"Turnhout", "Turnhout"}, {"Aalst", "Alost"},     {"Oostende", "Ostende"},
    {"Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean"}, {"Elsene", "Ixelles"}, {"Doornik", "Tournai"}};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::string given() { return kGiven[pick(kGiven.size())]; }
  std::string other_given(const std::string& not_this) {
    for (;;) {
      auto g = given();
      if (g != not_this) return g;
    }
  }
  std::string family() {
    auto f = kFamily[pick(kFamily.size())];
    if (chance(0.1)) f += "-" + kFamily[pick(kFamily.size())];  // a double family name
    return f;
  }
  std::string place() {
    const auto& p = kPlaces[pick(kPlaces.size())];
    return chance(0.7) ? p.first : p.second;
  }
  std::string date(int year) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int month = between(1, 12);
    const int day = between(1, kDays[month - 1]);
    return format(year, month, day);
  }
  std::string date() { return date(between(1930, 2023)); }

  static std::string format(int y, int m, int d) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return out;
  }

  Identity person() { return {given(), family(), date(), chance(0.8) ? place() : ""}; }

  // One error of `kind` applied to `id`; false when it does not apply to it.
  bool apply(Kind kind, Identity& id) {
    switch (kind) {
      case Kind::typo: {
        std::string& s = chance(0.5) ? id.given : id.family;
        return typo(s);
      }
      case Kind::swapped_names:
        std::swap(id.given, id.family);
        return true;
      case Kind::accents_dropped: {
        const std::string before = id.given + id.family;
        id.given = ascii(id.given);
        id.family = ascii(id.family);
        return before != id.given + id.family;
      }
      case Kind::particle_spelling: {
        // "Van den Bossche" -> "Vandenbossche", "De Smet" -> "DE SMET" or "de smet"
        const auto space = id.family.find(' ');
        if (space == std::string::npos) return false;
        std::string joined;
        for (char c : id.family) {
          if (c != ' ') joined.push_back(joined.empty() ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        id.family = chance(0.7) ? joined : lower(id.family);
        return true;
      }
      case Kind::double_name_reversed: {
        const auto dash = id.family.find('-');
        if (dash == std::string::npos) return false;
        id.family = id.family.substr(dash + 1) + (chance(0.5) ? "-" : " ") + id.family.substr(0, dash);
        return true;
      }
      case Kind::day_month_swapped: {
        const int y = std::stoi(id.birth_date.substr(0, 4)), m = std::stoi(id.birth_date.substr(5, 2)),
                  d = std::stoi(id.birth_date.substr(8, 2));
        if (d > 12 || d == m) return false;
        id.birth_date = format(y, d, m);
        return true;
      }
      case Kind::digit_off: {
        for (int attempt = 0; attempt < 10; ++attempt) {
          std::string date = id.birth_date;
          static constexpr int kDigits[] = {2, 3, 5, 6, 8, 9};
          const int at = kDigits[pick(6)];
          const char c = date[static_cast<std::size_t>(at)];
          date[static_cast<std::size_t>(at)] = c == '9' ? '8' : c == '0' ? '1' : static_cast<char>(c + (chance(0.5) ? 1 : -1));
          if (parse_birth_date(date)) {
            id.birth_date = date;
            return true;
          }
        }
        return false;
      }
      case Kind::place_language:
        for (const auto& [nl, fr] : kPlaces) {
          if (nl == fr) continue;
          if (id.place == nl) return id.place = fr, true;
          if (id.place == fr) return id.place = nl, true;
        }
        return false;
      case Kind::upper_case:
        id.given = upper(id.given);
        id.family = upper(id.family);
        return true;
      case Kind::given_name_shortened: {
        const auto dash = id.given.find('-');
        if (dash == std::string::npos) return false;
        id.given = id.given.substr(0, dash);
        return true;
      }
      case Kind::place_missing:
        if (id.place.empty()) return false;
        id.place.clear();
        return true;
      default:
        return false;
    }
  }

 private:
  // A substitution, deletion, insertion or transposition of an ASCII letter.
  bool typo(std::string& s) {
    std::vector<std::size_t> letters;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (std::isalpha(static_cast<unsigned char>(s[i]))) letters.push_back(i);
    }
    if (letters.size() < 3) return false;
    const std::size_t i = letters[1 + pick(letters.size() - 1)];
    const char random = static_cast<char>('a' + pick(26));
    switch (pick(4)) {
      case 0: s[i] = random; break;
      case 1: s.erase(i, 1); break;
      case 2: s.insert(i, 1, random); break;
      default:
        if (i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]))) std::swap(s[i], s[i + 1]);
        else s[i] = random;
    }
    return true;
  }
  // Accented letters as their base letter, by hand (what a keyboard without accents types).
  static std::string ascii(const std::string& s) {
    static const std::vector<std::pair<std::string, std::string>> kMap = {
        {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"É", "E"}, {"ï", "i"}, {"î", "i"}, {"ı", "i"},
        {"ç", "c"}, {"ô", "o"}, {"ö", "o"}, {"ó", "o"}, {"ü", "u"}, {"û", "u"}, {"à", "a"}, {"â", "a"},
        {"Š", "S"}, {"ć", "c"}, {"ë", "e"}, {"ä", "a"}};
    std::string out = s;
    for (const auto& [from, to] : kMap) {
      for (std::size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, from.size(), to);
    }
    return out;
  }
  static std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  std::mt19937_64 rng_;
};

constexpr Kind kErrors[] = {Kind::typo,           Kind::swapped_names,     Kind::accents_dropped,
                            Kind::particle_spelling, Kind::double_name_reversed, Kind::day_month_swapped,
                            Kind::digit_off,      Kind::place_language,    Kind::upper_case,
                            Kind::given_name_shortened, Kind::place_missing};

}  // namespace

std::string name_of(Kind kind) {
  static const char* kNames[] = {"typo", "swapped_names", "accents_dropped", "particle_spelling", "double_name_reversed",
                                 "day_month_swapped", "digit_off", "place_language", "upper_case",
                                 "given_name_shortened", "place_missing", "exact", "siblings", "twins", "namesakes",
                                 "same_birth_date"};
  return kNames[static_cast<int>(kind)];
}

std::vector<Pair> generate_pairs(std::uint64_t seed, std::size_t matches, std::size_t non_matches) {
  Generator g(seed);
  std::vector<Pair> pairs;
  pairs.reserve(matches + non_matches);
  for (std::size_t i = 0; i < matches; ++i) {
    Pair p;
    p.same_person = true;
    p.a = g.person();
    // Names that the error applies to: a hyphenated given name, a particle, a double
    // family name, an accent, a place with two names come often enough.
    p.b = p.a;
    const int errors = g.chance(0.35) ? 2 : 1;
    for (int e = 0; e < errors;) {
      const Kind k = kErrors[g.pick(std::size(kErrors))];
      if (std::find(p.kinds.begin(), p.kinds.end(), k) != p.kinds.end()) continue;
      // Apply to either record, as either side may be the mistyped one.
      if (g.apply(k, g.chance(0.5) ? p.a : p.b)) {
        p.kinds.push_back(k);
        ++e;
      } else if (g.chance(0.2)) {
        ++e;  // rarely give up on a record the error does not fit
      }
    }
    if (p.kinds.empty()) p.kinds.push_back(Kind::exact);
    pairs.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < non_matches; ++i) {
    Pair p;
    p.a = g.person();
    const Kind k = static_cast<Kind>(static_cast<int>(Kind::siblings) + static_cast<int>(i % 4));
    p.kinds.push_back(k);
    p.b = p.a;
    switch (k) {
      case Kind::siblings: {
        p.b.given = g.other_given(p.a.given);
        const int year = std::stoi(p.a.birth_date.substr(0, 4)) + (g.chance(0.5) ? 1 : -1) * g.between(1, 8);
        p.b.birth_date = g.date(year);
        break;
      }
      case Kind::twins:
        p.b.given = g.other_given(p.a.given);
        break;
      case Kind::namesakes:
        p.b.birth_date = g.date();
        p.b.place = g.chance(0.8) ? g.place() : "";
        break;
      default:  // same birth date, otherwise strangers
        p.b = g.person();
        p.b.birth_date = p.a.birth_date;
        break;
    }
    pairs.push_back(std::move(p));
  }
  return pairs;
}

}  // namespace tafel::index::synthetic
