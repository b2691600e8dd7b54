#pragma once
// What every JSON API module of the web adapter shares: the success response and
// the parsing of record ids in paths.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "app/accounts/account_service.h"
#include "http/openapi.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "web/accounts_session.h"

namespace tafel::web::api {

// `body` as a JSON response with `status`, never cached (answers may carry personal
// data).
http::Response ok(const boost::json::value& body, int status = 200);

// A positive decimal id from a path parameter; nullopt for anything else ("0",
// "-1", "12x", "", overflow).
std::optional<std::int64_t> parse_id(std::string_view text);

// The caller of an API request, or the refusal to send instead.
struct ApiCaller {
  std::optional<app::accounts::Authenticated> who;
  http::Response refusal;
};

// Scope value for operations open to browser sessions only (no API token).
inline constexpr std::string_view kSessionOnly = "session";

// Checks an API request in the one order every API module uses: the caller is
// identified by session cookie or bearer token (401 otherwise, 500 when the session
// store fails); a token must carry `scope` (403; with kSessionOnly every token is
// refused); a state-changing request from a session carries the CSRF token (403).
// Record-level rights are the use case's job (app::authorize).
ApiCaller authenticate(const AccountsContext& context, const http::Request& request, std::string_view scope);

// The handler of a JSON operation on one record: the path's {id} (0 when the pattern
// has none) and the request body as a JSON object.
using RecordHandler = std::function<http::Response(http::Request&, const app::accounts::Authenticated&,
                                                   std::int64_t id, const boost::json::object& body)>;

// Wraps `handler` for Operations::add: a path {id} that is not a positive id answers
// 404 not_found with `not_found`; a body that is not a JSON object answers 400
// invalid_json (an empty body reads as {}). With `raw_body` the body is not parsed
// (an upload) and the handler gets an empty object.
std::function<http::Response(http::Request&, const app::accounts::Authenticated&)> with_record(
    RecordHandler handler, std::string not_found = "no such record", bool raw_body = false);

// Registers JSON operations: each is documented in the OpenAPI document and its
// handler runs only for a caller that passed authenticate() with the operation's
// scope. The one place where API routes meet authentication.
class Operations {
 public:
  using Handler = std::function<http::Response(http::Request&, const app::accounts::Authenticated&)>;

  // `router` and `document` must outlive this object; `context` is copied.
  Operations(http::Router& router, http::ApiDocument& document, const AccountsContext& context)
      : router_(router), document_(document), context_(context) {}

  void add(http::ApiOperation op, Handler handler);
  // An operation anyone may call (no caller; e.g. login): documented, not checked.
  void add_public(http::ApiOperation op, http::Handler handler);

 private:
  http::Router& router_;
  http::ApiDocument& document_;
  AccountsContext context_;
};

}  // namespace tafel::web::api
