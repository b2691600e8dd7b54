#include "web/tables/table_api_support.h"

#include "web/tables/table_api.h"

namespace tafel::web::table_api {

http::Response from_error(const Error& e) { return http::Response::error(table_status_for(e), e.code, e.message); }

http::Response calendar(std::string text) {
  http::Response r = http::Response::text(200, std::move(text));
  r.set_header("Content-Type", "text/calendar; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Ids ids_of(const http::Request& request) {
  Ids ids;
  auto take = [&](const char* name, std::int64_t& out) {
    const std::string& text = request.param(name);
    if (text.empty()) return;
    auto v = parse_id(text);
    if (!v) ids.valid = false;
    else out = *v;
  };
  take("id", ids.table);
  take("meeting", ids.meeting);
  take("item", ids.item);
  take("action", ids.action);
  take("feedback", ids.feedback);
  return ids;
}

json::object body_of(const http::Request& request, bool& valid) {
  boost::system::error_code ec;
  json::value v = json::parse(request.body.empty() ? std::string_view("{}") : std::string_view(request.body), ec);
  valid = !ec && v.is_object();
  return valid ? std::move(v.as_object()) : json::object();
}

std::string str(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::int64_t integer(const json::object& o, std::string_view key, std::int64_t fallback) {
  auto* v = o.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64() && v->as_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->as_uint64());
  return fallback;
}

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema) {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  return o;
}
http::Response done(const Result<void>& r) {
  if (!r) return from_error(r.error());
  return ok(json::object{{"ok", true}});
}

}  // namespace tafel::web::table_api
