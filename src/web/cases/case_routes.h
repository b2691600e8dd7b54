#pragma once
// The routes of individual cases (issue 12, point 2). Every decision is
// app::cases::CaseService's; these adapters only read requests and render.
//
// JSON API (case_api.cc), browser sessions only, documented in OpenAPI:
//   GET  /api/v1/cases                         the cases the caller may see (no identity)
//   GET  /api/v1/tables/{id}/cases             the table's cases the caller may see
//   POST /api/v1/tables/{id}/cases             open a case (identity, flags, tracks)
//   GET  /api/v1/cases/{id}                    the summary
//   GET  /api/v1/cases/{id}/identity           the identity (audited)
//   PUT  /api/v1/cases/{id}/identity           replace the identity (audited)
//   POST /api/v1/cases/{id}/informed           person informed: yes, no_investigation, no_safety
//   POST /api/v1/cases/{id}/close
//
// Pages (case_pages.cc), POST forms with the CSRF token:
//   GET  /tables/{id}/cases                    the table's cases (pseudonyms only)
//   GET  /tables/{id}/cases/new, POST          open a case
//   GET  /cases/{id}                           summary, person informed, tracks
//   POST /cases/{id}/identity                  "show identity": the page with the identity (audited)
//   POST /cases/{id}/identity/edit             replace the identity
//   POST /cases/{id}/informed, /cases/{id}/close

#include "app/cases/case_service.h"
#include "app/tables/table_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// The HTTP status of an error of the cases service.
int case_status_for(const Error& error);

// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/cases/case_api_docs.cc).
void document_case_answers(http::ApiDocument& document);

void register_case_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                       app::cases::CaseService& service);

// `tables` gives the table's name and member organisations for the forms.
void register_case_pages(http::Router& router, const Options& options, const AccountsContext& context,
                         app::cases::CaseService& service, app::tables::TableService& tables);

}  // namespace tafel::web
