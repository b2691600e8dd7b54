#pragma once
// The routes of the care-offer catalogue (issue 16, point 1). Every decision is
// app::care::CatalogueService's; these adapters only read requests and render.
//
// JSON API (care_api.cc), browser session or API token with "directory:read",
// documented in OpenAPI:
//   GET /api/v1/hsds/services?after=&limit=   one page of the catalogue as an array
//       of HSDS 3.0 `service` objects (web/care/hsds_codec.h); the next page, when
//       there is one, in the Link header (rel="next").
//
// Pages (services_page.cc):
//   GET /care/services?after=                    the catalogue, read-only, with capacity
//       and a "not confirmed" mark on stale capacity

#include "app/care/catalogue_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/care/hsds_codec.h"
#include "web/options.h"

namespace tafel::web {

// Registers the API routes above. `service` must outlive the router.
void register_care_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                       app::care::CatalogueService& service);

// Registers the pages above. `service` must outlive the router.
void register_care_pages(http::Router& router, const Options& options, const AccountsContext& context,
                         app::care::CatalogueService& service);

namespace care {
// The HSDS export of one page of the catalogue: the services with their
// organisations (each read once). Fails as CatalogueService does.
Result<std::vector<HsdsService>> with_organisations(app::care::CatalogueService& service,
                                                           const app::care::Caller& caller,
                                                           std::vector<tafel::care::Service> services);
}  // namespace care

}  // namespace tafel::web
