#pragma once
// The routes of the reference index (issue 15; docs/index.md). Every decision is
// app::index::IndexService's; these adapters only read requests and render.
//
// JSON API (index_api.cc), browser sessions only, documented in OpenAPI:
//   GET    /api/v1/index/signals               the caller's organisation's signals
//   POST   /api/v1/index/signals               register one (the answer never says whether it matched)
//   DELETE /api/v1/index/signals/{id}          withdraw one of the organisation's signals
//   GET    /api/v1/index/matches               the organisation's matches
//   POST   /api/v1/index/matches/{id}/confirm  confirm a possible match for the caller's side
//   POST   /api/v1/index/matches/{id}/reject   reject it
//
// Pages (index_pages.cc), POST forms with the CSRF token:
//   GET  /index                            "Who else is involved?": own signals, register form
//   POST /index                            register (answers the same whether or not it matched)
//   POST /index/signals/{id}/withdraw      withdraw one of the organisation's signals
//   GET  /index/matches                    the organisation's matches
//   POST /index/matches/{id}/confirm       confirm a possible match for the caller's side
//   POST /index/matches/{id}/reject        reject it
// There is no route that answers "is this person known".

#include "app/index/index_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// The HTTP status of an error of the index service.
int index_status_for(const Error& error);

// The JSON Schemas of the answers (index_api_docs.cc).
void document_index_answers(http::ApiDocument& document);

// Registers the API routes above. `service` must outlive the router.
void register_index_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                        app::index::IndexService& service);

// Registers the pages above. `service` must outlive the router.
void register_index_pages(http::Router& router, const Options& options, const AccountsContext& context,
                          app::index::IndexService& service);

}  // namespace tafel::web
