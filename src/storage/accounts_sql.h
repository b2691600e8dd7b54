#pragma once
// Small helpers shared by the account and directory repositories: reading integer
// columns whatever type SOCI picked for them (SQLite reports small BIGINTs as int,
// PostgreSQL as long long), nullable integers, and the comma lists stored in TEXT.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

namespace tafel::storage::sql {

// Column `i` of `row` as a 64-bit integer; 0 when NULL.
long long integer(const soci::row& row, std::size_t i);
// Column `i` as an integer, or nullopt when NULL.
std::optional<long long> nullable_integer(const soci::row& row, std::size_t i);
// Column `i` as text; "" when NULL.
std::string text(const soci::row& row, std::size_t i);

// "a,b,c" <-> {"a","b","c"}, with `separator`; empty text is the empty list.
std::vector<std::string> split(std::string_view text, char separator = ',');
std::string join(const std::vector<std::string>& items, char separator = ',');

}  // namespace tafel::storage::sql
