#include "web/accounts_routes.h"

#include "web/accounts_api.h"

namespace tafel::web {

void register_account_routes(http::Router& router, const AccountsContext& context,
                             std::shared_ptr<http::ApiDocument> document) {
  register_account_api(router, *document, context);
  http::add_openapi_route(router, document);
}

}  // namespace tafel::web
