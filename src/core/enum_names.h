#pragma once
// Enum values by name, for the stored and served forms of small enums: a table of
// (value, name) pairs read both ways. Pure.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace tafel {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of `value` in `names`, or "unknown" when it has none.
template <typename E, std::size_t N>
constexpr std::string_view name_in(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

// The value named `text` in `names`, or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> parse_in(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return std::nullopt;
}

}  // namespace tafel
