#pragma once
// An HTTP response built by a handler. The server adds the security headers, the
// request id and the connection handling; handlers set status, type and body.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tafel::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Sets (replacing) a header.
  void set_header(std::string_view name, std::string value);
  // Adds a header without replacing existing ones (Set-Cookie).
  void add_header(std::string name, std::string value);
  // The value of a header set on this response, or empty.
  std::string_view header(std::string_view name) const;

  // A response with a serialized JSON body and the JSON content type.
  static Response json(int status, std::string serialized_json);
  // A response with an HTML body (UTF-8).
  static Response html(int status, std::string body);
  // A plain-text response (UTF-8).
  static Response text(int status, std::string body);
  // The API's one error shape: {"error":{"code":"...","message":"..."}}.
  static Response error(int status, std::string_view code, std::string_view message);
  // A 303 See Other to `location` (after a form post).
  static Response redirect(std::string location);
};

}  // namespace tafel::http
