#include "http/router.h"

#include <algorithm>
#include <cassert>
#include <exception>
#include <string_view>

namespace tafel::http {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash yields a final empty segment
// so that "/a/" and "/a" stay different routes.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::unordered_map<std::string, std::string>& params) {
  auto want = segments(pattern);
  auto have = segments(path);
  params.clear();
  for (size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i];
    bool is_param = w.size() > 2 && w.front() == '{' && w.back() == '}';
    if (is_param && w[1] == '*') {  // "{*rest}": the remainder, slashes included
      std::string rest;
      for (size_t j = i; j < have.size(); ++j) {
        if (j > i) rest += '/';
        rest += have[j];
      }
      params[std::string(w.substr(2, w.size() - 3))] = std::move(rest);
      return true;
    }
    if (i >= have.size()) return false;
    if (is_param) {
      if (have[i].empty()) return false;
      params[std::string(w.substr(1, w.size() - 2))] = std::string(have[i]);
    } else if (w != have[i]) {
      return false;
    }
  }
  return want.size() == have.size();
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  assert(!pattern.empty() && pattern.front() == '/');
  for (auto& route : routes_) {
    if (route.method == method && route.pattern == pattern) {
      route.handler = std::move(handler);
      return;
    }
  }
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
}

Router::Match Router::match(Request& request) const {
  Match result;
  std::unordered_map<std::string, std::string> params;
  for (const auto& route : routes_) {
    if (!match_pattern(route.pattern, request.path, params)) continue;
    bool head_as_get = request.method == "HEAD" && route.method == "GET";
    if (route.method == request.method || head_as_get) {
      request.path_params = std::move(params);
      request.route = route.pattern;
      result.route = &route;
      result.method_not_allowed = false;
      return result;
    }
    result.method_not_allowed = true;
    if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), route.method) ==
        result.allowed_methods.end()) {
      result.allowed_methods.push_back(route.method);
    }
  }
  return result;
}

Response Router::render_error(const Request& request, int status) const {
  if (error_renderer_) return error_renderer_(request, status);
  switch (status) {
    case 404: return Response::error(404, "not_found", "There is nothing at this address.");
    case 405: return Response::error(405, "method_not_allowed", "This method is not allowed here.");
    default: return Response::error(status, "internal_error", "Something went wrong on our side; it has been logged.");
  }
}

Response Router::dispatch(Request& request) const {
  Match m = match(request);
  if (m.route != nullptr) {
    try {
      return m.route->handler(request);
    } catch (const std::exception& e) {
      if (exception_hook_) exception_hook_(request, e.what());
    } catch (...) {
      if (exception_hook_) exception_hook_(request, "unknown exception");
    }
    return render_error(request, 500);
  }
  if (m.method_not_allowed) {
    request.route = "(method not allowed)";
    Response r = render_error(request, 405);
    std::string allow;
    for (const auto& method : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + method;
    r.set_header("Allow", allow);
    return r;
  }
  request.route = "(not found)";
  return render_error(request, 404);
}

}  // namespace tafel::http
