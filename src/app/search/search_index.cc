#include "app/search/search_index.h"

namespace tafel::app::search {

namespace {
constexpr std::pair<Kind, std::string_view> kNames[] = {
    {Kind::situation, "situation"},         {Kind::minutes, "minutes"},     {Kind::decision, "decision"},
    {Kind::action, "action"},               {Kind::contact_point, "contact_point"}, {Kind::agreement, "agreement"},
    {Kind::contribution, "contribution"},
};
}  // namespace

std::string_view name_of(Kind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "situation";
}

std::optional<Kind> parse_kind(std::string_view text) {
  for (const auto& [k, name] : kNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

std::string fingerprint_of(const SearchDocument& d) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits: a change detector, not a MAC
  auto add = [&h](std::string_view text) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xFF;  // a field separator no UTF-8 text holds
    h *= 1099511628211ull;
  };
  for (std::int64_t n : {d.record_id, d.table_id, d.organisation_id, d.at_us, static_cast<std::int64_t>(d.sealed)}) {
    add(std::to_string(n));
  }
  add(name_of(d.kind));
  add(d.language);
  add(d.title);
  add(d.body);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

}  // namespace tafel::app::search
