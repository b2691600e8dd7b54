#include <boost/json.hpp>

#include "web/agreement_api.h"
#include "web/api_support.h"
#include "web/accounts_session.h"
#include "web/search/search_routes.h"

namespace tafel::web {

namespace json = boost::json;
namespace sr = app::search;

namespace {

}  // namespace

std::string search_link(const sr::SearchDocument& d) {
  switch (d.kind) {
    case sr::Kind::minutes: return "/tables/" + std::to_string(d.table_id) + "/meetings/" + std::to_string(d.record_id);
    case sr::Kind::decision:
    case sr::Kind::action: return "/tables/" + std::to_string(d.table_id);
    case sr::Kind::situation: return "/situations/" + std::to_string(d.record_id);
    case sr::Kind::contact_point:
      return "/organisations/" + std::to_string(d.organisation_id) + "#contact-point-" + std::to_string(d.record_id);
    case sr::Kind::agreement: return "/agreements/" + std::to_string(d.record_id);
    case sr::Kind::contribution:
      if (d.case_id) return "/cases/" + std::to_string(d.case_id) + "#contribution-" + std::to_string(d.record_id);
      return "/situations/" + std::to_string(d.situation_id) + "#contribution-" + std::to_string(d.record_id);
  }
  return "/";
}

namespace {

constexpr const char* kResultSchema =
    R"json({"type":"object","required":["results"],"properties":{"results":{"type":"array","items":{"type":"object","required":["kind","id","table_id","organisation_id","title","snippet","at_us","link","marked"],"properties":{"kind":{"enum":["situation","minutes","decision","action","contact_point","agreement","contribution"]},"id":{"type":"integer","description":"the record: a meeting for minutes, a decision, an action, a situation"},"table_id":{"type":"integer","description":"0: at no table"},"organisation_id":{"type":"integer","description":"0: of no one organisation"},"title":{"type":"string"},"snippet":{"type":"string","description":"the text around the first matching word"},"at_us":{"type":"integer"},"link":{"type":"string","description":"the record's page"},"marked":{"type":"array","items":{"type":"string"},"description":"folded words to highlight"}}}}}})json";

std::optional<std::int64_t> number(const http::Request& r, const char* name) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return api::parse_id(*v);
}

}  // namespace

Result<sr::SearchRequest> search_request_of(const http::Request& r, std::size_t default_limit) {
  sr::SearchRequest request;
  request.text = r.query_param("q").value_or("");
  if (request.text.size() > 500) return fail("invalid_input", "q: at most 500 characters");
  if (auto k = r.query_param("kind"); k && !k->empty()) {
    request.filter.kind = sr::parse_kind(*k);
    if (!request.filter.kind) return fail("invalid_input", "kind: minutes, decision, action or situation");
  }
  request.filter.table_id = number(r, "table");
  request.filter.organisation_id = number(r, "organisation");
  for (const char* key : {"from", "to"}) {
    auto v = r.query_param(key);
    if (!v || v->empty()) continue;
    auto t = parse_utc(*v);
    if (!t) return fail("invalid_input", std::string(key) + ": YYYY-MM-DD");
    (std::string_view(key) == "from" ? request.filter.from_us : request.filter.to_us) = *t;
  }
  request.filter.limit = default_limit;
  if (auto l = number(r, "limit")) request.filter.limit = static_cast<std::size_t>(std::min<std::int64_t>(*l, 100));
  return request;
}

void register_search_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                         app::search::SearchService& service) {
  api::Operations ops(router, document, context);
  http::ApiOperation op;
  op.method = "GET";
  op.pattern = "/api/v1/search";
  op.tag = "search";
  op.summary = "Search minutes, decisions, actions and situations the caller may see, best first";
  op.scope = std::string(api::kSessionOnly);
  op.response_schema = kResultSchema;
  op.query = {{"q", "what to look for: words, \"a phrase\", -excluded; the last word also matches as a prefix",
               "overlast", true},
              {"kind", "only results of this kind: minutes, decision, action or situation"},
              {"table", "only results at this table", "", false, "integer"},
              {"organisation", "only results of this organisation", "", false, "integer"},
              {"from", "only results from this day on (YYYY-MM-DD)"},
              {"to", "only results before this day (YYYY-MM-DD)"},
              {"limit", "at most this many results, 1 to 100 (default 20)", "", false, "integer"}};
  app::search::SearchService* s = &service;
  ops.add(std::move(op), [s](http::Request& r, const app::accounts::Authenticated& who) {
    auto request = search_request_of(r, 20);
    if (!request) return http::Response::error(400, request.error().code, request.error().message);
    auto results = s->search(who.principal, *request, audit_origin(r));
    if (!results) return http::Response::error(status_for(results.error()), results.error().code, results.error().message);
    json::array out;
    for (const auto& x : *results) {
      json::array marked;
      for (const auto& m : x.marked) marked.emplace_back(m);
      out.push_back(json::object{{"kind", sr::name_of(x.document.kind)},
                                 {"id", x.document.record_id},
                                 {"table_id", x.document.table_id},
                                 {"organisation_id", x.document.organisation_id},
                                 {"title", x.document.title},
                                 {"snippet", x.snippet},
                                 {"at_us", x.document.at_us},
                                 {"link", search_link(x.document)},
                                 {"marked", marked}});
    }
    http::Response response = http::Response::json(200, json::serialize(json::object{{"results", out}}));
    response.set_header("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace tafel::web
