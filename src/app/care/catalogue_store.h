#pragma once
// The store port of the care-offer catalogue (core/care/service.h), and what the
// catalogue reads from and adds to the directory. Each service is saved whole;
// `version` guards against lost updates ("conflict").

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/care/service.h"
#include "core/result.h"

namespace tafel::app::care {

class CatalogueStore {
 public:
  virtual ~CatalogueStore() = default;

  // Stores a new service; returns it with its id and version 1. Fails with
  // "conflict" when another service has the same non-empty external_id.
  virtual Result<tafel::care::Service> insert(tafel::care::Service service) = 0;
  virtual Result<std::optional<tafel::care::Service>> find(std::int64_t id) = 0;
  // The service imported with HSDS id `external_id`, or nullopt.
  virtual Result<std::optional<tafel::care::Service>> find_external(const std::string& external_id) = 0;
  // Saves `service` (read at service.version), returns it at the next version.
  // Fails with "not_found" or "conflict".
  virtual Result<tafel::care::Service> update(tafel::care::Service service) = 0;
  // One keyset page in id order: the services with ids above `after` (of
  // `organisation` only, when given), at most `limit`.
  virtual Result<std::vector<tafel::care::Service>> list(std::optional<access::OrganisationId> organisation,
                                                         std::int64_t after, std::size_t limit) = 0;
};

// An organisation as the catalogue shows it (HSDS `organization`).
struct CatalogueOrganisation {
  access::OrganisationId id = 0;
  std::string name;
  std::string description;  // the directory's finality statement
  std::string website;
  friend bool operator==(const CatalogueOrganisation&, const CatalogueOrganisation&) = default;
};

class CatalogueDirectory {
 public:
  virtual ~CatalogueDirectory() = default;
  virtual Result<std::optional<CatalogueOrganisation>> organisation(access::OrganisationId id) = 0;
  // The organisation named exactly `name`, or nullopt.
  virtual Result<std::optional<CatalogueOrganisation>> organisation_named(const std::string& name) = 0;
  // Adds an organisation to the directory (an import names one it does not know);
  // `languages` are the nl/fr/en it serves in. Returns its id.
  virtual Result<access::OrganisationId> add_organisation(const CatalogueOrganisation& organisation,
                                                          const std::vector<std::string>& languages) = 0;
  virtual Result<bool> contact_point_of(std::int64_t contact_point, access::OrganisationId organisation) = 0;
};

// Both in memory, for tests of the use case. Thread-safe.
class MemoryCatalogueStore final : public CatalogueStore, public CatalogueDirectory {
 public:
  Result<tafel::care::Service> insert(tafel::care::Service service) override;
  Result<std::optional<tafel::care::Service>> find(std::int64_t id) override;
  Result<std::optional<tafel::care::Service>> find_external(const std::string& external_id) override;
  Result<tafel::care::Service> update(tafel::care::Service service) override;
  Result<std::vector<tafel::care::Service>> list(std::optional<access::OrganisationId> organisation,
                                                 std::int64_t after, std::size_t limit) override;
  Result<std::optional<CatalogueOrganisation>> organisation(access::OrganisationId id) override;
  Result<std::optional<CatalogueOrganisation>> organisation_named(const std::string& name) override;
  Result<access::OrganisationId> add_organisation(const CatalogueOrganisation& organisation,
                                                  const std::vector<std::string>& languages) override;
  Result<bool> contact_point_of(std::int64_t contact_point, access::OrganisationId organisation) override;

  std::vector<CatalogueOrganisation> organisations;
  std::vector<std::pair<std::int64_t, access::OrganisationId>> contact_points;  // (id, organisation)

 private:
  std::recursive_mutex mutex_;
  std::int64_t next_id_ = 1;
  std::vector<tafel::care::Service> services_;
};

}  // namespace tafel::app::care
