#pragma once
// Reading optional fields of a JSON request body, for the API adapters. A field that is
// missing or of another type reads as empty, 0 or false; the use case then says what is
// wrong with the value ("invalid_input"), so the API answers like the page.

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace tafel::web::json_fields {

inline std::string str(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
inline std::int64_t integer(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}
inline bool flag(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

}  // namespace tafel::web::json_fields
