#include "web/api_support.h"

#include <algorithm>
#include <charconv>
#include <string>

#include <boost/json/parse.hpp>
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

ApiCaller authenticate(const AccountsContext& context, const http::Request& request, std::string_view scope) {
  ApiCaller caller;
  auto who = identify(context, request);
  if (!who) {
    caller.refusal = http::Response::error(status_for(who.error()), who.error().code, who.error().message);
    return caller;
  }
  if (!*who) {
    caller.refusal = http::Response::error(401, "not_authenticated", "log in or send an API token");
    return caller;
  }
  const app::accounts::Authenticated& a = **who;
  if (a.token) {
    if (scope == kSessionOnly) {
      caller.refusal = http::Response::error(403, "forbidden", "this operation is open to browser sessions only");
      return caller;
    }
    if (std::find(a.token->scopes.begin(), a.token->scopes.end(), scope) == a.token->scopes.end()) {
      caller.refusal = http::Response::error(403, "forbidden", "the API token lacks the scope " + std::string(scope));
      return caller;
    }
  }
  if (!is_safe_method(request.method) && !csrf_ok(a, request)) {
    caller.refusal = http::Response::error(403, "csrf", "missing or wrong X-CSRF-Token");
    return caller;
  }
  caller.who = std::move(**who);
  return caller;
}

std::function<http::Response(http::Request&, const app::accounts::Authenticated&)> with_record(
    RecordHandler handler, std::string not_found, bool raw_body) {
  return [handler = std::move(handler), not_found = std::move(not_found), raw_body](
             http::Request& r, const app::accounts::Authenticated& a) {
    std::int64_t id = 0;
    if (!r.param("id").empty()) {
      auto parsed = parse_id(r.param("id"));
      if (!parsed) return http::Response::error(404, "not_found", not_found);
      id = *parsed;
    }
    if (raw_body) return handler(r, a, id, boost::json::object{});
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r.body.empty() ? std::string_view("{}") : std::string_view(r.body), ec);
    if (ec || !v.is_object()) return http::Response::error(400, "invalid_json", "the body must be a JSON object");
    return handler(r, a, id, v.as_object());
  };
}

void Operations::add(http::ApiOperation op, Handler handler) {
  router_.add(op.method, op.pattern,
              [context = context_, scope = op.scope, handler = std::move(handler)](http::Request& request) {
                auto caller = authenticate(context, request, scope);
                if (!caller.who) return std::move(caller.refusal);
                return handler(request, *caller.who);
              });
  document_.add(std::move(op));
}

void Operations::add_public(http::ApiOperation op, http::Handler handler) {
  router_.add(op.method, op.pattern, std::move(handler));
  document_.add(std::move(op));
}

}  // namespace tafel::web::api
