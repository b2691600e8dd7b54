#include "core/situations/identifier_detector.h"

#include <algorithm>
#include <cctype>

namespace tafel::situations {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
// A word character for boundaries: ASCII letters and digits, and any byte of a
// multi-byte UTF-8 letter.
bool word(char c) { return alnum(c) || (static_cast<unsigned char>(c) & 0x80) != 0 || c == '_'; }

bool boundary_before(std::string_view t, std::size_t i) { return i == 0 || !word(t[i - 1]); }
bool boundary_after(std::string_view t, std::size_t i) { return i >= t.size() || !word(t[i]); }

// Digit groups separated by one separator from `seps`, starting at `i`.
struct Groups {
  std::vector<std::size_t> lengths;
  std::string digits;
  std::size_t end = 0;
  std::string separators;  // the separators used, in order
};

Groups groups_at(std::string_view t, std::size_t i, std::string_view seps) {
  Groups g;
  std::size_t p = i;
  while (p < t.size()) {
    std::size_t start = p;
    while (p < t.size() && digit(t[p])) ++p;
    if (p == start) break;
    g.lengths.push_back(p - start);
    g.digits.append(t.substr(start, p - start));
    g.end = p;
    if (p + 1 < t.size() && seps.find(t[p]) != std::string_view::npos && digit(t[p + 1])) {
      g.separators += t[p];
      ++p;
    } else {
      break;
    }
  }
  return g;
}

std::optional<IdentifierSpan> national_number_at(std::string_view t, std::size_t i) {
  if (!digit(t[i]) || !boundary_before(t, i)) return std::nullopt;
  Groups g = groups_at(t, i, ".- ");
  if (g.digits.size() != 11 || !boundary_after(t, g.end)) return std::nullopt;
  bool together = g.lengths.size() == 1;
  bool formatted = g.lengths == std::vector<std::size_t>{2, 2, 2, 3, 2} ||
                   g.lengths == std::vector<std::size_t>{6, 3, 2} || g.lengths == std::vector<std::size_t>{6, 5};
  if (!together && !formatted) return std::nullopt;
  if (!is_national_number(g.digits)) return std::nullopt;
  return IdentifierSpan{i, g.end, IdentifierKind::national_number};
}

std::optional<IdentifierSpan> phone_at(std::string_view t, std::size_t i) {
  if (!boundary_before(t, i)) return std::nullopt;
  if (t[i] == '+') {
    if (i + 1 >= t.size() || !digit(t[i + 1]) || t[i + 1] == '0') return std::nullopt;
    Groups g = groups_at(t, i + 1, " .-/");
    if (g.digits.size() < 8 || g.digits.size() > 15 || !boundary_after(t, g.end)) return std::nullopt;
    return IdentifierSpan{i, g.end, IdentifierKind::phone};
  }
  if (t[i] != '0') return std::nullopt;
  // A "(0)" or "/" style inside a number is covered by the separators.
  Groups g = groups_at(t, i, " .-/");
  if (!boundary_after(t, g.end)) return std::nullopt;
  if (g.digits.starts_with("00")) {
    if (g.digits.size() < 10 || g.digits.size() > 17) return std::nullopt;
    if (g.lengths.front() > 4 && g.lengths.size() > 1) return std::nullopt;
    return IdentifierSpan{i, g.end, IdentifierKind::phone};
  }
  if (g.digits.size() != 9 && g.digits.size() != 10) return std::nullopt;
  // Groups of 2 to 4 digits, the first up to 4; after the first, no group of 4 so a
  // date such as 01/02/2026 (2, 2, 4) or 01.02.2026 19 never reads as a number.
  for (std::size_t k = 0; k < g.lengths.size(); ++k) {
    std::size_t n = g.lengths[k];
    if (g.lengths.size() == 1) break;
    if (n < 2 || n > 4 || (k > 0 && n > 3)) return std::nullopt;
  }
  // The same separator throughout, except the first (a "/" after the zone: 03/123.45.67).
  for (std::size_t k = 2; k < g.separators.size(); ++k) {
    if (g.separators[k] != g.separators[1]) return std::nullopt;
  }
  return IdentifierSpan{i, g.end, IdentifierKind::phone};
}

std::optional<IdentifierSpan> email_around(std::string_view t, std::size_t at) {
  auto local_char = [](char c) { return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  auto domain_char = [](char c) { return alnum(c) || c == '.' || c == '-'; };
  std::size_t start = at;
  while (start > 0 && local_char(t[start - 1])) --start;
  std::size_t end = at + 1;
  while (end < t.size() && domain_char(t[end])) ++end;
  while (end > at + 1 && (t[end - 1] == '.' || t[end - 1] == '-')) --end;  // a sentence's full stop
  while (start < at && t[start] == '.') ++start;
  if (start == at || end <= at + 1) return std::nullopt;
  std::string_view domain = t.substr(at + 1, end - at - 1);
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return std::nullopt;
  for (char c : domain.substr(dot + 1)) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return IdentifierSpan{start, end, IdentifierKind::email};
}

// Counts `n` characters satisfying `f` from `p`; returns the end or npos.
template <typename F>
std::size_t run(std::string_view t, std::size_t p, std::size_t n, F f) {
  for (std::size_t k = 0; k < n; ++k) {
    if (p + k >= t.size() || !f(t[p + k])) return std::string_view::npos;
  }
  return p + n;
}

std::size_t sep(std::string_view t, std::size_t p, bool optional) {
  if (p < t.size() && (t[p] == '-' || t[p] == ' ' || t[p] == '.')) return p + 1;
  return optional ? p : std::string_view::npos;
}

std::optional<IdentifierSpan> plate_at(std::string_view t, std::size_t i) {
  if (!boundary_before(t, i)) return std::nullopt;
  constexpr auto npos = std::string_view::npos;
  auto finish = [&](std::size_t end) -> std::optional<IdentifierSpan> {
    if (end == npos || !boundary_after(t, end)) return std::nullopt;
    return IdentifierSpan{i, end, IdentifierKind::licence_plate};
  };
  // 1-ABC-123 (since 2010), the separators optional but alike.
  if (t[i] >= '1' && t[i] <= '9') {
    std::size_t p = sep(t, i + 1, true);
    bool dashed = p != i + 1;
    std::size_t q = p == npos ? npos : run(t, p, 3, upper);
    if (q != npos) {
      std::size_t r = sep(t, q, !dashed);
      if (r != npos && (r != q) == dashed) {
        if (auto s = finish(run(t, r, 3, digit))) return s;
      }
    }
    // 123-ABC (older).
    std::size_t d = run(t, i, 3, digit);
    if (d != npos && d < t.size() && t[d] == '-') {
      if (auto s = finish(run(t, d + 1, 3, upper))) return s;
    }
    return std::nullopt;
  }
  // ABC-123 (older): a dash required, or the letters would match words.
  if (upper(t[i])) {
    std::size_t p = run(t, i, 3, upper);
    if (p != npos && p < t.size() && t[p] == '-') return finish(run(t, p + 1, 3, digit));
  }
  return std::nullopt;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

void find_names(std::string_view t, std::span<const std::string> names, std::vector<IdentifierSpan>& out) {
  std::string low(t.size(), ' ');
  std::transform(t.begin(), t.end(), low.begin(), lower);
  for (const auto& name : names) {
    // Two words at least: a single first name or a role name would flag ordinary words.
    std::string_view n = name;
    while (!n.empty() && n.front() == ' ') n.remove_prefix(1);
    while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
    if (n.size() < 5 || n.find(' ') == std::string_view::npos) continue;
    std::string needle(n.size(), ' ');
    std::transform(n.begin(), n.end(), needle.begin(), lower);
    for (std::size_t p = low.find(needle); p != std::string::npos; p = low.find(needle, p + 1)) {
      if (boundary_before(t, p) && boundary_after(t, p + needle.size())) {
        out.push_back({p, p + needle.size(), IdentifierKind::known_name});
      }
    }
  }
}

}  // namespace

std::string_view name_of(IdentifierKind kind) {
  constexpr std::string_view names[] = {"national_number", "phone", "email", "licence_plate", "known_name"};
  return names[static_cast<std::size_t>(kind)];
}

std::optional<IdentifierKind> parse_identifier_kind(std::string_view text) {
  for (auto k : {IdentifierKind::national_number, IdentifierKind::phone, IdentifierKind::email,
                 IdentifierKind::licence_plate, IdentifierKind::known_name}) {
    if (name_of(k) == text) return k;
  }
  return std::nullopt;
}

std::string name_key(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  std::string key(name.size(), ' ');
  std::transform(name.begin(), name.end(), key.begin(), lower);
  return key;
}

std::vector<std::string> name_candidates(std::string_view t) {
  std::vector<std::size_t> ends;  // word ends: a word byte followed by a boundary
  for (std::size_t q = 1; q <= t.size(); ++q) {
    if (word(t[q - 1]) && boundary_after(t, q)) ends.push_back(q);
  }
  std::vector<std::string> out;
  std::size_t first_end = 0;
  for (std::size_t p = 0; p < t.size(); ++p) {
    if (!word(t[p]) || !boundary_before(t, p)) continue;
    while (first_end < ends.size() && ends[first_end] <= p) ++first_end;
    for (std::size_t k = first_end; k < ends.size() && k < first_end + kMaxNameWords; ++k) {
      std::string_view stretch = t.substr(p, ends[k] - p);
      if (stretch.size() >= 5 && stretch.find(' ') != std::string_view::npos) out.push_back(name_key(stretch));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_national_number(std::string_view d) {
  if (d.size() != 11 || !std::all_of(d.begin(), d.end(), digit)) return false;
  std::uint64_t base = std::stoull(std::string(d.substr(0, 9)));
  int check = std::stoi(std::string(d.substr(9, 2)));
  return check == static_cast<int>(97 - base % 97) || check == static_cast<int>(97 - (2'000'000'000ull + base) % 97);
}

std::vector<IdentifierSpan> find_identifiers(std::string_view t, std::span<const std::string> known_names) {
  std::vector<IdentifierSpan> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '@') {
      if (auto s = email_around(t, i)) found.push_back(*s);
      continue;
    }
    std::optional<IdentifierSpan> s = national_number_at(t, i);
    if (!s) s = phone_at(t, i);
    if (!s) s = plate_at(t, i);
    if (s) {
      found.push_back(*s);
      i = s->end - 1;
    }
  }
  find_names(t, known_names, found);
  // By start; an overlapping later span (a phone inside an e-mail address) is dropped.
  std::stable_sort(found.begin(), found.end(), [](const IdentifierSpan& a, const IdentifierSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<IdentifierSpan> out;
  for (const auto& s : found) {
    if (!out.empty() && s.start < out.back().end) continue;
    out.push_back(s);
  }
  return out;
}

}  // namespace tafel::situations
