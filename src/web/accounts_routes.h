#pragma once
// The one entry point the server calls for accounts and the directory:
//   register_account_routes(router, context, document)
// adds the JSON API (accounts_api.h) and the OpenAPI document route
// (GET /api/v1/openapi.json). The route-by-role test (tests/routes) builds its
// router through this same function.

#include <memory>

#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"

namespace tafel::web {

// `document` collects the description of every API operation; other modules may add
// theirs to the same document before or after this call.
void register_account_routes(http::Router& router, const AccountsContext& context,
                             std::shared_ptr<http::ApiDocument> document);

}  // namespace tafel::web
