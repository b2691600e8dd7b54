#include "core/index/clk.h"

#include <algorithm>

#include "core/index/normalise.h"

namespace tafel::index {
namespace {

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::string two_digits(int n) { return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)}; }

// Padded bigrams: "jan" -> "_j", "ja", "an", "n_".
void add_bigrams(std::string_view tag, std::string_view word, std::vector<std::string>& out) {
  const std::string padded = "_" + std::string(word) + "_";
  for (std::size_t i = 0; i + 1 < padded.size(); ++i) out.push_back(std::string(tag) + padded.substr(i, 2));
}

std::uint64_t word_at(const Digest& d, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v |= std::uint64_t{d[at + i]} << (8 * i);
  return v;
}

}  // namespace

Result<BirthDate> parse_birth_date(std::string_view text) {
  auto bad = [] { return fail("invalid_date", "the date of birth is not a date YYYY-MM-DD"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return bad();
  BirthDate date{number(y), number(m), number(d)};
  if (date.year < 1800 || date.year > 2199 || date.month < 1 || date.month > 12 || date.day < 1) return bad();
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.day > kDays[date.month - 1] || (date.month == 2 && date.day == 29 && !leap)) return bad();
  return date;
}

Result<std::vector<std::string>> identity_qgrams(const Identity& identity) {
  // Particles are joined in the given name too: a family name typed in the given
  // name's field ("Van den Bossche", "Jan") must give the same bag of q-grams.
  const auto given = family_name_tokens(identity.given);
  const auto family = family_name_tokens(identity.family);
  if (given.empty() || family.empty()) {
    return fail("invalid_identity", "a given name and a family name are needed");
  }
  auto date = parse_birth_date(identity.birth_date);
  if (!date) return tl::unexpected(date.error());

  std::vector<std::string> q;
  for (const auto& w : given) add_bigrams("n:", w, q);
  for (const auto& w : family) add_bigrams("n:", w, q);

  const std::string year = std::to_string(date->year);
  q.push_back("d:y" + year);
  q.push_back("d:m" + two_digits(date->month));
  q.push_back("d:d" + two_digits(date->day));
  q.push_back("d:dm" + two_digits(std::min(date->day, date->month)) + two_digits(std::max(date->day, date->month)));
  // The digits by position (but the century's, which nearly everyone shares): one digit
  // typed wrong keeps five of six.
  const std::string digits = year.substr(2) + two_digits(date->month) + two_digits(date->day);
  for (std::size_t i = 0; i < digits.size(); ++i) q.push_back("d:" + std::to_string(i) + digits[i]);

  const std::string place = place_key(identity.place);
  if (!place.empty()) add_bigrams("p:", place, q);

  std::sort(q.begin(), q.end());
  q.erase(std::unique(q.begin(), q.end()), q.end());
  return q;
}

Result<Clk> encode_clk(const Identity& identity, const KeyedHash& hash, const ClkWeights& weights) {
  auto qgrams = identity_qgrams(identity);
  if (!qgrams) return tl::unexpected(qgrams.error());
  Clk clk;
  for (const auto& g : *qgrams) {
    const int k = g[0] == 'n' ? weights.name : g[0] == 'd' ? weights.date : weights.place;
    const Digest d = hash.digest(g);
    const std::uint64_t h1 = word_at(d, 0);
    const std::uint64_t h2 = word_at(d, 8) | 1U;  // odd: the k positions are distinct
    for (int i = 0; i < k; ++i) clk.set((h1 + static_cast<std::uint64_t>(i) * h2) % kClkBits);
  }
  return clk;
}

}  // namespace tafel::index
