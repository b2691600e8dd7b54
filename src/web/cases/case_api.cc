#include <boost/json.hpp>

#include "web/api_support.h"
#include "web/json_fields.h"
#include "web/cases/case_routes.h"

namespace tafel::web {

namespace json = boost::json;
namespace cs = tafel::cases;
using app::accounts::Authenticated;
using app::cases::Caller;
using app::cases::CaseService;

using json_fields::str;
using json_fields::flag;

namespace {

using Handler = std::function<http::Response(http::Request&, const Caller&, std::int64_t, const json::object&)>;

http::Response from_error(const Error& e) { return http::Response::error(case_status_for(e), e.code, e.message); }


json::array ids_json(const std::vector<access::OrganisationId>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

json::object case_json(const cs::Case& c) {
  return {{"id", c.id},
          {"pseudonym", app::cases::subject_id(c.id)},
          {"table_id", c.table_id},
          {"open", c.open()},
          {"minor", c.minor},
          {"vulnerable", c.vulnerable},
          {"opened_by_organisation", c.opened_by_organisation},
          {"opened_at_us", c.opened_at_us},
          {"closed_at_us", c.closed_at_us},
          {"care_organisations", ids_json(c.organisations_on(cs::Track::care))},
          {"safety_organisations", ids_json(c.organisations_on(cs::Track::safety))},
          {"informed", cs::name_of(c.informed)},
          {"informed_by", c.informed_by},
          {"informed_at_us", c.informed_at_us}};
}

json::object summary_json(const app::cases::CaseSummary& c) {
  return {{"id", c.id},
          {"pseudonym", app::cases::subject_id(c.id)},
          {"table_id", c.table_id},
          {"open", c.open},
          {"minor", c.minor},
          {"vulnerable", c.vulnerable},
          {"care_organisations", ids_json(c.care_organisations)},
          {"safety_organisations", ids_json(c.safety_organisations)}};
}

json::object identity_json(const app::cases::Identity& i) {
  return {{"name", i.name},
          {"birth_date", i.birth_date},
          {"address", i.address},
          {"national_number", i.national_number},
          {"details", i.details}};
}

app::cases::Identity identity_of(const json::object& o) {
  return {str(o, "name"), str(o, "birth_date"), str(o, "address"), str(o, "national_number"), str(o, "details")};
}

// Organisation ids of `key` ([1, 2]) on `track`.
Result<void> tracks_of(const json::object& o, std::string_view key, cs::Track track,
                       std::vector<cs::TrackMember>& out) {
  auto* v = o.if_contains(key);
  if (!v) return {};
  if (!v->is_array()) return fail("invalid_input", std::string(key) + " is a list of organisation ids");
  for (const auto& x : v->as_array()) {
    if (!x.is_int64()) return fail("invalid_input", std::string(key) + " is a list of organisation ids");
    out.push_back({x.as_int64(), track});
  }
  return {};
}

constexpr const char* kIdentityProperties =
    R"("name":{"type":"string","examples":["Jan Peeters"]},"birth_date":{"type":"string","format":"date","examples":["1990-05-14"]},"address":{"type":"string","examples":["Kerkstraat 1, 2999 Nethegem"]},"national_number":{"type":"string","description":"Belgian national register number; its mod-97 check is verified","examples":["90.05.14-123.24"]},"details":{"type":"string","examples":["Woont alleen, geen vast inkomen"]})";
const std::string kOpenSchema =
    std::string(R"({"type":"object","properties":{)") + kIdentityProperties +
    R"(,"minor":{"type":"boolean","examples":[false]},"vulnerable":{"type":"boolean"},"care_organisations":{"type":"array","items":{"type":"integer"},"examples":[[4,5]]},"safety_organisations":{"type":"array","items":{"type":"integer"},"examples":[[1]]}}})";
const std::string kIdentitySchema = std::string(R"({"type":"object","properties":{)") + kIdentityProperties + "}}";
constexpr const char* kInformedSchema =
    R"({"type":"object","required":["informed"],"properties":{"informed":{"enum":["yes","no_investigation","no_safety"]}}})";

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  o.tag = "cases";
  o.scope = std::string(api::kSessionOnly);
  o.errors = {409};  // case_status_for
  return o;
}

}  // namespace

int case_status_for(const Error& error) {
  if (error.code == "invalid_state") return 409;
  if (error.code == "identity_unreadable") return 500;
  if (error.code == "sharing_denied") return 403;
  if (error.code == "sharing_unavailable") return 503;
  return status_for(error);
}

void register_case_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                       CaseService& service) {
  auto ops = std::make_shared<api::Operations>(router, document, context);
  CaseService* s = &service;
  auto add = [ops](http::ApiOperation o, Handler handler) {
    ops->add(std::move(o), api::with_record([handler](http::Request& r, const Authenticated& a, std::int64_t id,
                                                     const json::object& body) {
      return handler(r, Caller{a.principal, audit_origin(r)}, id, body);
    }));
  };
  const std::string one = "/api/v1/cases/{id}";

  add(http::with_query(op("GET", "/api/v1/cases",
                          "The cases the caller may see, newest first, in pages (pseudonyms, no identity)"),
                       {{"before", "the next page: the `next` of the previous answer (cases with a lower number)", "",
                         false, "integer"},
                        {"limit", "at most this many cases are read, 1 to 1000 (default 200)", "", false, "integer"}}),
      [s](http::Request& r, const Caller& c, std::int64_t, const json::object&) {
        std::optional<std::int64_t> before;
        if (auto q = r.query_param("before"); q && !q->empty()) {
          before = api::parse_id(*q);
          if (!before) return http::Response::error(400, "invalid_input", "before must be a case id");
        }
        std::size_t limit = app::cases::CasePage::kDefaultSize;
        if (auto q = r.query_param("limit"); q && !q->empty()) {
          auto n = api::parse_id(*q);
          if (!n || *n > static_cast<std::int64_t>(app::cases::CasePage::kMaxSize)) {
            return http::Response::error(400, "invalid_input", "limit must be between 1 and 1000");
          }
          limit = static_cast<std::size_t>(*n);
        }
        auto page = s->cases_for(c, before, limit);
        if (!page) return from_error(page.error());
        json::array a;
        for (const auto& x : page->cases) a.push_back(summary_json(x));
        json::object body{{"cases", a}};
        if (page->next) body.emplace("next", *page->next);
        return api::ok(body);
      });
  add(op("GET", "/api/v1/tables/{id}/cases", "The cases of a table the caller may see (pseudonyms, no identity)"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto list = s->cases_at(c, id);
        if (!list) return from_error(list.error());
        json::array a;
        for (const auto& x : *list) a.push_back(case_json(x));
        return api::ok(json::object{{"cases", a}});
      });
  add(http::created(op("POST", "/api/v1/tables/{id}/cases",
         "Open a case at a table whose approved basis allows individual cases (identity sealed, audited)",
         kOpenSchema.c_str())),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        app::cases::CaseDraft draft;
        draft.identity = identity_of(o);
        draft.minor = flag(o, "minor");
        draft.vulnerable = flag(o, "vulnerable");
        if (auto ok = tracks_of(o, "care_organisations", cs::Track::care, draft.tracks); !ok) return from_error(ok.error());
        if (auto ok = tracks_of(o, "safety_organisations", cs::Track::safety, draft.tracks); !ok) {
          return from_error(ok.error());
        }
        auto opened = s->open_case(c, id, std::move(draft));
        if (!opened) return from_error(opened.error());
        return api::ok(case_json(*opened), 201);
      });
  add(op("GET", one, "A case's summary: flags, tracks, person informed (no identity)"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto x = s->summary(c, id);
        if (!x) return from_error(x.error());
        return api::ok(case_json(*x));
      });
  add(op("GET", one + "/identity", "A case's identity: practitioners on its tracks, while cases are open (audited)"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto x = s->identity(c, id);
        if (!x) return from_error(x.error());
        return api::ok(identity_json(*x));
      });
  add(op("PUT", one + "/identity", "Replace a case's identity (sealed under a fresh data key, audited)",
         kIdentitySchema.c_str()),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        auto x = s->set_identity(c, id, identity_of(o));
        if (!x) return from_error(x.error());
        return api::ok(json::object{{"id", id}});
      });
  add(op("POST", one + "/informed", "Record whether the person was informed (audited)", kInformedSchema),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        auto informed = cs::parse_informed(str(o, "informed"));
        if (!informed || *informed == cs::Informed::not_recorded) {
          return http::Response::error(400, "invalid_input", "informed is yes, no_investigation or no_safety");
        }
        auto x = s->record_informed(c, id, *informed);
        if (!x) return from_error(x.error());
        return api::ok(case_json(*x));
      });
  add(op("POST", one + "/close", "Close a case (audited)"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto x = s->close(c, id);
        if (!x) return from_error(x.error());
        return api::ok(case_json(*x));
      });
  document_case_answers(document);
}

}  // namespace tafel::web
