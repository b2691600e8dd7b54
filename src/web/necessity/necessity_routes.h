#pragma once
// The routes of the state-of-necessity flow and the DPO review queue (issue 12,
// point 6; docs/necessity.md). Every decision is app::necessity::NecessityService's;
// these adapters only read requests and render.
//
// JSON API (necessity_api.cc), browser sessions only, documented in OpenAPI:
//   GET  /api/v1/necessity                    the caller's own reports with their state
//   POST /api/v1/necessity                    claim a ground: 201 with the report, or 422
//                                             {"decision":"deny","reasons",...}
//   GET  /api/v1/necessity/{id}               one report (its author, the DPO)
//   POST /api/v1/necessity/{id}/answer        the author answers the DPO's question
//   GET  /api/v1/dpo/reviews                  the DPO's queue
//   GET  /api/v1/dpo/reviews/{id}             one review (and its report)
//   POST /api/v1/dpo/reviews/{id}/question, /accept, /not-accept
//
// Pages (report_pages.cc, flow_page.cc, dpo_pages.cc), POST forms with the CSRF token:
//   GET  /necessity                           my reports and their state
//   GET  /necessity/new, POST /necessity/new  the guided checklist
//   GET  /necessity/{id}, POST /necessity/{id}/answer
//   GET  /dpo/reviews, GET /dpo/reviews/{id}
//   POST /dpo/reviews/{id}/question, /accept, /not-accept

#include "app/necessity/necessity_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// The HTTP status of an error of the necessity service.
int necessity_status_for(const Error& error);

// Registers the API routes above. `service` and the services in `context` must
// outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/necessity/necessity_api_docs.cc).
void document_necessity_answers(http::ApiDocument& document);

void register_necessity_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                            app::necessity::NecessityService& service);

// Registers the pages above.
void register_necessity_pages(http::Router& router, const Options& options, const AccountsContext& context,
                              app::necessity::NecessityService& service);

}  // namespace tafel::web
