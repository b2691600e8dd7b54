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

// Whether `path` (split) matches `pattern` (split at add()); the captured parameters
// are put in `params` only on a match. Allocates nothing for routes that do not
// match: the request path is split once per request, the patterns once at add().
bool match_pattern(const std::vector<std::string>& want, const std::vector<std::string_view>& have,
                   std::vector<std::pair<std::string_view, std::string>>& params) {
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
      for (size_t k = 0; k < i; ++k) {
        std::string_view before = want[k];
        if (before.size() > 2 && before.front() == '{' && before.back() == '}') {
          params.emplace_back(before.substr(1, before.size() - 2), have[k]);
        }
      }
      params.emplace_back(w.substr(2, w.size() - 3), std::move(rest));
      return true;
    }
    if (i >= have.size()) return false;
    if (is_param) {
      if (have[i].empty()) return false;
    } else if (w != have[i]) {
      return false;
    }
  }
  if (want.size() != have.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') params.emplace_back(w.substr(1, w.size() - 2), have[i]);
  }
  return true;
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
  std::vector<std::string> split;
  for (auto part : segments(pattern)) split.emplace_back(part);
  pattern_segments_.push_back(std::move(split));
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
}

Router::Match Router::match(Request& request) const {
  Match result;
  const auto have = segments(request.path);
  std::vector<std::pair<std::string_view, std::string>> params;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const Route& route = routes_[r];
    if (!match_pattern(pattern_segments_[r], have, params)) continue;
    bool head_as_get = request.method == "HEAD" && route.method == "GET";
    if (route.method == request.method || head_as_get) {
      request.path_params.clear();
      for (auto& [name, value] : params) request.path_params[std::string(name)] = std::move(value);
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
