#include <algorithm>

#include "app/care/catalogue_store.h"

namespace tafel::app::care {

using tafel::care::Service;

Result<Service> MemoryCatalogueStore::insert(Service service) {
  std::lock_guard lock(mutex_);
  if (!service.external_id.empty()) {
    for (const auto& s : services_) {
      if (s.external_id == service.external_id) return fail("conflict", "a service with this HSDS id exists");
    }
  }
  service.id = next_id_++;
  service.version = 1;
  services_.push_back(service);
  return service;
}

Result<std::optional<Service>> MemoryCatalogueStore::find(std::int64_t id) {
  std::lock_guard lock(mutex_);
  for (const auto& s : services_) {
    if (s.id == id) return std::optional<Service>(s);
  }
  return std::optional<Service>();
}

Result<std::optional<Service>> MemoryCatalogueStore::find_external(const std::string& external_id) {
  std::lock_guard lock(mutex_);
  for (const auto& s : services_) {
    if (!external_id.empty() && s.external_id == external_id) return std::optional<Service>(s);
  }
  return std::optional<Service>();
}

Result<Service> MemoryCatalogueStore::update(Service service) {
  std::lock_guard lock(mutex_);
  for (auto& s : services_) {
    if (s.id != service.id) continue;
    if (s.version != service.version) return fail("conflict", "the service changed meanwhile; reload and retry");
    ++service.version;
    s = service;
    return service;
  }
  return fail("not_found", "no such service");
}

Result<std::vector<Service>> MemoryCatalogueStore::list(std::optional<access::OrganisationId> organisation,
                                                        std::int64_t after, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<Service> out;
  for (const auto& s : services_) {
    if (out.size() >= limit) break;
    if (s.id <= after || (organisation && s.organisation != *organisation)) continue;
    out.push_back(s);
  }
  return out;
}

Result<std::optional<CatalogueOrganisation>> MemoryCatalogueStore::organisation(access::OrganisationId id) {
  std::lock_guard lock(mutex_);
  for (const auto& o : organisations) {
    if (o.id == id) return std::optional<CatalogueOrganisation>(o);
  }
  return std::optional<CatalogueOrganisation>();
}

Result<std::optional<CatalogueOrganisation>> MemoryCatalogueStore::organisation_named(const std::string& name) {
  std::lock_guard lock(mutex_);
  for (const auto& o : organisations) {
    if (o.name == name) return std::optional<CatalogueOrganisation>(o);
  }
  return std::optional<CatalogueOrganisation>();
}

Result<access::OrganisationId> MemoryCatalogueStore::add_organisation(const CatalogueOrganisation& organisation,
                                                                      const std::vector<std::string>&) {
  std::lock_guard lock(mutex_);
  CatalogueOrganisation o = organisation;
  o.id = 1000 + static_cast<access::OrganisationId>(organisations.size());
  organisations.push_back(o);
  return o.id;
}

Result<bool> MemoryCatalogueStore::contact_point_of(std::int64_t contact_point, access::OrganisationId organisation) {
  std::lock_guard lock(mutex_);
  return std::any_of(contact_points.begin(), contact_points.end(),
                     [&](const auto& c) { return c.first == contact_point && c.second == organisation; });
}

}  // namespace tafel::app::care
