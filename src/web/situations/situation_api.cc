#include <boost/json.hpp>

#include "web/api_support.h"
#include "web/json_fields.h"
#include "web/situations/situation_routes.h"

namespace tafel::web {

namespace json = boost::json;
namespace st = tafel::situations;
using app::accounts::Authenticated;
using app::situations::Caller;
using app::situations::SituationService;

using json_fields::str;
using json_fields::integer;

namespace {

using BodyHandler = std::function<http::Response(http::Request&, const Caller&, std::int64_t, const json::object&)>;

http::Response from_error(const Error& e) { return http::Response::error(situation_status_for(e), e.code, e.message); }

std::optional<double> number(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}
bool confirmed(const json::object& o) {
  auto* v = o.if_contains("confirm_not_identifier");
  return v && v->is_bool() && v->as_bool();
}

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

json::object action_json(const st::SituationAction& a) {
  return {{"id", a.id},
          {"description", a.description},
          {"owner_organisation", a.owner_organisation},
          {"owner_user", a.owner_user},
          {"due", a.due},
          {"status", st::name_of(a.status)}};
}

json::object voice_json(const st::Voice& v) {
  return {{"id", v.id}, {"quote", v.quote}, {"date", v.date}, {"organisation", v.organisation}};
}

json::object situation_json(const st::Situation& s) {
  json::array goals, actions, voices, steps, confirmations, missing;
  for (const auto& g : s.goals) goals.push_back(json::object{{"organisation", g.organisation}, {"text", g.text}});
  for (const auto& a : s.actions) actions.push_back(action_json(a));
  for (const auto& v : s.voices) voices.push_back(voice_json(v));
  for (const auto& x : s.steps) {
    steps.push_back(json::object{{"from", st::name_of(x.from)}, {"to", st::name_of(x.to)}, {"by", x.by}, {"at_us", x.at_us}});
  }
  for (const auto& c : s.confirmations) {
    confirmations.push_back(json::object{{"field", c.field}, {"kind", c.kind}, {"by", c.by}, {"at_us", c.at_us}});
  }
  for (const auto& m : st::missing_for_next(s)) missing.emplace_back(m);
  json::object place{{"area", s.area}, {"address", s.address}};
  if (s.latitude && s.longitude) {
    place["latitude"] = *s.latitude;
    place["longitude"] = *s.longitude;
  }
  return {{"id", s.id},
          {"title", s.title},
          {"behaviour", s.behaviour},
          {"since", s.since},
          {"place", place},
          {"stage", st::name_of(s.stage)},
          {"missing_for_next_stage", missing},
          {"triangle", json::object{{"offender", s.triangle.offender},
                                    {"target", s.triangle.target},
                                    {"place", s.triangle.place},
                                    {"handler", s.triangle.handler},
                                    {"guardian", s.triangle.guardian},
                                    {"manager", s.triangle.manager}}},
          {"action_plan", s.action_plan},
          {"assessment", s.assessment},
          {"owner", s.owner},
          {"participants", ids_json(s.participants)},
          {"table", s.table},
          {"goals", goals},
          {"actions", actions},
          {"voices", voices},
          {"steps", steps},
          {"confirmations", confirmations},
          {"version", s.version}};
}

app::situations::SituationDraft draft_of(const json::object& o) {
  app::situations::SituationDraft d;
  d.title = str(o, "title");
  d.behaviour = str(o, "behaviour");
  d.since = str(o, "since");
  d.area = integer(o, "area");
  d.address = str(o, "address");
  d.latitude = number(o, "latitude");
  d.longitude = number(o, "longitude");
  if (auto* t = o.if_contains("triangle"); t && t->is_object()) {
    const auto& x = t->as_object();
    d.triangle = {str(x, "offender"), str(x, "target"), str(x, "place"),
                  str(x, "handler"),  str(x, "guardian"), str(x, "manager")};
  }
  d.action_plan = str(o, "action_plan");
  d.assessment = str(o, "assessment");
  d.table = integer(o, "table");
  if (auto* p = o.if_contains("participants"); p && p->is_array()) {
    for (const auto& v : p->as_array()) {
      if (v.is_int64()) d.participants.push_back(v.as_int64());
    }
  }
  return d;
}

// The 422 answer naming the spans that look like a personal identifier.
http::Response suspected(SituationService& service, const std::vector<app::situations::FieldText>& texts,
                         const Error& e) {
  auto flags = service.flags(texts);
  if (!flags) return from_error(flags.error());
  json::array spans;
  for (const auto& f : *flags) {
    spans.push_back(json::object{{"field", f.field},
                                 {"start", f.span.start},
                                 {"end", f.span.end},
                                 {"kind", st::name_of(f.span.kind)}});
  }
  return api::ok(json::object{{"error", json::object{{"code", e.code}, {"message", e.message}}}, {"spans", spans}},
                 422);
}

template <typename T, typename ToJson>
http::Response answer(SituationService& service, const Result<T>& r, const std::vector<app::situations::FieldText>& texts,
                      ToJson&& to_json, int status = 200) {
  if (!r && r.error().code == "identifier_suspected") return suspected(service, texts, r.error());
  if (!r) return from_error(r.error());
  return api::ok(to_json(*r), status);
}

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  o.tag = "situations";
  o.scope = std::string(api::kSessionOnly);
  o.errors = {409, 422};  // situation_status_for
  return o;
}

constexpr const char* kConfirm =
    R"("confirm_not_identifier":{"type":"boolean","description":"the author confirms the flagged spans are not a person's identifier; stored and audited"})";
const std::string kTriangle =
    R"("triangle":{"type":"object","properties":{"offender":{"type":"string"},"target":{"type":"string"},"place":{"type":"string"},"handler":{"type":"string"},"guardian":{"type":"string"},"manager":{"type":"string"}}})";
const std::string kSituationSchema =
    R"({"type":"object","required":["title"],"properties":{"title":{"type":"string"},"behaviour":{"type":"string"},"since":{"type":"string"},"area":{"type":"integer","description":"a directory area"},"address":{"type":"string"},"latitude":{"type":"number","minimum":-90,"maximum":90},"longitude":{"type":"number","minimum":-180,"maximum":180},)" +
    kTriangle +
    R"(,"action_plan":{"type":"string"},"assessment":{"type":"string"},"participants":{"type":"array","items":{"type":"integer"}},"table":{"type":"integer","description":"a consultation table"},)" +
    kConfirm + "}}";
const std::string kActionSchema =
    R"({"type":"object","required":["description","owner_organisation","due"],"properties":{"description":{"type":"string"},"owner_organisation":{"type":"integer"},"owner_user":{"type":"integer"},"due":{"type":"string","format":"date"},)" +
    std::string(kConfirm) + "}}";
constexpr const char* kStatusSchema =
    R"({"type":"object","required":["status"],"properties":{"status":{"enum":["open","done"]}}})";
const std::string kVoiceSchema =
    R"({"type":"object","required":["quote","date"],"properties":{"quote":{"type":"string","description":"a short quote, no names"},"date":{"type":"string","format":"date"},)" +
    std::string(kConfirm) + "}}";
const std::string kGoalsSchema =
    R"({"type":"object","required":["goals"],"properties":{"goals":{"type":"array","items":{"type":"object","properties":{"organisation":{"type":"integer"},"text":{"type":"string"}}}},)" +
    std::string(kConfirm) + "}}";

}  // namespace

int situation_status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == "conflict" || c == "stage_incomplete" || c == "last_stage") return 409;
  if (c == "identifier_suspected") return 422;
  return status_for(error);
}

void register_situation_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                            SituationService& service) {
  auto ops = std::make_shared<api::Operations>(router, document, context);
  SituationService* s = &service;
  // Path ids checked, the caller made, the body parsed, then `handler`.
  auto add = [ops](http::ApiOperation o, BodyHandler handler) {
    ops->add(std::move(o), api::with_record(
                               [handler](http::Request& r, const Authenticated& a, std::int64_t id,
                                         const json::object& body) {
                                 if (!r.param("action").empty() && !api::parse_id(r.param("action"))) {
                                   return http::Response::error(404, "not_found", "no such action");
                                 }
                                 return handler(r, Caller{a.principal, audit_origin(r)}, id, body);
                               },
                               "no such situation"));
  };
  const std::string one = "/api/v1/situations/{id}";

  add(http::with_query(
          op("GET", "/api/v1/situations",
             "The situations the caller may see, newest first (query: stage, area, mine=1 for the caller's "
             "organisation)"),
          {{"stage", "only situations in this stage: scanning, analysis, response or assessment"},
           {"area", "only situations in this area (an area number)", "", false, "integer"},
           {"mine", "1: only situations the caller's organisation takes part in"},
           {"before", "the next page: the `next` of the previous answer (situations with a lower number)", "", false,
            "integer"},
           {"limit", "at most this many situations, 1 to 1000 (default 200)", "", false, "integer"}}),
      [s](http::Request& r, const Caller& c, std::int64_t, const json::object&) {
        app::situations::SituationFilter filter;
        if (auto stage = r.query_param("stage"); stage && !stage->empty()) {
          filter.stage = st::parse_stage(*stage);
          if (!filter.stage) return http::Response::error(400, "invalid_input", "stage is scanning, analysis, response or assessment");
        }
        if (auto area = r.query_param("area"); area && !area->empty()) filter.area = api::parse_id(*area).value_or(-1);
        filter.mine = r.query_param("mine").value_or("") == "1";
        if (auto before = r.query_param("before"); before && !before->empty()) {
          auto id = api::parse_id(*before);
          if (!id) return http::Response::error(400, "invalid_input", "before must be a situation id");
          filter.before = *id;
        }
        if (auto limit = r.query_param("limit"); limit && !limit->empty()) {
          auto n = api::parse_id(*limit);
          if (!n || *n > static_cast<std::int64_t>(app::situations::SituationFilter::kMaxSituationPage)) {
            return http::Response::error(400, "invalid_input", "limit must be between 1 and 1000");
          }
          filter.limit = static_cast<std::size_t>(*n);
        }
        auto page = s->list_page(c, filter);
        if (!page) return from_error(page.error());
        json::array a;
        for (const auto& x : page->situations) a.push_back(situation_json(x));
        json::object body{{"situations", a}};
        if (page->next) body.emplace("next", *page->next);
        return api::ok(body);
      });
  add(http::created(op("POST", "/api/v1/situations", "Create a situation (owned by the caller's organisation)", kSituationSchema.c_str())),
      [s](http::Request&, const Caller& c, std::int64_t, const json::object& o) {
        auto d = draft_of(o);
        auto texts = app::situations::texts_of(d);
        return answer(*s, s->create(c, std::move(d), confirmed(o)), texts, situation_json, 201);
      });
  add(op("GET", one, "One situation"), [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
    auto x = s->situation(c, id);
    if (!x) return from_error(x.error());
    return api::ok(situation_json(*x));
  });
  add(op("PUT", one, "Edit a situation's description, place, triangle, plan and assessment", kSituationSchema.c_str()),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        auto d = draft_of(o);
        auto texts = app::situations::texts_of(d);
        return answer(*s, s->update(c, id, std::move(d), confirmed(o)), texts, situation_json);
      });
  add(op("POST", one + "/stage", "Step to the next SARA stage (409 naming what is still to fill)"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        return answer(*s, s->advance(c, id), {}, situation_json);
      });
  add(http::created(op("POST", one + "/actions", "Add a step to the action plan", kActionSchema.c_str())),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        st::SituationAction a;
        a.description = str(o, "description");
        a.owner_organisation = integer(o, "owner_organisation");
        a.owner_user = integer(o, "owner_user");
        a.due = str(o, "due");
        std::vector<app::situations::FieldText> texts{{"action", a.description}};
        return answer(*s, s->add_action(c, id, a, confirmed(o)), texts, action_json, 201);
      });
  add(op("PATCH", one + "/actions/{action}", "Set an action's status", kStatusSchema),
      [s](http::Request& r, const Caller& c, std::int64_t id, const json::object& o) {
        auto status = st::parse_action_status(str(o, "status"));
        if (!status) return http::Response::error(400, "invalid_input", "status must be open or done");
        return answer(*s, s->set_action_status(c, id, *api::parse_id(r.param("action")), *status), {}, action_json);
      });
  add(http::created(op("POST", one + "/voices", "Record an anonymous voice from the target group", kVoiceSchema.c_str())),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        std::vector<app::situations::FieldText> texts{{"voice", str(o, "quote")}};
        return answer(*s, s->add_voice(c, id, str(o, "quote"), str(o, "date"), confirmed(o)), texts, voice_json, 201);
      });
  add(op("PUT", one + "/goals", "Set organisations' stated goals (an empty text removes one)", kGoalsSchema.c_str()),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
        std::vector<st::Goal> goals;
        std::vector<app::situations::FieldText> texts;
        if (auto* g = o.if_contains("goals"); g && g->is_array()) {
          for (const auto& v : g->as_array()) {
            if (!v.is_object()) return http::Response::error(400, "invalid_input", "goals are objects");
            goals.push_back({integer(v.as_object(), "organisation"), str(v.as_object(), "text")});
            texts.push_back({"goal", goals.back().text});
          }
        }
        return answer(*s, s->set_goals(c, id, std::move(goals), confirmed(o)), texts, situation_json);
      });
  document_situation_answers(document);
}

}  // namespace tafel::web
