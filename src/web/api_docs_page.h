#pragma once
// "/api/docs": the API reference, rendered on the server from the served OpenAPI
// document (docs/decisions/0016-api-reference-rendered-on-the-server.md says why no
// JavaScript renderer): operations grouped by tag, with their security, parameters,
// request body, responses and examples, in the site's chrome in the visitor's
// language (the document itself is English).

#include <memory>

#include "http/openapi.h"
#include "http/router.h"
#include "web/options.h"

namespace tafel::web {

// Registers GET /api/docs, public like the document it renders (read at every
// request, so operations registered later are included).
void register_api_docs_page(http::Router& router, const Options& options,
                            std::shared_ptr<const http::ApiDocument> document);

}  // namespace tafel::web
