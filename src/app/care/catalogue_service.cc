#include "app/care/catalogue_service.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "app/audit/record_change.h"
#include "app/authorization.h"

namespace tafel::app::care {

using core::audit::Action;
using core_care::Service;

namespace {

Result<void> may_manage(const Caller& caller, access::OrganisationId organisation) {
  return authorize(caller.principal, access::Action::manage_catalogue, {organisation, {}});
}

// What an edit may change: everything but the organisation, capacity and HSDS id.
void apply(Service& s, Service d) {
  s.name = std::move(d.name);
  s.description = std::move(d.description);
  s.target_groups = std::move(d.target_groups);
  s.needs = std::move(d.needs);
  s.areas = std::move(d.areas);
  s.languages = std::move(d.languages);
  s.eligibility = std::move(d.eligibility);
  s.intake = std::move(d.intake);
  s.address = std::move(d.address);
  s.hours = std::move(d.hours);
  s.contact = std::move(d.contact);
  core_care::normalise(s);
}

}  // namespace

CatalogueService::CatalogueService(CatalogueStore& store, CatalogueDirectory& directory, audit::AuditTrail& audit,
                                   const Clock& clock, UnitOfWork& transactions)
    : store_(store), directory_(directory), audit_(audit), clock_(clock), transactions_(transactions) {}

std::string CatalogueService::today() const {
  auto day = std::chrono::floor<std::chrono::days>(clock_.now());
  std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

Result<Service> CatalogueService::load(std::int64_t id) {
  auto found = store_.find(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such service");
  return std::move(**found);
}

Result<void> CatalogueService::check_contact(const Service& s) {
  if (s.contact.contact_point == 0) return {};
  auto ours = directory_.contact_point_of(s.contact.contact_point, s.organisation);
  if (!ours) return tl::unexpected(ours.error());
  if (!*ours) return fail("invalid_input", "contact: not a contact point of this organisation");
  return {};
}

Result<void> CatalogueService::audit(const Caller& caller, Action action, const std::string& object_type,
                                     std::int64_t id) {
  return app::audit::record_change(audit_, caller.principal, caller.origin,
                                   {action, object_type, std::to_string(id), core::audit::Outcome::success, {}});
}

Result<CataloguePage> CatalogueService::list(const Caller& caller, std::optional<access::OrganisationId> organisation,
                                             std::int64_t after, std::size_t limit) {
  if (auto ok = authorize(caller.principal, access::Action::view_catalogue, {}); !ok) return tl::unexpected(ok.error());
  limit = std::clamp<std::size_t>(limit, 1, CataloguePage::kMaxPage);
  auto services = store_.list(organisation, after, limit);
  if (!services) return tl::unexpected(services.error());
  CataloguePage page;
  if (services->size() == limit) page.next = services->back().id;
  page.services = std::move(*services);
  return page;
}

Result<Service> CatalogueService::service(const Caller& caller, std::int64_t id) {
  if (auto ok = authorize(caller.principal, access::Action::view_catalogue, {}); !ok) return tl::unexpected(ok.error());
  return load(id);
}

Result<CatalogueOrganisation> CatalogueService::organisation(const Caller& caller, access::OrganisationId id) {
  if (auto ok = authorize(caller.principal, access::Action::view_catalogue, {}); !ok) return tl::unexpected(ok.error());
  auto found = directory_.organisation(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail("not_found", "no such organisation");
  return std::move(**found);
}

Result<Service> CatalogueService::save(const Caller& caller, Service service, const std::string& what) {
  return transactions_.run_returning<Service>([&]() -> Result<Service> {
    auto stored = store_.update(std::move(service));
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::update, what, stored->id); !ok) return tl::unexpected(ok.error());
    return stored;
  });
}

Result<Service> CatalogueService::create(const Caller& caller, Service draft) {
  access::OrganisationId organisation = draft.organisation ? draft.organisation : caller.principal.organisation_id;
  if (auto ok = may_manage(caller, organisation); !ok) return tl::unexpected(ok.error());
  Service s;
  s.organisation = organisation;
  s.capacity = draft.capacity;
  apply(s, std::move(draft));
  if (auto ok = core_care::check_service(s); !ok) return tl::unexpected(ok.error());
  if (auto ok = check_contact(s); !ok) return tl::unexpected(ok.error());
  return transactions_.run_returning<Service>([&]() -> Result<Service> {
    auto stored = store_.insert(s);
    if (!stored) return stored;
    if (auto ok = audit(caller, Action::create, "care_service", stored->id); !ok) return tl::unexpected(ok.error());
    return stored;
  });
}

Result<Service> CatalogueService::update(const Caller& caller, std::int64_t id, Service draft) {
  auto s = load(id);
  if (!s) return s;
  if (auto ok = may_manage(caller, s->organisation); !ok) return tl::unexpected(ok.error());
  if (draft.version != 0 && draft.version != s->version) {
    return fail("conflict", "the service changed meanwhile; reload and retry");
  }
  apply(*s, std::move(draft));
  if (auto ok = core_care::check_service(*s); !ok) return tl::unexpected(ok.error());
  if (auto ok = check_contact(*s); !ok) return tl::unexpected(ok.error());
  return save(caller, std::move(*s), "care_service");
}

Result<Service> CatalogueService::confirm_capacity(const Caller& caller, std::int64_t id, std::int64_t places,
                                                   std::int64_t waiting, std::optional<std::int64_t> median_wait_days) {
  auto s = load(id);
  if (!s) return s;
  if (auto ok = may_manage(caller, s->organisation); !ok) return tl::unexpected(ok.error());
  s->capacity = {places, waiting, median_wait_days, today()};
  if (auto ok = core_care::check_service(*s); !ok) return tl::unexpected(ok.error());
  return save(caller, std::move(*s), "care_service_capacity");
}

Result<std::vector<Service>> CatalogueService::stale(const Caller& caller, access::OrganisationId organisation) {
  std::vector<Service> out;
  std::string now = today();
  for (std::int64_t after = 0;;) {
    auto page = list(caller, organisation, after, CataloguePage::kMaxPage);
    if (!page) return tl::unexpected(page.error());
    for (auto& s : page->services) {
      if (core_care::is_stale(s.capacity, now)) out.push_back(std::move(s));
    }
    if (!page->next) return out;
    after = *page->next;
  }
}

Result<ImportReport> CatalogueService::import(const Caller& caller, std::vector<ImportRecord> records,
                                              std::vector<Refusal> refused, bool partial) {
  ImportReport report;
  report.refused = std::move(refused);
  bool may_add_organisations =
      authorize(caller.principal, access::Action::create_organisation, {}).has_value();
  // Organisations by name: known (id), or to be added (0) with the languages they serve in.
  std::map<std::string, access::OrganisationId> known;
  std::map<std::string, std::pair<CatalogueOrganisation, std::set<std::string>>> to_add;
  std::set<std::string> external_ids;
  std::vector<ImportRecord> accepted;
  for (auto& r : records) {
    auto refuse = [&](std::string reason) { report.refused.push_back({r.path, std::move(reason)}); };
    const std::string& name = r.organisation.name;
    if (name.empty()) {
      refuse("organization: a service needs its organization's name");
      continue;
    }
    if (!known.count(name) && !to_add.count(name)) {
      auto found = directory_.organisation_named(name);
      if (!found) return tl::unexpected(found.error());
      if (*found) {
        known[name] = (*found)->id;
      } else if (may_add_organisations) {
        to_add[name].first = r.organisation;
      } else {
        refuse("organization: '" + name + "' is not in the directory");
        continue;
      }
    }
    access::OrganisationId organisation = known.count(name) ? known[name] : 0;
    if (organisation != 0) {
      if (auto ok = may_manage(caller, organisation); !ok) {
        refuse("organization: not yours to import services for");
        continue;
      }
    }
    core_care::normalise(r.service);
    r.service.organisation = organisation ? organisation : 1;  // checked as if known
    if (auto ok = core_care::check_service(r.service); !ok) {
      refuse(ok.error().message);
      continue;
    }
    r.service.organisation = organisation;
    if (!r.service.external_id.empty() && !external_ids.insert(r.service.external_id).second) {
      refuse("id: the document holds this service id twice");
      continue;
    }
    if (!organisation) {
      for (const auto& l : r.service.languages) {
        if (l == "nl" || l == "fr" || l == "en") to_add[name].second.insert(l);
      }
    }
    accepted.push_back(std::move(r));
  }
  if (!report.refused.empty() && !partial) return report;

  auto done = transactions_.run([&]() -> Result<void> {
    for (auto& [name, added] : to_add) {
      std::vector<std::string> languages(added.second.begin(), added.second.end());
      if (languages.empty()) languages = {"nl"};
      CatalogueOrganisation o = added.first;
      if (o.description.empty()) o.description = o.name;
      auto id = directory_.add_organisation(o, languages);
      if (!id) return tl::unexpected(id.error());
      if (auto ok = audit(caller, Action::create, "organisation", *id); !ok) return ok;
      known[name] = *id;
      ++report.organisations_added;
    }
    for (auto& r : accepted) {
      r.service.organisation = known[r.organisation.name];
      std::optional<Service> existing;
      if (!r.service.external_id.empty()) {
        auto found = store_.find_external(r.service.external_id);
        if (!found) return tl::unexpected(found.error());
        existing = std::move(*found);
      }
      if (existing) {
        if (auto ok = may_manage(caller, existing->organisation); !ok) return ok;
        r.service.id = existing->id;
        r.service.version = existing->version;
        auto stored = store_.update(std::move(r.service));
        if (!stored) return tl::unexpected(stored.error());
        if (auto ok = audit(caller, Action::update, "care_service", stored->id); !ok) return ok;
        ++report.updated;
      } else {
        auto stored = store_.insert(std::move(r.service));
        if (!stored) return tl::unexpected(stored.error());
        if (auto ok = audit(caller, Action::create, "care_service", stored->id); !ok) return ok;
        ++report.created;
      }
    }
    return {};
  });
  if (!done) return tl::unexpected(done.error());
  report.written = true;
  return report;
}

}  // namespace tafel::app::care
