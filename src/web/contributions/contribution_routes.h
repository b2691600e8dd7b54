#pragma once
// The routes of contributions (issue 12, points 3 and 4). Every decision is
// app::contributions::ContributionService's (and through it the sharing engine's);
// these adapters only read requests and render.
//
// JSON API (contribution_api.cc), browser sessions only, documented in OpenAPI:
//   GET  /api/v1/contributions?situation=ID | ?case=ID   what the caller's organisation may know of
//   POST /api/v1/contributions                 add and share; 422 {"error":{"code":"obligations_unmet"},
//                                              "obligations":[...],"decisions":[...]} while one is unmet
//   GET  /api/v1/contributions/{id}            one, asked again (readable false + explanation on deny)
//   GET  /api/v1/contributions/{id}/export     text/markdown; 403 {"error":{"code":"use_restricted"},"explanation"}
//   POST /api/v1/contributions/{id}/forward    {"recipient":ID,...}; 403 with the explanation on deny
//
// Pages (contribution_pages.cc), POST forms with the CSRF token:
//   the "Contributions" section of /situations/{id} (situation_section)
//   POST /situations/{id}/contributions        add (step two shows the obligations to meet)
//   GET  /cases/{id}/contributions, POST       a case's contributions by track, and the add form
//   GET  /contributions/{id}/export            the Markdown download, or the refusal with its explanation

#include <cstdint>
#include <functional>

#include "app/contributions/contribution_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web {

// Registers the API routes above. `service` must outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/contributions/contribution_api_docs.cc).
void document_contribution_answers(http::ApiDocument& document);

void register_contribution_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                               app::contributions::ContributionService& service);

// Registers the pages above.
void register_contribution_pages(http::Router& router, const Options& options, const AccountsContext& context,
                                 app::contributions::ContributionService& service);

// Fills the "contributions" section of a situation page (the template includes
// contributions/_section) for `who`: the contributions their organisation may know
// of and the add form. The situation pages call it through this function object.
using SituationSection =
    std::function<void(Page& page, const http::Request& request, const app::accounts::Authenticated& who,
                       std::int64_t situation)>;
SituationSection situation_section(const Options& options, const AccountsContext& context,
                                   app::contributions::ContributionService& service);

}  // namespace tafel::web
