#pragma once
// Parsing of a request target ("/path?query") into a decoded path and query.
//
// The path is percent-decoded once and refused when the result is not valid UTF-8,
// contains NUL, or contains a ".." segment (also when spelled %2e%2e or hidden
// behind an encoded slash), so no handler ever sees a traversal attempt. Query
// parameters are decoded ('+' is a space, as in HTML forms) under the same UTF-8
// and NUL rules.

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::http {

struct Target {
  std::string path;  // decoded, always starting with '/'
  std::multimap<std::string, std::string> query;
};

// Parses an origin-form target. Fails with code "bad_target" and a message that
// does not repeat the target (it may carry personal data).
Result<Target> parse_target(std::string_view target);

}  // namespace tafel::http
