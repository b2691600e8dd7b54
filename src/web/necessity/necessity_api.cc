#include <boost/json.hpp>

#include "web/api_support.h"
#include "web/json_fields.h"
#include "web/necessity/necessity_routes.h"

namespace tafel::web {

namespace json = boost::json;
namespace nc = tafel::necessity;
using app::accounts::Authenticated;
using app::necessity::Caller;
using app::necessity::NecessityService;

using json_fields::str;
using json_fields::integer;
using json_fields::flag;

namespace {

using BodyHandler = std::function<http::Response(const Caller&, std::int64_t, const json::object&)>;

http::Response from_error(const Error& e) { return http::Response::error(necessity_status_for(e), e.code, e.message); }


json::object review_json(const nc::Review& r) {
  json::array steps;
  for (const auto& s : r.steps) {
    steps.push_back(json::object{{"kind", s.kind}, {"by", s.by}, {"text", s.text}, {"at_us", s.at_us}});
  }
  return {{"id", r.id},         {"kind", r.kind},        {"subject", r.subject},
          {"organisation", r.organisation}, {"author", r.author}, {"summary", r.summary},
          {"state", nc::name_of(r.state)},  {"steps", steps},     {"created_at_us", r.created_at_us}};
}

json::object report_json(const nc::Report& r, const std::optional<nc::Review>& review) {
  json::array categories, obligations;
  r.categories.for_each([&](sharing::Category c) { categories.emplace_back(sharing::name_of(c)); });
  for (const auto& o : r.obligations) obligations.emplace_back(o);
  const auto& j = r.justification;
  json::object o{{"id", r.id},
                 {"author", r.author},
                 {"organisation", r.organisation},
                 {"ground", sharing::name_of(r.ground)},
                 {"recipient", r.recipient},
                 {"case", r.case_id == 0 ? json::value(nullptr) : json::value(r.case_id)},
                 {"categories", categories},
                 {"purpose", sharing::name_of(r.purpose)},
                 {"justification", json::object{{"danger", j.danger ? json::value(sharing::name_of(*j.danger)) : json::value(nullptr)},
                                                {"cannot_protect", j.cannot_protect},
                                                {"higher_value", j.higher_value},
                                                {"other_means_exhausted", j.other_means_exhausted}}},
                 {"tried", r.tried},
                 {"reasoning", r.reasoning},
                 {"decided_ground", sharing::name_of(r.decided_ground)},
                 {"obligations", obligations},
                 {"created_at_us", r.created_at_us},
                 {"state", review ? nc::name_of(review->state) : std::string_view("pending")}};
  if (review) o["review"] = review->id;
  return o;
}

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  o.tag = "necessity";
  o.scope = std::string(api::kSessionOnly);
  o.errors = {409, 422};  // necessity_status_for
  return o;
}

constexpr const char* kClaimSchema =
    R"json({"type":"object","required":["ground","recipient","categories"],"properties":{"ground":{"enum":["art_458bis","necessity"]},"recipient":{"type":"integer","description":"a directory organisation; for art_458bis the prosecution","examples":[2]},"case":{"type":"integer","description":"a case the caller may see; absent for a person tafel keeps no case for","examples":[1]},"categories":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]},"examples":[["identity","social"]]},"purpose":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"],"examples":["integrity"]},"danger":{"enum":["serious_imminent","other_victims"]},"cannot_protect":{"type":"boolean"},"higher_value":{"type":"string","examples":["de fysieke integriteit van het kind"]},"other_means_exhausted":{"type":"boolean"},"tried":{"type":"string","description":"what the professional tried before","examples":["Gesprek met de moeder, doorverwijzing naar het CAW"]},"reasoning":{"type":"string","description":"required on a permit (record_reasoning)","examples":["Het kind loopt ernstig en dreigend gevaar; de moeder weigert elke hulp."]}}})json";
constexpr const char* kAnswerSchema = R"({"type":"object","required":["text"],"properties":{"text":{"type":"string","examples":["Welke andere middelen werden geprobeerd?"]}}})";
constexpr const char* kReasonSchema = R"({"type":"object","required":["reason"],"properties":{"reason":{"type":"string","examples":["Het gevaar was niet dreigend genoeg om het beroepsgeheim te doorbreken."]}}})";

}  // namespace

namespace {
// The claim's 422: the engine's refusal ({"decision":"deny","reasons":[...]}) or an
// error of the common shape (reasoning_required).
http::ApiOperation refusable(http::ApiOperation o) {
  o.other_responses.emplace_back(
      422,
      R"({"oneOf":[{"type":"object","required":["decision","reasons"],"properties":{"decision":{"const":"deny"},"reasons":{"type":"array","items":{"type":"string"}}}},{"$ref":"#/components/schemas/Error"}]})");
  return o;
}
}  // namespace

int necessity_status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == "conflict" || c == "no_question" || c == "review_closed") return 409;
  if (c == "reasoning_required") return 422;
  return status_for(error);
}

void register_necessity_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                            NecessityService& service) {
  auto ops = std::make_shared<api::Operations>(router, document, context);
  NecessityService* s = &service;
  auto add = [ops](http::ApiOperation o, BodyHandler handler) {
    ops->add(std::move(o), api::with_record([handler](http::Request& r, const Authenticated& a, std::int64_t id,
                                                     const json::object& body) {
      return handler(Caller{a.principal, audit_origin(r)}, id, body);
    }));
  };
  auto review_answer = [](const Result<nc::Review>& r) {
    if (!r) return from_error(r.error());
    return api::ok(review_json(*r));
  };

  add(op("GET", "/api/v1/necessity", "The caller's own state-of-necessity and art. 458bis reports, newest first"),
      [s](const Caller& c, std::int64_t, const json::object&) {
        auto list = s->my_reports(c);
        if (!list) return from_error(list.error());
        json::array a;
        for (const auto& v : *list) a.push_back(report_json(v.report, v.review));
        return api::ok(json::object{{"reports", a}});
      });
  add(refusable(http::created(op("POST", "/api/v1/necessity",
                                 "Claim art. 458bis or the state of necessity: 201 with the recorded report (queued "
                                 "for the DPO), or 422 with the engine's refusal",
                                 kClaimSchema))),
      [s](const Caller& c, std::int64_t, const json::object& o) {
        app::necessity::Claim claim;
        auto ground = sharing::parse_term<sharing::Ground>(str(o, "ground"));
        if (!ground) return http::Response::error(400, "invalid_input", "ground is art_458bis or necessity");
        claim.ground = *ground;
        claim.recipient = integer(o, "recipient");
        claim.case_id = integer(o, "case");
        if (auto* cats = o.if_contains("categories"); cats && cats->is_array()) {
          for (const auto& v : cats->as_array()) {
            auto cat = v.is_string() ? sharing::parse_term<sharing::Category>(v.as_string()) : std::nullopt;
            if (!cat) return http::Response::error(400, "invalid_input", "unknown category");
            claim.categories.add(*cat);
          }
        }
        if (auto p = str(o, "purpose"); !p.empty()) {
          auto purpose = sharing::parse_term<sharing::Purpose>(p);
          if (!purpose) return http::Response::error(400, "invalid_input", "unknown purpose");
          claim.purpose = *purpose;
        }
        if (auto d = str(o, "danger"); !d.empty()) {
          claim.justification.danger = sharing::parse_term<sharing::Danger>(d);
          if (!claim.justification.danger) return http::Response::error(400, "invalid_input", "unknown danger");
        }
        claim.justification.cannot_protect = flag(o, "cannot_protect");
        claim.justification.higher_value = str(o, "higher_value");
        claim.justification.other_means_exhausted = flag(o, "other_means_exhausted");
        claim.tried = str(o, "tried");
        claim.reasoning = str(o, "reasoning");
        auto out = s->submit(c, std::move(claim));
        if (!out) return from_error(out.error());
        if (!out->report) {
          json::array reasons;
          for (auto r : out->assessment.reasons) reasons.emplace_back(sharing::name_of(r));
          return api::ok(json::object{{"decision", "deny"}, {"reasons", reasons}}, 422);
        }
        return api::ok(report_json(*out->report, std::nullopt), 201);
      });
  add(op("GET", "/api/v1/necessity/{id}", "One report with its review state (its author, or the DPO)"),
      [s](const Caller& c, std::int64_t id, const json::object&) {
        auto v = s->report(c, id);
        if (!v) return from_error(v.error());
        json::object o = report_json(v->report, v->review);
        if (v->review) o["review_steps"] = review_json(*v->review)["steps"];
        return api::ok(o);
      });
  add(op("POST", "/api/v1/necessity/{id}/answer", "The author answers the DPO's question", kAnswerSchema),
      [s, review_answer](const Caller& c, std::int64_t id, const json::object& o) {
        return review_answer(s->answer(c, id, str(o, "text")));
      });
  add(op("GET", "/api/v1/dpo/reviews", "The DPO review queue of the caller's organisation, open reviews first"),
      [s](const Caller& c, std::int64_t, const json::object&) {
        auto list = s->queue(c);
        if (!list) return from_error(list.error());
        json::array a;
        for (const auto& r : *list) a.push_back(review_json(r));
        return api::ok(json::object{{"reviews", a}});
      });
  add(op("GET", "/api/v1/dpo/reviews/{id}", "One review, with the report it is about"),
      [s](const Caller& c, std::int64_t id, const json::object&) {
        auto v = s->review(c, id);
        if (!v) return from_error(v.error());
        json::object o = review_json(v->review);
        if (v->report) o["report"] = report_json(*v->report, v->review);
        return api::ok(o);
      });
  add(op("POST", "/api/v1/dpo/reviews/{id}/question", "Ask the author a question", kAnswerSchema),
      [s, review_answer](const Caller& c, std::int64_t id, const json::object& o) {
        return review_answer(s->ask(c, id, str(o, "text")));
      });
  add(op("POST", "/api/v1/dpo/reviews/{id}/accept", "Accept the review"),
      [s, review_answer](const Caller& c, std::int64_t id, const json::object&) { return review_answer(s->accept(c, id)); });
  add(op("POST", "/api/v1/dpo/reviews/{id}/not-accept", "Record that the review is not accepted, with the reason",
         kReasonSchema),
      [s, review_answer](const Caller& c, std::int64_t id, const json::object& o) {
        return review_answer(s->not_accept(c, id, str(o, "reason")));
      });
  document_necessity_answers(document);
}

}  // namespace tafel::web
