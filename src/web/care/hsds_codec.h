#pragma once
// The care catalogue as Open Referral HSDS 3.0 JSON (docs/care.md, ADR 0026): the
// JSON mapping lives here, in an adapter; the rules are core/care's and the import
// decisions app::care::CatalogueService's.
//
// Export: an array of HSDS `service` objects, each with its nested `organization`,
// `service_at_locations` (one physical location when the service has an address),
// `contacts`, `phones`, `schedules` (WEEKLY, one per distinct opening time),
// `languages`, `service_areas`, and the target groups and needs as `attributes`
// with taxonomy terms of the taxonomies "tafel:target_group" and "tafel:need".
// Capacity rides in the extension field "x-tafel-capacity":
//   {"places": N, "people_waiting": N, "median_wait_days": N?, "last_confirmed": "YYYY-MM-DD"?}
// Ids: a service imported from HSDS keeps its id; other ids are UUIDs derived from
// the record ids (stable across exports).
//
// Import reads that, a single service, an `organization` with its `services`, or a
// `service_at_location` with its `service` (the three HSDS examples), and turns
// each service into an app::care::ImportRecord, or a Refusal naming its JSON path
// ("$[3].schedules[0].byday") and the reason.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "app/care/catalogue_service.h"
#include "core/care/service.h"

namespace tafel::web::care {

// The name of the extension field that carries capacity and waiting list.
inline constexpr std::string_view kCapacityField = "x-tafel-capacity";

// A service with its organisation, as exported.
struct HsdsService {
  tafel::care::Service service;
  app::care::CatalogueOrganisation organisation;
};

// One HSDS `service` object.
boost::json::object hsds_service(const tafel::care::Service& service,
                                 const app::care::CatalogueOrganisation& organisation);
// The export document: an array of `service` objects.
boost::json::array hsds_services(const std::vector<HsdsService>& services);

// What an import document holds.
struct HsdsRead {
  std::vector<app::care::ImportRecord> records;
  std::vector<app::care::Refusal> refused;
};

// Reads an import document; a text that is not JSON is one refusal at "$".
HsdsRead read_hsds(std::string_view text);

// The deterministic UUID of record `id` of kind `kind` (1 service, 2 organization,
// 3 and up the nested objects).
std::string derived_uuid(unsigned kind, std::int64_t id);

}  // namespace tafel::web::care
