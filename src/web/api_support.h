#pragma once
// What every JSON API module of the web adapter shares: the success response and
// the parsing of record ids in paths.

#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "http/response.h"

namespace tafel::web::api {

// `body` as a JSON response with `status`, never cached (answers may carry personal
// data).
http::Response ok(const boost::json::value& body, int status = 200);

// A positive decimal id from a path parameter; nullopt for anything else ("0",
// "-1", "12x", "", overflow).
std::optional<std::int64_t> parse_id(std::string_view text);

}  // namespace tafel::web::api
