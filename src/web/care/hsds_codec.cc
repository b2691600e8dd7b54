#include "web/care/hsds_codec.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <optional>

namespace tafel::web::care {

namespace json = boost::json;
using namespace tafel::care;
using app::care::CatalogueOrganisation;
using app::care::ImportRecord;
using app::care::Refusal;

namespace {

constexpr std::string_view kTargetGroupTaxonomy = "tafel:target_group";
constexpr std::string_view kNeedTaxonomy = "tafel:need";

// Kinds of derived ids (derived_uuid).
enum Kind : unsigned {
  kService = 1,
  kOrganization = 2,
  kPhone = 3,
  kContact = 4,
  kSchedule = 5,
  kLanguage = 6,
  kArea = 7,
  kLocation = 8,
  kServiceAtLocation = 9,
  kAttribute = 10,
  kTerm = 11
};

// Nested objects' ids: the service id and the item's index.
std::int64_t nested(const Service& s, std::size_t index) { return s.id * 1000 + static_cast<std::int64_t>(index); }

json::object attribute(const Service& s, std::size_t index, std::string_view taxonomy, std::string_view code,
                       std::string_view what) {
  std::int64_t term_id = static_cast<std::int64_t>(taxonomy == kNeedTaxonomy ? 100 : 0) + static_cast<std::int64_t>(index);
  return {{"id", derived_uuid(kAttribute, nested(s, index))},
          {"link_entity", "service"},
          {"link_type", "service"},
          {"value", code},
          {"taxonomy_term", json::object{{"id", derived_uuid(kTerm, term_id)},
                                         {"code", code},
                                         {"name", code},
                                         {"description", what},
                                         {"taxonomy", taxonomy}}}};
}

// Thrown while reading one service: the path and reason of its refusal.
struct Refused {
  std::string path, reason;
};

struct Reader {
  const json::object& o;
  std::string path;

  std::string at(std::string_view key) const { return path + "." + std::string(key); }
  // A string field; empty when absent or null.
  std::string text(std::string_view key) const {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) throw Refused{at(key), "a string"};
    return std::string(v->as_string());
  }
  const json::array* array(std::string_view key) const {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) throw Refused{at(key), "an array"};
    return &v->as_array();
  }
  const json::object* object(std::string_view key) const {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) throw Refused{at(key), "an object"};
    return &v->as_object();
  }
  std::optional<std::int64_t> integer(std::string_view key) const {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      return static_cast<std::int64_t>(v->as_uint64());
    }
    throw Refused{at(key), "a whole number"};
  }
};

// Each item of the array `key` that is an object, with its path.
template <typename F>
void each(const Reader& r, std::string_view key, F&& f) {
  const json::array* a = r.array(key);
  if (!a) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    std::string path = r.at(key) + "[" + std::to_string(i) + "]";
    if (!(*a)[i].is_object()) throw Refused{path, "an object"};
    f(Reader{(*a)[i].as_object(), path});
  }
}

// Phone numbers keep the characters a number has (the HSDS examples quote theirs).
std::string phone_number(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("+0123456789 ()./-").find(c) != std::string_view::npos) out.push_back(c);
  }
  auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

// "HH:MM", from "HH:MM", "HH:MM:SS", with or without a zone suffix.
std::string clock_time(const std::string& text, const std::string& path) {
  if (text.size() >= 5 && text[2] == ':' && (text.size() == 5 || text[5] == ':' || text[5] == 'Z' ||
                                            text[5] == '+' || text[5] == '-')) {
    return text.substr(0, 5);
  }
  throw Refused{path, "a time HH:MM"};
}

CatalogueOrganisation read_organisation(const Reader& r) {
  CatalogueOrganisation o;
  o.name = r.text("name");
  o.description = r.text("description");
  o.website = r.text("website");
  if (o.name.empty()) throw Refused{r.at("name"), "an organization needs a name"};
  return o;
}

void read_schedule(const Reader& r, Service& s) {
  std::string freq = r.text("freq"), byday = r.text("byday");
  if (!freq.empty() && freq != "WEEKLY") return;  // monthly rules are not weekly opening hours
  std::string opens = r.text("opens_at"), closes = r.text("closes_at");
  if (byday.empty() || opens.empty() || closes.empty()) return;  // a description only
  opens = clock_time(opens, r.at("opens_at"));
  closes = clock_time(closes, r.at("closes_at"));
  std::size_t start = 0;
  while (start <= byday.size()) {
    auto comma = byday.find(',', start);
    std::string day = byday.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!day.empty() && day.front() == ' ') day.erase(day.begin());
    while (!day.empty() && day.back() == ' ') day.pop_back();
    auto d = parse_weekday(day);
    if (!d) throw Refused{r.at("byday"), "days as MO,TU,WE,TH,FR,SA,SU"};
    s.hours.push_back({*d, opens, closes});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

void read_attribute(const Reader& r, Service& s) {
  const json::object* term = r.object("taxonomy_term");
  if (!term) return;
  Reader t{*term, r.at("taxonomy_term")};
  std::string taxonomy = t.text("taxonomy"), code = t.text("code");
  if (taxonomy == kTargetGroupTaxonomy) {
    auto g = parse_target_group(code);
    if (!g) throw Refused{t.at("code"), "not a target group: " + code};
    s.target_groups.push_back(*g);
  } else if (taxonomy == kNeedTaxonomy) {
    auto n = parse_need(code);
    if (!n) throw Refused{t.at("code"), "not a need: " + code};
    s.needs.push_back(*n);
  }
}

void read_capacity(const Reader& r, Service& s) {
  const json::object* c = r.object(kCapacityField);
  if (!c) return;
  Reader k{*c, r.at(kCapacityField)};
  s.capacity.places = k.integer("places").value_or(0);
  s.capacity.waiting = k.integer("people_waiting").value_or(0);
  s.capacity.median_wait_days = k.integer("median_wait_days");
  s.capacity.last_confirmed = k.text("last_confirmed");
}

// Reads one HSDS service at `r`. `parent` is the organization it is nested in, and
// `location` the location of the service_at_location it is nested in.
ImportRecord read_service(const Reader& r, const std::optional<CatalogueOrganisation>& parent,
                          const Reader* location) {
  ImportRecord record;
  record.path = r.path;
  Service& s = record.service;
  s.external_id = r.text("id");
  s.name = r.text("name");
  if (s.name.empty()) throw Refused{r.at("name"), "a service needs a name"};
  s.description = r.text("description");
  s.eligibility = r.text("eligibility_description");
  s.intake = r.text("application_process");
  s.contact.email = r.text("email");
  if (const json::object* o = r.object("organization")) {
    record.organisation = read_organisation(Reader{*o, r.at("organization")});
  } else if (parent) {
    record.organisation = *parent;
  } else {
    throw Refused{r.at("organization"), "a service needs its organization"};
  }
  each(r, "phones", [&](const Reader& p) {
    if (s.contact.phone.empty()) s.contact.phone = phone_number(p.text("number"));
  });
  each(r, "contacts", [&](const Reader& c) {
    if (s.contact.email.empty()) s.contact.email = c.text("email");
    each(c, "phones", [&](const Reader& p) {
      if (s.contact.phone.empty()) s.contact.phone = phone_number(p.text("number"));
    });
  });
  each(r, "schedules", [&](const Reader& x) { read_schedule(x, s); });
  each(r, "languages", [&](const Reader& l) {
    std::string code = l.text("code");
    for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!code.empty()) s.languages.push_back(code);
  });
  each(r, "service_areas", [&](const Reader& a) {
    std::string name = a.text("name");
    if (!name.empty()) s.areas.push_back(name);
  });
  auto read_location = [&](const Reader& l) {
    if (!s.address.empty()) return;
    s.address = l.text("name");
    each(l, "addresses", [&](const Reader& a) {
      if (!s.address.empty()) return;
      std::string street = a.text("address_1"), city = a.text("city");
      s.address = street + (street.empty() || city.empty() ? "" : ", ") + city;
    });
  };
  each(r, "service_at_locations", [&](const Reader& sal) {
    if (const json::object* l = sal.object("location")) read_location(Reader{*l, sal.at("location")});
  });
  if (location) read_location(*location);
  each(r, "attributes", [&](const Reader& a) { read_attribute(a, s); });
  read_capacity(r, s);
  return record;
}

void read_item(const json::value& v, const std::string& path, HsdsRead& out) {
  if (!v.is_object()) {
    out.refused.push_back({path, "an HSDS service, organization or service_at_location object"});
    return;
  }
  const json::object& o = v.as_object();
  try {
    Reader r{o, path};
    if (o.contains("services") && !o.contains("organization")) {
      // An organization with its services.
      CatalogueOrganisation parent = read_organisation(r);
      const json::array* services = r.array("services");
      if (!services) return;
      for (std::size_t i = 0; i < services->size(); ++i) {
        std::string at = r.at("services") + "[" + std::to_string(i) + "]";
        if (!(*services)[i].is_object()) {
          out.refused.push_back({at, "an object"});
          continue;
        }
        try {
          out.records.push_back(read_service(Reader{(*services)[i].as_object(), at}, parent, nullptr));
        } catch (const Refused& refused) {
          out.refused.push_back({refused.path, refused.reason});
        }
      }
      return;
    }
    if (const json::object* service = o.contains("service") && !o.contains("name") ? r.object("service") : nullptr) {
      // A service_at_location with its service and location.
      const json::object* location = r.object("location");
      std::optional<Reader> at;
      if (location) at.emplace(Reader{*location, r.at("location")});
      out.records.push_back(read_service(Reader{*service, r.at("service")}, std::nullopt, at ? &*at : nullptr));
      return;
    }
    out.records.push_back(read_service(r, std::nullopt, nullptr));
  } catch (const Refused& refused) {
    out.refused.push_back({refused.path, refused.reason});
  }
}

}  // namespace

std::string derived_uuid(unsigned kind, std::int64_t id) {
  char text[40];
  std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012llx", kind,
                static_cast<unsigned long long>(id) & 0xffffffffffffULL);
  return text;
}

json::object hsds_service(const Service& s, const CatalogueOrganisation& organisation) {
  json::object o;
  o["id"] = s.external_id.empty() ? derived_uuid(kService, s.id) : s.external_id;
  o["organization_id"] = derived_uuid(kOrganization, organisation.id);
  o["name"] = s.name;
  o["description"] = s.description;
  if (!s.contact.email.empty()) o["email"] = s.contact.email;
  o["status"] = "active";
  o["application_process"] = s.intake;
  o["eligibility_description"] = s.eligibility;
  if (s.capacity.median_wait_days) {
    o["wait_time"] = "median " + std::to_string(*s.capacity.median_wait_days) + " days";
  }
  json::object org{{"id", derived_uuid(kOrganization, organisation.id)},
                   {"name", organisation.name},
                   {"description", organisation.description}};
  if (!organisation.website.empty()) org["website"] = organisation.website;
  o["organization"] = std::move(org);

  json::array phones;
  if (!s.contact.phone.empty()) phones.push_back(json::object{{"id", derived_uuid(kPhone, nested(s, 0))},
                                                              {"number", s.contact.phone}});
  o["phones"] = phones;
  json::array contacts;
  if (!s.contact.email.empty() || !s.contact.phone.empty()) {
    json::object c{{"id", derived_uuid(kContact, nested(s, 0))}, {"name", organisation.name}, {"phones", phones}};
    if (!s.contact.email.empty()) c["email"] = s.contact.email;
    contacts.push_back(std::move(c));
  }
  o["contacts"] = std::move(contacts);

  // One weekly schedule per distinct opening time, its days in byday.
  std::map<std::pair<std::string, std::string>, std::string> by_time;
  for (const auto& h : s.hours) {
    std::string& days = by_time[{h.opens, h.closes}];
    days += (days.empty() ? "" : ",") + std::string(name_of(h.day));
  }
  json::array schedules;
  for (const auto& [time, days] : by_time) {
    schedules.push_back(json::object{{"id", derived_uuid(kSchedule, nested(s, schedules.size()))},
                                     {"freq", "WEEKLY"},
                                     {"byday", days},
                                     {"opens_at", time.first},
                                     {"closes_at", time.second}});
  }
  o["schedules"] = std::move(schedules);
  json::array languages;
  for (const auto& l : s.languages) {
    languages.push_back(json::object{{"id", derived_uuid(kLanguage, nested(s, languages.size()))}, {"code", l}});
  }
  o["languages"] = std::move(languages);
  json::array areas;
  for (const auto& a : s.areas) {
    areas.push_back(json::object{{"id", derived_uuid(kArea, nested(s, areas.size()))}, {"name", a}});
  }
  o["service_areas"] = std::move(areas);
  json::array locations;
  if (!s.address.empty()) {
    locations.push_back(json::object{
        {"id", derived_uuid(kServiceAtLocation, nested(s, 0))},
        {"location", json::object{{"id", derived_uuid(kLocation, nested(s, 0))},
                                  {"location_type", "physical"},
                                  {"name", s.address}}}});
  }
  o["service_at_locations"] = std::move(locations);
  json::array attributes;
  for (auto g : s.target_groups) {
    attributes.push_back(attribute(s, attributes.size(), kTargetGroupTaxonomy, name_of(g), "tafel target group"));
  }
  for (auto n : s.needs) attributes.push_back(attribute(s, attributes.size(), kNeedTaxonomy, name_of(n), "tafel need"));
  o["attributes"] = std::move(attributes);

  json::object capacity{{"places", s.capacity.places}, {"people_waiting", s.capacity.waiting}};
  if (s.capacity.median_wait_days) capacity["median_wait_days"] = *s.capacity.median_wait_days;
  if (!s.capacity.last_confirmed.empty()) capacity["last_confirmed"] = s.capacity.last_confirmed;
  o[kCapacityField] = std::move(capacity);
  return o;
}

json::array hsds_services(const std::vector<HsdsService>& services) {
  json::array out;
  for (const auto& s : services) out.push_back(hsds_service(s.service, s.organisation));
  return out;
}

HsdsRead read_hsds(std::string_view text) {
  HsdsRead out;
  json::value document;
  try {
    document = json::parse(text);
  } catch (const std::exception& e) {
    out.refused.push_back({"$", std::string("not JSON: ") + e.what()});
    return out;
  }
  if (document.is_array()) {
    const json::array& a = document.as_array();
    for (std::size_t i = 0; i < a.size(); ++i) read_item(a[i], "$[" + std::to_string(i) + "]", out);
  } else {
    read_item(document, "$", out);
  }
  return out;
}

}  // namespace tafel::web::care
