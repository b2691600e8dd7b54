#pragma once
// The router: maps (method, path) to a handler, capturing "{name}" path segments.
//
// Routes are registered once at start-up and then only read, so matching needs no
// lock. Every route has a stable name (its pattern) used as the metrics label and in
// the route-by-role authorisation test, which enumerates routes().

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace tafel::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string pattern;  // "/api/v1/tables/{id}"; a final "{*rest}" captures the rest
  Handler handler;
};

class Router {
 public:
  // Registers a route. Patterns must start with '/'. A later route with the same
  // method and pattern replaces the earlier one.
  void add(std::string method, std::string pattern, Handler handler);

  // The outcome of matching a request.
  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    bool method_not_allowed = false;  // the path exists, but not for this method
    std::vector<std::string> allowed_methods;
  };

  // Finds the route for `request` and fills request.path_params and request.route.
  Match match(Request& request) const;

  // Dispatches the request. When nothing matches: 404, or 405 with Allow. When the
  // handler throws: 500 (the exception is logged by the caller's error hook, never
  // shown). Error answers come from the error renderer when one is set (the web
  // adapter renders HTML pages for browsers), else in the API error shape.
  Response dispatch(Request& request) const;

  // Renders the answer for an error status (404, 405, 500) to `request`; may return
  // a response in the API error shape or an HTML page depending on the request.
  using ErrorRenderer = std::function<Response(const Request&, int status)>;
  void set_error_renderer(ErrorRenderer renderer) { error_renderer_ = std::move(renderer); }

  // Called with the exception message when a handler throws (for logging).
  using ExceptionHook = std::function<void(const Request&, const char* what)>;
  void set_exception_hook(ExceptionHook hook) { exception_hook_ = std::move(hook); }

  // Every registered route, in registration order.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  Response render_error(const Request& request, int status) const;

  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> pattern_segments_;  // routes_[i].pattern, split at add()
  ErrorRenderer error_renderer_;
  ExceptionHook exception_hook_;
};

}  // namespace tafel::http
