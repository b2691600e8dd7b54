#pragma once
// Reading a stored JSON document (a table, a situation) field by field. Every read
// throws on a missing field or a value of the wrong type; the store that decodes
// catches and answers "corrupt_record", so a damaged document never half-loads.

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tafel::storage {

struct JsonReader {
  const boost::json::object& o;

  std::int64_t i(std::string_view k) const { return o.at(k).to_number<std::int64_t>(); }
  int n(std::string_view k) const { return static_cast<int>(i(k)); }
  std::string s(std::string_view k) const { return std::string(o.at(k).as_string()); }
  bool b(std::string_view k) const { return o.at(k).as_bool(); }
  const boost::json::array& a(std::string_view k) const { return o.at(k).as_array(); }
  // An optional number: absent or null is nullopt.
  std::optional<double> d(std::string_view k) const {
    const boost::json::value* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    return v->to_number<double>();
  }
  // The text at `k` through `parse` (returning an optional or a Result of E).
  template <typename E, typename Parse>
  E e(std::string_view k, Parse parse) const {
    auto v = parse(s(k));
    if (!v) throw std::runtime_error("bad value: " + std::string(k));
    return *v;
  }
};

}  // namespace tafel::storage
