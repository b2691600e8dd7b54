#include "web/routes.h"

#include "i18n/catalog.h"
#include "web/assets.h"
#include "web/language.h"
#include "web/pages.h"

namespace tafel::web {
namespace {

bool wants_html(const http::Request& request) {
  if (request.path == "/api" || request.path.starts_with("/api/")) return false;
  auto accept = request.header("accept");
  return accept && accept->find("text/html") != std::string_view::npos;
}

struct ApiError {
  std::string_view code;
  std::string_view message_key;
};

ApiError api_error(int status) {
  switch (status) {
    case 404: return {"not_found", "web.error.api.not_found"};
    case 405: return {"method_not_allowed", "web.error.api.method_not_allowed"};
    default:
      if (status >= 400 && status < 500) return {"bad_request", "web.error.api.bad_request"};
      return {"internal_error", "web.error.api.internal"};
  }
}

}  // namespace

http::Router::ErrorRenderer error_renderer(const Options& options) {
  return [options](const http::Request& request, int status) {
    if (wants_html(request)) return error_page(request, options, status);
    ApiError error = api_error(status);
    std::string lang = i18n::negotiate(request.header("accept-language").value_or(""));
    return http::Response::error(status, error.code, i18n::Catalog::builtin().translate(lang, error.message_key));
  };
}

void register_routes(http::Router& router, const Options& options) {
  router.add("GET", "/", [options](http::Request& request) { return home_page(request, options); });
  router.add("GET", "/about", [options](http::Request& request) { return about_page(request, options); });
  router.add("GET", "/language/{lang}", [options](http::Request& request) {
    const std::string& lang = request.param("lang");
    if (!i18n::is_supported(lang)) return error_renderer(options)(request, 404);
    http::Response response = http::Response::redirect(local_path(request.query_param("next").value_or("/")).value_or("/"));
    response.add_header("Set-Cookie", language_cookie(lang));
    response.set_header("Cache-Control", "no-store");
    return response;
  });
  router.add("GET", "/static/{*path}", [options](http::Request& request) {
    if (auto asset = Assets::builtin().serve(request, request.param("path"))) return std::move(*asset);
    return error_renderer(options)(request, 404);
  });
}

}  // namespace tafel::web
