#pragma once
// CatalogueStore on SQL (SQLite or PostgreSQL, migration 0025): each service one
// JSON document with a version for optimistic concurrency; organisation, HSDS id
// and last confirmation as indexed columns. CatalogueDirectory reads and adds
// organisations through the directory's tables (storage/directory_store.h).

#include "app/care/catalogue_store.h"
#include "app/clock.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlCatalogueStore final : public app::care::CatalogueStore, public app::care::CatalogueDirectory {
 public:
  SqlCatalogueStore(Database& database, const app::Clock& clock) : db_(database), clock_(clock) {}

  Result<care::Service> insert(care::Service service) override;
  Result<std::optional<care::Service>> find(std::int64_t id) override;
  Result<std::optional<care::Service>> find_external(const std::string& external_id) override;
  Result<care::Service> update(care::Service service) override;
  Result<std::vector<care::Service>> list(std::optional<access::OrganisationId> organisation, std::int64_t after,
                                          std::size_t limit) override;

  Result<std::optional<app::care::CatalogueOrganisation>> organisation(access::OrganisationId id) override;
  Result<std::optional<app::care::CatalogueOrganisation>> organisation_named(const std::string& name) override;
  Result<access::OrganisationId> add_organisation(const app::care::CatalogueOrganisation& organisation,
                                                  const std::vector<std::string>& languages) override;
  Result<bool> contact_point_of(std::int64_t contact_point, access::OrganisationId organisation) override;

 private:
  Result<std::optional<care::Service>> find_where(const char* condition, const std::string& key);
  Result<std::optional<app::care::CatalogueOrganisation>> organisation_where(const char* condition,
                                                                             const std::string& key);
  Database& db_;
  const app::Clock& clock_;
};

// The document form of a service (JSON), and back. `decode_service` fails with
// "corrupt_record" when the stored text is not a service document.
std::string encode_service(const care::Service& service);
Result<care::Service> decode_service(std::string_view text);

}  // namespace tafel::storage
