#include "storage/care/catalogue_store.h"

#include <limits>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/directory_store.h"
#include "storage/document_rows.h"
#include "storage/json_reader.h"

namespace tafel::storage {

namespace json = boost::json;
using namespace tafel::care;
using app::care::CatalogueOrganisation;

namespace {

std::int64_t now_us(const app::Clock& clock) { return clock.now().time_since_epoch().count(); }

template <typename T, typename F>
json::array array_of(const std::vector<T>& items, F&& f) {
  json::array a;
  for (const auto& x : items) a.push_back(f(x));
  return a;
}

Service decode(const json::object& o) {
  JsonReader r{o};
  Service s;
  s.organisation = r.i("organisation");
  s.external_id = r.s("external_id");
  s.name = r.s("name");
  s.description = r.s("description");
  for (const auto& v : r.a("target_groups")) {
    auto g = parse_target_group(v.as_string());
    if (!g) throw std::runtime_error("bad target group");
    s.target_groups.push_back(*g);
  }
  for (const auto& v : r.a("needs")) {
    auto n = parse_need(v.as_string());
    if (!n) throw std::runtime_error("bad need");
    s.needs.push_back(*n);
  }
  for (const auto& v : r.a("areas")) s.areas.emplace_back(v.as_string());
  for (const auto& v : r.a("languages")) s.languages.emplace_back(v.as_string());
  s.eligibility = r.s("eligibility");
  s.intake = r.s("intake");
  s.address = r.s("address");
  for (const auto& v : r.a("hours")) {
    JsonReader h{v.as_object()};
    s.hours.push_back({h.e<Weekday>("day", parse_weekday), h.s("opens"), h.s("closes")});
  }
  JsonReader c{o.at("contact").as_object()};
  s.contact = {c.i("contact_point"), c.s("phone"), c.s("email")};
  JsonReader k{o.at("capacity").as_object()};
  s.capacity.places = k.i("places");
  s.capacity.waiting = k.i("waiting");
  if (auto m = k.d("median_wait_days")) s.capacity.median_wait_days = static_cast<std::int64_t>(*m);
  s.capacity.last_confirmed = k.s("last_confirmed");
  return s;
}

using Row = DocumentRow;

Result<std::vector<Service>> decode_rows(const std::vector<Row>& rows) {
  return decode_document_rows<Service>(rows, decode_service);
}

}  // namespace

std::string encode_service(const Service& s) {
  auto text = [](const std::string& x) { return json::value(x); };
  json::object capacity{{"places", s.capacity.places},
                        {"waiting", s.capacity.waiting},
                        {"median_wait_days", s.capacity.median_wait_days ? json::value(*s.capacity.median_wait_days)
                                                                         : json::value(nullptr)},
                        {"last_confirmed", s.capacity.last_confirmed}};
  json::object o{
      {"organisation", s.organisation},
      {"external_id", s.external_id},
      {"name", s.name},
      {"description", s.description},
      {"target_groups", array_of(s.target_groups, [](TargetGroup g) { return json::value(name_of(g)); })},
      {"needs", array_of(s.needs, [](Need n) { return json::value(name_of(n)); })},
      {"areas", array_of(s.areas, text)},
      {"languages", array_of(s.languages, text)},
      {"eligibility", s.eligibility},
      {"intake", s.intake},
      {"address", s.address},
      {"hours", array_of(s.hours,
                         [](const OpeningHours& h) -> json::value {
                           return json::object{{"day", name_of(h.day)}, {"opens", h.opens}, {"closes", h.closes}};
                         })},
      {"contact", json::object{{"contact_point", s.contact.contact_point},
                               {"phone", s.contact.phone},
                               {"email", s.contact.email}}},
      {"capacity", capacity}};
  return json::serialize(o);
}

Result<Service> decode_service(std::string_view text) {
  return decode_document<Service>(text, [](const json::object& o) { return decode(o); }, "a stored care service could not be read");
}

Result<Service> SqlCatalogueStore::insert(Service service) {
  std::int64_t at = now_us(clock_);
  bool taken = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = 0, version = 1, org = service.organisation;
    std::string external = service.external_id, document = encode_service(service);
    soci::indicator external_ind = external.empty() ? soci::i_null : soci::i_ok;
    if (!external.empty()) {
      long long count = 0;
      s << "SELECT COUNT(*) FROM care_services WHERE external_id = :e", soci::use(external), soci::into(count);
      if (count > 0) {
        taken = true;
        return;
      }
    }
    s << "INSERT INTO care_services (organisation_id, external_id, name, last_confirmed, version, document, "
         "created_at, updated_at) VALUES (:o, :e, :n, :l, :v, :d, :c, :u) RETURNING id",
        soci::use(org), soci::use(external, external_ind), soci::use(service.name),
        soci::use(service.capacity.last_confirmed), soci::use(version), soci::use(document), soci::use(at),
        soci::use(at), soci::into(id);
    service.id = id;
    service.version = 1;
  });
  if (!r) return tl::unexpected(r.error());
  if (taken) return fail("conflict", "a service with this HSDS id exists");
  return service;
}

Result<std::optional<Service>> SqlCatalogueStore::find(std::int64_t id) {
  std::vector<Row> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id, version = 0;
    std::string document;
    soci::indicator found = soci::i_null;
    s << "SELECT document, version FROM care_services WHERE id = :i", soci::use(key), soci::into(document, found),
        soci::into(version);
    if (found == soci::i_ok) rows.emplace_back(key, document, version);
  });
  if (!r) return tl::unexpected(r.error());
  auto decoded = decode_rows(rows);
  if (!decoded) return tl::unexpected(decoded.error());
  if (decoded->empty()) return std::optional<Service>();
  return std::optional<Service>(std::move(decoded->front()));
}

Result<std::optional<Service>> SqlCatalogueStore::find_external(const std::string& external_id) {
  std::vector<Row> rows;
  if (external_id.empty()) return std::optional<Service>();
  auto r = db_.with_session([&](soci::session& s) {
    long long id = 0, version = 0;
    std::string document, key = external_id;
    soci::indicator found = soci::i_null;
    s << "SELECT id, document, version FROM care_services WHERE external_id = :e", soci::use(key), soci::into(id),
        soci::into(document, found), soci::into(version);
    if (found == soci::i_ok) rows.emplace_back(id, document, version);
  });
  if (!r) return tl::unexpected(r.error());
  auto decoded = decode_rows(rows);
  if (!decoded) return tl::unexpected(decoded.error());
  if (decoded->empty()) return std::optional<Service>();
  return std::optional<Service>(std::move(decoded->front()));
}

Result<Service> SqlCatalogueStore::update(Service service) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = service.id, current = 0;
    soci::indicator found = soci::i_null;
    s << "SELECT version FROM care_services WHERE id = :i", soci::use(id), soci::into(current, found);
    if (found != soci::i_ok) {
      missing = true;
      return;
    }
    if (current != service.version) {
      conflict = true;
      return;
    }
    Service saved = service;
    saved.version = current + 1;
    long long next = saved.version, org = saved.organisation;
    std::string document = encode_service(saved), external = saved.external_id;
    soci::indicator external_ind = external.empty() ? soci::i_null : soci::i_ok;
    // The version condition makes the check and the write one step on both engines.
    s << "UPDATE care_services SET organisation_id = :o, external_id = :e, name = :n, last_confirmed = :l, "
         "version = :v, document = :d, updated_at = :u WHERE id = :i AND version = :c",
        soci::use(org), soci::use(external, external_ind), soci::use(saved.name),
        soci::use(saved.capacity.last_confirmed), soci::use(next), soci::use(document), soci::use(at), soci::use(id),
        soci::use(current);
    service = std::move(saved);
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such service");
  if (conflict) return fail("conflict", "the service changed meanwhile; reload and retry");
  return service;
}

Result<std::vector<Service>> SqlCatalogueStore::list(std::optional<access::OrganisationId> organisation,
                                                     std::int64_t after, std::size_t limit) {
  std::vector<Row> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0), from = after, most = static_cast<long long>(limit), id = 0,
              version = 0;
    std::string document;
    // Keyset pages in id order: the (organisation, id) index or the primary key.
    soci::statement st =
        organisation
            ? (s.prepare << "SELECT id, document, version FROM care_services WHERE organisation_id = :o AND id > :a "
                            "ORDER BY id LIMIT :l",
               soci::use(org), soci::use(from), soci::use(most), soci::into(id), soci::into(document),
               soci::into(version))
            : (s.prepare << "SELECT id, document, version FROM care_services WHERE id > :a ORDER BY id LIMIT :l",
               soci::use(from), soci::use(most), soci::into(id), soci::into(document), soci::into(version));
    st.execute();
    while (st.fetch()) rows.emplace_back(id, document, version);
  });
  if (!r) return tl::unexpected(r.error());
  return decode_rows(rows);
}

Result<std::optional<CatalogueOrganisation>> SqlCatalogueStore::organisation(access::OrganisationId id) {
  std::optional<CatalogueOrganisation> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    CatalogueOrganisation o;
    soci::indicator found = soci::i_null;
    s << "SELECT name, finality, website FROM organisations WHERE id = :i", soci::use(key), soci::into(o.name, found),
        soci::into(o.description), soci::into(o.website);
    if (found != soci::i_ok) return;
    o.id = id;
    out = std::move(o);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::optional<CatalogueOrganisation>> SqlCatalogueStore::organisation_named(const std::string& name) {
  std::optional<CatalogueOrganisation> out;
  auto r = db_.with_session([&](soci::session& s) {
    std::string key = name;
    long long id = 0;
    CatalogueOrganisation o;
    soci::indicator found = soci::i_null;
    s << "SELECT id, name, finality, website FROM organisations WHERE name = :n ORDER BY id LIMIT 1", soci::use(key),
        soci::into(id, found), soci::into(o.name), soci::into(o.description), soci::into(o.website);
    if (found != soci::i_ok) return;
    o.id = id;
    out = std::move(o);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<access::OrganisationId> SqlCatalogueStore::add_organisation(const CatalogueOrganisation& organisation,
                                                                   const std::vector<std::string>& languages) {
  directory::Organisation o;
  o.name = organisation.name;
  o.finality = organisation.description;
  o.languages = languages;
  if (organisation.website.starts_with("http://") || organisation.website.starts_with("https://")) {
    o.website = organisation.website;
  }
  if (auto ok = directory::validate(o); !ok) return tl::unexpected(ok.error());
  SqlDirectoryStore directory(db_, clock_);
  return directory.create_organisation(o);
}

Result<bool> SqlCatalogueStore::contact_point_of(std::int64_t contact_point, access::OrganisationId organisation) {
  long long count = 0, id = contact_point, org = organisation;
  auto r = db_.with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM contact_points WHERE id = :i AND organisation_id = :o", soci::use(id), soci::use(org),
        soci::into(count);
  });
  if (!r) return tl::unexpected(r.error());
  return count > 0;
}

}  // namespace tafel::storage
