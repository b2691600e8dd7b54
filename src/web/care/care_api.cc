#include <map>

#include <boost/json.hpp>

#include "web/api_support.h"
#include "web/care/care_routes.h"

namespace tafel::web {

namespace json = boost::json;
using app::accounts::Authenticated;
using app::care::Caller;
using app::care::CatalogueService;

namespace care {

Result<std::vector<HsdsService>> with_organisations(CatalogueService& service, const Caller& caller,
                                                    std::vector<tafel::care::Service> services) {
  std::map<access::OrganisationId, app::care::CatalogueOrganisation> organisations;
  std::vector<HsdsService> out;
  for (auto& s : services) {
    auto it = organisations.find(s.organisation);
    if (it == organisations.end()) {
      auto o = service.organisation(caller, s.organisation);
      if (!o) return tl::unexpected(o.error());
      it = organisations.emplace(s.organisation, std::move(*o)).first;
    }
    out.push_back({std::move(s), it->second});
  }
  return out;
}

}  // namespace care

namespace {

constexpr const char* kServicesSchema =
    R"json({"type":"array","description":"HSDS 3.0 service objects (https://docs.openreferral.org/en/v3.0/); capacity in x-tafel-capacity","items":{"type":"object","required":["id","name","status","organization"],"properties":{
  "id":{"type":"string"},
  "name":{"type":"string"},
  "status":{"type":"string"},
  "organization":{"type":"object"},
  "x-tafel-capacity":{"type":"object","required":["places","people_waiting"],"properties":{"places":{"type":"integer"},"people_waiting":{"type":"integer"},"median_wait_days":{"type":"integer"},"last_confirmed":{"type":"string","format":"date"}}}
}}})json";

std::int64_t number_param(const http::Request& r, std::string_view name, std::int64_t fallback) {
  auto text = r.query_param(name);
  if (!text) return fallback;
  auto id = api::parse_id(*text);
  return id ? *id : fallback;
}

}  // namespace

void register_care_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                       CatalogueService& service) {
  api::Operations ops(router, document, context);
  CatalogueService* s = &service;
  http::ApiOperation o;
  o.method = "GET";
  o.pattern = "/api/v1/hsds/services";
  o.tag = "catalogue";
  o.summary = "The care-offer catalogue as HSDS 3.0 services, one page in id order (next page in the Link header)";
  o.scope = "directory:read";
  o.query = {http::QueryParameter("after", "the last id of the previous page (from the Link header)", "", false,
                                  "integer"),
             http::QueryParameter("limit", "at most this many services (1 to 1000, default 100)", "", false,
                                  "integer")};
  ops.add(o, [s](http::Request& r, const Authenticated& a) {
    Caller caller{a.principal, audit_origin(r)};
    std::int64_t after = number_param(r, "after", 0);
    auto limit = static_cast<std::size_t>(number_param(r, "limit", app::care::CataloguePage::kDefaultPage));
    auto page = s->list(caller, std::nullopt, after, limit);
    if (!page) return http::Response::error(status_for(page.error()), page.error().code, page.error().message);
    auto services = care::with_organisations(*s, caller, std::move(page->services));
    if (!services) {
      return http::Response::error(status_for(services.error()), services.error().code, services.error().message);
    }
    http::Response response = api::ok(care::hsds_services(*services));
    if (page->next) {
      response.set_header("Link", "</api/v1/hsds/services?after=" + std::to_string(*page->next) +
                                      "&limit=" + std::to_string(limit) + ">; rel=\"next\"");
    }
    return response;
  });
  http::document_answers(document, {{"GET", "/api/v1/hsds/services", kServicesSchema}});
}

}  // namespace tafel::web
