#pragma once
// Search (issue 14, docs/search.md): GET /api/v1/search for browser sessions, and the
// page GET /search that the header's search box sends its words to.

#include "app/search/search_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// Registers GET /api/v1/search: q (required), kind, table, organisation, from, to
// (YYYY-MM-DD, from inclusive, to exclusive), limit (1..100, default 20). Answers
// {"results": [...]} with what the caller may see, best first; the number of hidden
// results is never given. `service` must outlive the router.
void register_search_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                         app::search::SearchService& service);

// Registers GET /search for signed-in users: the form, and the visible results with
// the matched words marked. `service` must outlive the router.
void register_search_page(http::Router& router, const Options& options, const AccountsContext& context,
                          app::search::SearchService& service);

// The search of a request's query: q, kind, table, organisation, from, to (YYYY-MM-DD)
// and limit (at most 100; `default_limit` when absent), as the API and the page read
// them. Fails with "invalid_input" naming the field.
Result<app::search::SearchRequest> search_request_of(const http::Request& request, std::size_t default_limit);

// The page of a result: the meeting for minutes, the table for decisions and actions,
// the situation.
std::string search_link(const app::search::SearchDocument& document);

}  // namespace tafel::web
