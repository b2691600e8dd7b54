#include <boost/json.hpp>

#include "i18n/catalog.h"
#include "web/api_support.h"
#include "web/json_fields.h"
#include "web/contributions/contribution_json.h"
#include "web/contributions/contribution_routes.h"
#include "web/language.h"

namespace tafel::web {

namespace json = boost::json;
namespace cb = tafel::contributions;
using app::accounts::Authenticated;
using app::contributions::Caller;
using app::contributions::ContributionService;
using namespace contribution_support;

using json_fields::str;
using json_fields::integer;
using json_fields::flag;

namespace {

http::Response from_error(const Error& e) { return http::Response::error(status_for(e), e.code, e.message); }


// ?lang= of the operations whose answers carry the engine's explanations.
http::ApiOperation with_lang(http::ApiOperation o) {
  o.query.push_back({"lang", "the language of the engine's explanations: nl, fr or en (default: the caller's)"});
  return o;
}

std::string lang_of(const http::Request& request, const Authenticated& who) {
  if (auto q = request.query_param("lang"); q && i18n::is_supported(*q)) return *q;
  if (i18n::is_supported(who.user.language)) return who.user.language;
  return request_language(request);
}

// Fails with a message naming the field.
Result<cb::Confirmations> confirmations_of(const json::object& o) {
  cb::Confirmations given;
  if (auto* t = o.if_contains("travelling"); t && !t->is_null()) {
    if (!t->is_array()) return fail("invalid_input", "travelling: a list of categories");
    sharing::CategorySet set;
    for (const auto& v : t->as_array()) {
      auto c = v.is_string() ? sharing::parse_term<sharing::Category>(v.as_string()) : std::nullopt;
      if (!c) return fail("invalid_input", "travelling: invalid_term");
      set.add(*c);
    }
    given.travelling = set;
  }
  given.professional_judgement = flag(o, "professional_judgement");
  given.reporting_duty_acknowledged = flag(o, "reporting_duty_acknowledged");
  given.reasoning = str(o, "reasoning");
  return given;
}

Result<app::contributions::Draft> draft_of(const json::object& o) {
  app::contributions::Draft d;
  d.situation = integer(o, "situation");
  d.case_id = integer(o, "case");
  if (auto t = str(o, "track"); !t.empty()) {
    auto track = cb::parse_track(t);
    if (!track) return fail("invalid_input", "track: care or safety");
    d.track = *track;
  }
  if (auto k = str(o, "kind"); !k.empty()) {
    auto kind = cb::parse_kind(k);
    if (!kind) return fail("invalid_input", "kind: note or fact");
    d.kind = *kind;
  }
  if (auto c = str(o, "classification"); !c.empty()) {
    auto classification = cb::parse_classification(c);
    if (!classification) return fail("invalid_input", "classification: public, internal, confidential or secret");
    d.classification = *classification;
  }
  auto purpose = sharing::parse_term<sharing::Purpose>(str(o, "purpose"));
  if (!purpose) return fail("invalid_input", "purpose: invalid_term");
  d.purpose = *purpose;
  if (auto* p = o.if_contains("parts"); p && p->is_array()) {
    for (const auto& v : p->as_array()) {
      if (!v.is_object()) return fail("invalid_input", "parts: objects with category and text");
      auto c = sharing::parse_term<sharing::Category>(str(v.as_object(), "category"));
      if (!c) return fail("invalid_input", "parts: category invalid_term");
      d.parts.push_back({*c, str(v.as_object(), "text")});
    }
  }
  if (auto g = str(o, "ground"); !g.empty()) {
    d.ground = sharing::parse_term<sharing::Ground>(g);
    if (!d.ground) return fail("invalid_input", "ground: invalid_term");
  }
  if (auto* j = o.if_contains("justification"); j && j->is_object()) {
    const auto& jo = j->as_object();
    d.justification.danger = sharing::parse_term<sharing::Danger>(str(jo, "danger"));
    d.justification.cannot_protect = flag(jo, "cannot_protect");
    d.justification.higher_value = str(jo, "higher_value");
    d.justification.other_means_exhausted = flag(jo, "other_means_exhausted");
  }
  return d;
}

// 201 with the contribution and the decisions; 422 naming the obligations still to meet.
http::Response sent_answer(const app::contributions::Sent& sent, const std::string& lang, int status) {
  json::array unmet;
  for (const auto& u : sent.unmet) unmet.emplace_back(u);
  if (!sent.contribution) {
    if (sent.unmet.empty() && !sent.decisions.empty() && !sent.decisions.front().permit) {
      return api::ok(json::object{{"error", json::object{{"code", "forbidden"}, {"message", "the view was refused"}}},
                                  {"decisions", decisions_json(sent.decisions, lang)}},
                     403);
    }
    return api::ok(json::object{{"error", json::object{{"code", "obligations_unmet"},
                                                       {"message", "meet these obligations, then send again"}}},
                                {"obligations", unmet},
                                {"decisions", decisions_json(sent.decisions, lang)}},
                   422);
  }
  app::contributions::Viewed own{*sent.contribution, true, true, std::nullopt};
  return api::ok(json::object{{"contribution", viewed_json(own, lang)}, {"decisions", decisions_json(sent.decisions, lang)}},
                 status);
}

constexpr const char* kUnmetSchema =
    R"({"type":"object","required":["error","obligations","decisions"],"properties":{"error":{"type":"object","required":["code","message"],"properties":{"code":{"const":"obligations_unmet"},"message":{"type":"string"}}},"obligations":{"type":"array","items":{"enum":["minimum_necessary","professional_judgement","recipient_reporting_duty","secrecy_bound","use_restricted","record_reasoning","dpo_review"]},"description":"meet these (fields travelling, professional_judgement, reporting_duty_acknowledged, reasoning), then send again"},"decisions":{"type":"array","items":{"type":"object"}}}})";

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  o.tag = "contributions";
  o.scope = std::string(api::kSessionOnly);
  // Sending (add, forward) answers 422 with the obligations still to meet.
  if (o.method == "POST") o.other_responses = {{422, kUnmetSchema}};
  return o;
}

constexpr const char* kConfirmations =
    R"("travelling":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]},"description":"minimum_necessary: the categories that travel, fewer than the parts allowed, never more"},"professional_judgement":{"type":"boolean"},"reporting_duty_acknowledged":{"type":"boolean","description":"the second step after the recipient_reporting_duty warning"},"reasoning":{"type":"string","description":"record_reasoning"})";
const std::string kAddSchema =
    std::string(R"({"type":"object","required":["parts","purpose"],"properties":{"situation":{"type":"integer"},"case":{"type":"integer"},"track":{"enum":["care","safety"]},"kind":{"enum":["note","fact"]},"classification":{"enum":["public","internal","confidential","secret"]},"purpose":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]},"parts":{"type":"array","items":{"type":"object","required":["category","text"],"properties":{"category":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]},"text":{"type":"string"}}}},"ground":{"enum":["not_personal","case_consultation","shared_secrecy","consent","agreement","art_458bis","necessity"],"description":"absent: the engine looks for one"},"justification":{"type":"object","description":"for art_458bis and necessity: danger, cannot_protect, higher_value, other_means_exhausted"},)") +
    kConfirmations + "}}";
const std::string kForwardSchema =
    std::string(R"({"type":"object","required":["recipient"],"properties":{"recipient":{"type":"integer"},)") +
    kConfirmations + "}}";

}  // namespace

void register_contribution_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                               ContributionService& service) {
  auto ops = std::make_shared<api::Operations>(router, document, context);
  ContributionService* s = &service;
  using Handler = std::function<http::Response(http::Request&, const Authenticated&, const Caller&, std::int64_t,
                                               const json::object&)>;
  auto add = [ops](http::ApiOperation o, Handler handler) {
    ops->add(std::move(o), api::with_record(
                               [handler](http::Request& r, const Authenticated& a, std::int64_t id,
                                         const json::object& body) {
                                 return handler(r, a, Caller{a.principal, audit_origin(r)}, id, body);
                               },
                               "no such contribution"));
  };
  const std::string one = "/api/v1/contributions/{id}";

  add(with_lang(http::with_query(
          op("GET", "/api/v1/contributions",
             "The contributions of a situation (?situation=ID) or a case (?case=ID) the caller's organisation may "
             "know of; each is asked again of the sharing engine"),
          {{"situation", "a situation number (give situation or case, not both)", "", false, "integer"},
           {"case", "a case number (give situation or case, not both)", "1", false, "integer"}})),
      [s](http::Request& r, const Authenticated& a, const Caller& c, std::int64_t, const json::object&) {
        auto situation = api::parse_id(r.query_param("situation").value_or(""));
        auto case_id = api::parse_id(r.query_param("case").value_or(""));
        if (!situation == !case_id) return http::Response::error(400, "invalid_input", "give situation or case");
        auto list = situation ? s->for_situation(c, *situation) : s->for_case(c, *case_id);
        if (!list) return from_error(list.error());
        json::array items;
        for (const auto& v : *list) items.push_back(viewed_json(v, lang_of(r, a)));
        return api::ok(json::object{{"contributions", items}});
      });
  add(with_lang(http::with_example(
          http::created(op("POST", "/api/v1/contributions",
                           "Add a contribution (to a situation or a case) and share it as the sharing engine "
                           "decides (422 lists the obligations still to meet)",
                           kAddSchema.c_str())),
          R"({"situation":1,"kind":"note","classification":"internal","purpose":"public_order",)"
          R"("parts":[{"category":"aggregate","text":"Samenscholing van een tiental jongeren aan het station"}]})")),
      [s](http::Request& r, const Authenticated& a, const Caller& c, std::int64_t, const json::object& o) {
        auto d = draft_of(o);
        if (!d) return from_error(d.error());
        auto given = confirmations_of(o);
        if (!given) return from_error(given.error());
        auto sent = s->add(c, *d, *given);
        if (!sent) return from_error(sent.error());
        return sent_answer(*sent, lang_of(r, a), 201);
      });
  add(with_lang(op("GET", one, "One contribution, asked again of the sharing engine (readable false with the explanation)")),
      [s](http::Request& r, const Authenticated& a, const Caller& c, std::int64_t id, const json::object&) {
        auto v = s->view(c, id);
        if (!v) return from_error(v.error());
        return api::ok(viewed_json(*v, lang_of(r, a)));
      });
  add(with_lang(http::with_types(op("GET", one + "/export",
                          "The contribution as Markdown; refused (403, use_restricted, with the explanation) when it "
                          "was shared in a case consultation"),
                       "", "text/markdown")),
      [s](http::Request& r, const Authenticated& a, const Caller& c, std::int64_t id, const json::object&) {
        const std::string lang = lang_of(r, a);
        auto p = s->export_contribution(c, id, i18n::Catalog::builtin().translate(lang, "contributions.export.destination"));
        if (!p) return from_error(p.error());
        if (!p->permitted) {
          return api::ok(json::object{{"error", json::object{{"code", p->viewed.readable ? "use_restricted" : "forbidden"},
                                                             {"message", "this contribution may not leave tafel"}}},
                                      {"explanation", explanation_json(*p->refusal, lang)}},
                         403);
        }
        http::Response out = http::Response::text(200, markdown_of(p->viewed));
        out.set_header("Content-Type", "text/markdown; charset=utf-8");
        out.set_header("Content-Disposition", "attachment; filename=\"contribution-" + std::to_string(id) + ".md\"");
        out.set_header("Cache-Control", "no-store");
        return out;
      });
  add(with_lang(http::with_example(op("POST", one + "/forward",
                                     "Forward to another organisation as the sharing engine decides (403 on deny)",
                                     kForwardSchema.c_str()),
                                  R"({"recipient":1})")),
      [s](http::Request& r, const Authenticated& a, const Caller& c, std::int64_t id, const json::object& o) {
        auto given = confirmations_of(o);
        if (!given) return from_error(given.error());
        auto sent = s->forward(c, id, integer(o, "recipient"), *given);
        if (!sent) return from_error(sent.error());
        if (sent->contribution && !sent->decisions.empty() && !sent->decisions.front().permit) {
          const std::string lang = lang_of(r, a);
          return api::ok(json::object{{"error", json::object{{"code", sent->decisions.front().use_restricted
                                                                          ? "use_restricted"
                                                                          : "denied"},
                                                             {"message", "the sharing engine refused"}}},
                                      {"decisions", decisions_json(sent->decisions, lang)}},
                         403);
        }
        return sent_answer(*sent, lang_of(r, a), 200);
      });
  document_contribution_answers(document);
}

}  // namespace tafel::web
