#pragma once
// The operational endpoints every tafel server answers, for load balancers and
// monitoring rather than people:
//   GET /healthz  200 {"status":"ok"} while the process is up (liveness);
//   GET /readyz   200 {"status":"ready"} when the readiness check passes, else 503
//                 in the API error shape (readiness: take traffic or not);
//   GET /metrics  the Prometheus text exposition of `metrics`.
// None of them touches personal data. Expose /metrics only to monitoring (the
// reverse proxy should not forward it); see docs/configuration.md.

#include <functional>

#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"

namespace tafel::http {

// Answers whether the process can serve requests now (for example: the database
// answers a ping). Must be thread-safe; should return within a second.
using ReadinessCheck = std::function<Result<void>()>;

// Registers the three routes on `router`. `metrics` must outlive the router.
void add_operational_routes(Router& router, const Metrics& metrics, ReadinessCheck readiness);

}  // namespace tafel::http
