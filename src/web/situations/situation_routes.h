#pragma once
// The routes of situations (issue 12, point 1). Every decision is
// app::situations::SituationService's; these adapters only read requests and render.
//
// JSON API (situation_api.cc), browser sessions only, documented in OpenAPI:
//   GET  /api/v1/situations?stage=&area=&mine=1    the situations the caller may see
//   POST /api/v1/situations                        create (owned by the caller's organisation)
//   GET  /api/v1/situations/{id}, PUT /api/v1/situations/{id}
//   POST /api/v1/situations/{id}/stage             the explicit step to the next SARA stage
//   POST /api/v1/situations/{id}/actions           a step of the action plan
//   PATCH /api/v1/situations/{id}/actions/{action} its status (open, done)
//   POST /api/v1/situations/{id}/voices            an anonymous voice
//   PUT  /api/v1/situations/{id}/goals             organisations' goals
// A text that looks like a personal identifier answers 422 with
// {"error":{"code":"identifier_suspected",...},"spans":[{"field","start","end","kind"}]}
// (UTF-8 byte offsets) unless the body says "confirm_not_identifier": true.
//
// Pages (list_page.cc, situation_page.cc, situation_forms.cc), POST forms with the
// CSRF token:
//   GET  /situations                               list with filters (stage, area, mine)
//   GET  /situations/new, POST /situations/new     create
//   GET  /situations/{id}                          detail: stages, triangle, goals, plan, voices
//   GET  /situations/{id}/edit, POST /situations/{id}/edit
//   POST /situations/{id}/stage, /actions, /actions/{action}/status, /voices, /goals

#include <cstdint>
#include <functional>

#include "app/situations/situation_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/contributions/contribution_routes.h"
#include "web/options.h"

namespace tafel::web {

// The HTTP status of an error of the situations service.
int situation_status_for(const Error& error);

// Registers the API routes above. `service` and the services in `context` must
// outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/situations/situation_api_docs.cc).
void document_situation_answers(http::ApiDocument& document);

void register_situation_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                            app::situations::SituationService& service);

// True when `who` may open consultation table `table`: the detail page links a
// situation's table only then (a link that answers 403 is a dead end, issue 22).
using TableAccess = std::function<bool(const access::Principal& who, std::int64_t table)>;

// Registers the pages above. `section` fills the contributions section of the
// detail page (web/contributions); empty for none. `may_open_table` decides whether
// the detail page links the situation's table; empty: it is named, never linked.
void register_situation_pages(http::Router& router, const Options& options, const AccountsContext& context,
                              app::situations::SituationService& service, SituationSection section = {},
                              TableAccess may_open_table = {});

}  // namespace tafel::web
