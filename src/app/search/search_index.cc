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

}  // namespace tafel::app::search
