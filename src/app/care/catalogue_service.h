#pragma once
// The use cases of the care-offer catalogue (issue 16, point 1). Every signed-in
// user reads it (access::Action::view_catalogue); an organisation's own admin (a
// platform admin for any organisation) creates and edits its services and confirms
// their capacity (access::Action::manage_catalogue). Every change is saved with its
// audit entry in one transaction (app::UnitOfWork).
//
// The HSDS 3.0 import (web/care/hsds_codec.h reads the JSON) lands here as records
// with their JSON path; import() checks each, reports every refusal with its path,
// and writes nothing when one is refused unless `partial`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/care/catalogue_store.h"
#include "app/clock.h"
#include "app/unit_of_work.h"
#include "core/access/policy.h"
#include "core/care/service.h"

namespace tafel::app::care {

namespace core_care = ::tafel::care;

// Who is asking and from where (for the audit trail).
struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// One keyset page of services in id order; `next` is the `after` of the next page,
// absent on the last.
struct CataloguePage {
  std::vector<core_care::Service> services;
  std::optional<std::int64_t> next;
  static constexpr std::size_t kDefaultPage = 100;
  static constexpr std::size_t kMaxPage = 1000;
};

// A service as an import read it: where in the document, and its organisation by
// name (found in the directory, or added to it).
struct ImportRecord {
  std::string path;  // JSON path of the service object, e.g. "$[3]" or "$.services[0]"
  CatalogueOrganisation organisation;
  core_care::Service service;  // organisation left 0: resolved by name
};

// A record the import refused, and why.
struct Refusal {
  std::string path;
  std::string reason;
  friend bool operator==(const Refusal&, const Refusal&) = default;
};

struct ImportReport {
  std::size_t created = 0;   // new services
  std::size_t updated = 0;   // services of the same HSDS id, replaced
  std::size_t organisations_added = 0;
  std::vector<Refusal> refused;
  bool written = false;      // false when nothing was imported because of a refusal
};

class CatalogueService {
 public:
  // Every reference must outlive the service.
  CatalogueService(CatalogueStore& store, CatalogueDirectory& directory, audit::AuditTrail& audit,
                   const Clock& clock, UnitOfWork& transactions);

  // One page of the catalogue (one organisation's services when given).
  Result<CataloguePage> list(const Caller& caller, std::optional<access::OrganisationId> organisation,
                             std::int64_t after = 0, std::size_t limit = CataloguePage::kDefaultPage);
  Result<core_care::Service> service(const Caller& caller, std::int64_t id);
  // The organisation of a service, as the catalogue shows it.
  Result<CatalogueOrganisation> organisation(const Caller& caller, access::OrganisationId id);

  // Adds a service of `draft.organisation` (0: the caller's). Fails with
  // "invalid_input" (core_care::check_service, or a contact point of another
  // organisation) or "forbidden".
  Result<core_care::Service> create(const Caller& caller, core_care::Service draft);
  // Replaces what `draft` describes; the organisation, capacity and HSDS id stay.
  // Fails also with "not_found" or "conflict" (draft.version is stale).
  Result<core_care::Service> update(const Caller& caller, std::int64_t id, core_care::Service draft);
  // The service confirms its places, waiting list and median wait as of today.
  Result<core_care::Service> confirm_capacity(const Caller& caller, std::int64_t id, std::int64_t places,
                                              std::int64_t waiting, std::optional<std::int64_t> median_wait_days);
  // The services of `organisation` whose capacity is stale today (core_care::is_stale).
  Result<std::vector<core_care::Service>> stale(const Caller& caller, access::OrganisationId organisation);

  // Imports `records` (plus `refused`, what the reader already refused). Records
  // with an HSDS id already imported replace that service. Unknown organisations
  // are added to the directory (a platform admin's import only).
  Result<ImportReport> import(const Caller& caller, std::vector<ImportRecord> records, std::vector<Refusal> refused,
                              bool partial);

  // Today as YYYY-MM-DD (UTC), from the clock.
  std::string today() const;

 private:
  Result<core_care::Service> load(std::int64_t id);
  Result<void> check_contact(const core_care::Service& service);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     std::int64_t id);
  Result<core_care::Service> save(const Caller& caller, core_care::Service service, const std::string& what);

  CatalogueStore& store_;
  CatalogueDirectory& directory_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
};

}  // namespace tafel::app::care
