#include "web/api_support.h"

#include <charconv>

#include <boost/json/serialize.hpp>

namespace tafel::web::api {

http::Response ok(const boost::json::value& body, int status) {
  auto r = http::Response::json(status, boost::json::serialize(body));
  r.set_header("Cache-Control", "no-store");
  return r;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace tafel::web::api
