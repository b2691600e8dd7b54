#pragma once
// What every JSON API module of the web adapter shares: the success response and
// the parsing of record ids in paths.

#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "app/accounts/account_service.h"
#include "http/request.h"
#include "http/response.h"
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

}  // namespace tafel::web::api
