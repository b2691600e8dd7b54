#include "http/operational_routes.h"

#include "http/log_event.h"

namespace tafel::http {

void add_operational_routes(Router& router, const Metrics& metrics, ReadinessCheck readiness) {
  router.add("GET", "/healthz", [](Request&) { return Response::json(200, R"({"status":"ok"})"); });

  router.add("GET", "/readyz", [readiness = std::move(readiness)](Request& request) {
    if (readiness) {
      if (auto ready = readiness(); !ready) {
        // The check's own message may name hosts; it goes to the log, not the client.
        LogEvent("not_ready").field("request_id", request.request_id).field("code", ready.error().code).warn();
        return Response::error(503, "not_ready", "The service cannot handle requests right now.");
      }
    }
    return Response::json(200, R"({"status":"ready"})");
  });

  router.add("GET", "/metrics", [&metrics](Request&) {
    Response r;
    r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = metrics.render();
    return r;
  });
}

}  // namespace tafel::http
