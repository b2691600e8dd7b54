#pragma once
// An HTTP request as the application sees it: parsed, size-limited and free of any
// Boost.Beast type, so that handlers compile without the HTTP library's headers.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tafel::http {

struct Request {
  std::string method;        // upper case: "GET", "POST", ...
  std::string target;        // as received: path plus query string
  std::string path;          // percent-decoded path, always starting with '/'
  std::multimap<std::string, std::string> query;    // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  // The client's address, no port: the TCP peer, or what a trusted proxy says in
  // X-Forwarded-For (http/forwarded.h). Used for throttling, security events and the
  // audit trail's source.
  std::string remote_address;
  // The client's connection is HTTPS: TLS here, or X-Forwarded-Proto from a trusted
  // proxy. Decides the Secure __Host- cookie and HSTS.
  bool https = false;
  std::string request_id;      // generated per request (never the client's); in logs and audit entries
  std::unordered_map<std::string, std::string> path_params;  // filled by the Router
  std::string route;           // the matched route pattern, e.g. "/api/v1/tables/{id}"

  // The first header with this (case-insensitive) name, if any.
  std::optional<std::string_view> header(std::string_view name) const;
  // The value of a cookie sent in the Cookie header, if any.
  std::optional<std::string> cookie(std::string_view name) const;
  // The first value of a query parameter, if any.
  std::optional<std::string> query_param(std::string_view name) const;
  // The value of a path parameter captured by the route ("{id}"); empty if absent.
  const std::string& param(const std::string& name) const;
};

}  // namespace tafel::http
