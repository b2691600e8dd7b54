// The JSON API of the consent registry (web/consents/consent_routes.h).

#include <boost/json.hpp>

#include "web/api_support.h"
#include "web/json_fields.h"
#include "web/consents/consent_routes.h"
#include "web/consents/consent_view.h"

namespace tafel::web {

namespace json = boost::json;
namespace cn = tafel::consents;
using app::accounts::Authenticated;
using app::consents::Caller;
using app::consents::ConsentService;
using app::consents::ConsentView;

using json_fields::str;
using json_fields::integer;

namespace {

using BodyHandler = std::function<http::Response(http::Request&, const Caller&, std::int64_t, const json::object&)>;

http::Response from_error(const Error& e) { return http::Response::error(consent_status_for(e), e.code, e.message); }

std::vector<std::string> strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& x : v->as_array()) out.push_back(x.is_string() ? std::string(x.as_string()) : std::string("?"));
  }
  return out;
}

template <typename E>
json::array names_of(sharing::TermSet<E> set) {
  json::array a;
  set.for_each([&](E v) { a.emplace_back(sharing::name_of(v)); });
  return a;
}

json::object consent_json(const ConsentView& v) {
  const cn::Consent& c = v.consent;
  json::array recipients;
  for (const auto& r : c.recipients) recipients.emplace_back(cn::to_text(r));
  json::object o{{"id", c.id},
                 {"case", c.case_id},
                 {"subject", app::cases::subject_id(c.case_id)},
                 {"recorded_by", c.recorded_by},
                 {"state", cn::name_of(v.state)},
                 {"recipients", recipients},
                 {"categories", names_of(c.categories)},
                 {"purposes", names_of(c.purposes)},
                 {"valid_from", consents::iso_date(c.valid_from)},
                 {"valid_until", c.valid_until == sharing::kNever ? json::value(nullptr)
                                                                   : json::value(consents::last_day(c.valid_until))},
                 {"expiring", v.expiring},
                 {"full", v.full}};
  if (c.withdrawn_at != sharing::kNever) o["withdrawn_at"] = c.withdrawn_at;
  if (v.full) {
    o["recorder"] = c.recorder;
    o["giver"] = cn::name_of(c.giver);
    if (c.giver == cn::Giver::minor_self) o["minor_age"] = c.minor_age;
    json::object e{{"kind", cn::name_of(c.evidence.kind)}};
    if (c.evidence.kind == cn::Evidence::Kind::form) {
      e["file_type"] = c.evidence.file_type;
      e["file_size"] = c.evidence.file_size;
    }
    if (c.evidence.kind == cn::Evidence::Kind::verbal) {
      e["witness_name"] = c.evidence.witness_name;
      e["witness_function"] = c.evidence.witness_function;
    }
    o["evidence"] = e;
    o["decided_at"] = c.decided_at;
    if (c.withdrawn_at != sharing::kNever) o["withdrawn_by"] = c.withdrawn_by;
    o["version"] = c.version;
  }
  return o;
}

json::object consent_json(ConsentService& s, const cn::Consent& c) {
  return consent_json(ConsentView{c, cn::state_at(c, s.now()), true, false});
}

// The draft of a POST body; fails with invalid_input naming the field.
Result<app::consents::ConsentDraft> draft_of(const json::object& o) {
  app::consents::ConsentDraft d;
  d.case_id = integer(o, "case");
  for (const auto& text : strings(o, "recipients")) {
    auto r = cn::parse_recipient(text);
    if (!r) return fail("invalid_input", "recipients are \"org:ID\", \"sector:NAME\" or \"*\"");
    d.recipients.push_back(*r);
  }
  for (const auto& text : strings(o, "categories")) {
    auto c = sharing::parse_term<sharing::Category>(text);
    if (!c) return fail("invalid_input", "unknown category");
    d.categories.add(*c);
  }
  for (const auto& text : strings(o, "purposes")) {
    auto p = sharing::parse_term<sharing::Purpose>(text);
    if (!p) return fail("invalid_input", "unknown purpose");
    d.purposes.add(*p);
  }
  if (auto from = str(o, "valid_from"); !from.empty()) {
    auto t = consents::parse_date(from);
    if (!t) return fail("invalid_input", "valid_from is a date YYYY-MM-DD");
    d.valid_from = *t;
  }
  if (auto until = str(o, "valid_until"); !until.empty()) {
    auto t = consents::end_after_last_day(until);
    if (!t) return fail("invalid_input", "valid_until is a date YYYY-MM-DD (the last day)");
    d.valid_until = *t;
  }
  return d;
}

Result<app::consents::Answer> answer_of(const json::object& o) {
  app::consents::Answer a;
  std::string giver = str(o, "giver");
  if (!giver.empty()) {
    auto g = cn::parse_giver(giver);
    if (!g) return fail("invalid_input", "giver is person, parent, guardian or minor_self");
    a.giver = *g;
  }
  a.minor_age = static_cast<int>(integer(o, "minor_age"));
  a.witness_name = str(o, "witness_name");
  a.witness_function = str(o, "witness_function");
  return a;
}

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  o.tag = "consents";
  o.scope = std::string(api::kSessionOnly);
  o.errors = {404, 409, 413, 422};  // consent_status_for; 404: the case named in the body
  return o;
}

constexpr const char* kDraftSchema =
    R"({"type":"object","required":["case","recipients","categories","purposes"],"properties":{"case":{"type":"integer","description":"the case number: the person's pseudonym","examples":[1]},"recipients":{"type":"array","items":{"type":"string","description":"org:ID, sector:NAME or *"},"examples":[["org:5","sector:mental_health"]]},"categories":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]}},"purposes":{"type":"array","items":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]}},"valid_from":{"type":"string","format":"date","description":"default: today","examples":["2026-12-01"]},"valid_until":{"type":"string","format":"date","description":"the last day the consent is valid","examples":["2030-12-31"]}}})";
constexpr const char* kAnswerSchema =
    R"({"type":"object","properties":{"giver":{"enum":["person","parent","guardian","minor_self"]},"minor_age":{"type":"integer","description":"the minor's stated age when giver is minor_self"},"witness_name":{"type":"string"},"witness_function":{"type":"string","description":"with witness_name: the evidence of a verbal consent when no signed form was uploaded"}}})";

}  // namespace

int consent_status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == "conflict" || c == "invalid_transition") return 409;
  if (c == "evidence_required" || c == "giver_not_allowed" || c == "minor_age_required" || c == "minor_too_young" ||
      c == "evidence_type" || c == "evidence_empty") {
    return 422;
  }
  if (c == "evidence_too_large") return 413;
  return status_for(error);
}

void register_consent_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                          ConsentService& service) {
  auto ops = std::make_shared<api::Operations>(router, document, context);
  ConsentService* s = &service;
  // Path ids checked, the caller made, the body parsed (JSON unless `raw`), then `handler`.
  auto add = [ops](http::ApiOperation o, BodyHandler handler, bool raw = false) {
    ops->add(std::move(o), api::with_record(
                               [handler](http::Request& r, const Authenticated& a, std::int64_t id,
                                         const json::object& body) {
                                 return handler(r, Caller{a.principal, audit_origin(r)}, id, body);
                               },
                               "no such consent", raw));
  };
  const std::string one = "/api/v1/consents/{id}";

  add(http::with_query(
          op("GET", "/api/v1/consents",
             "The consents of the caller's organisation, those expiring within 30 days first (query: state, a DPV "
             "state or its short name); with case=N the consents of that case, summaries for other organisations'"),
          {{"case", "a case number: the consents of that case instead (state is then ignored)", "", false, "integer"},
           {"state", "only consents in this state: a DPV state (dpv:ConsentGiven) or its short name", "given"}}),
      [s](http::Request& r, const Caller& c, std::int64_t, const json::object&) {
        Result<std::vector<ConsentView>> list;
        if (auto kase = r.query_param("case"); kase && !kase->empty()) {
          auto id = api::parse_id(*kase);
          if (!id) return http::Response::error(404, "not_found", "no such case");
          list = s->case_consents(c, *id);
        } else {
          std::optional<cn::State> state;
          if (auto text = r.query_param("state"); text && !text->empty()) {
            state = cn::parse_state(*text);
            if (!state) return http::Response::error(400, "invalid_input", "state is a DPV consent state");
          }
          list = s->list(c, state);
        }
        if (!list) return from_error(list.error());
        json::array a;
        for (const auto& x : *list) a.push_back(consent_json(x));
        return api::ok(json::object{{"consents", a}});
      });
  add(http::created(op("POST", "/api/v1/consents", "Record a consent requested of a case's person (dpv:ConsentRequested)",
                       kDraftSchema)),
      [s](http::Request&, const Caller& c, std::int64_t, const json::object& o) {
        auto d = draft_of(o);
        if (!d) return from_error(d.error());
        auto x = s->record(c, std::move(*d));
        if (!x) return from_error(x.error());
        return api::ok(consent_json(*s, *x), 201);
      });
  add(op("GET", one, "One consent of the caller's organisation, in full (audited)"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto x = s->consent(c, id);
        if (!x) return from_error(x.error());
        return api::ok(consent_json(*x));
      });
  struct Step {
    const char* part;
    const char* summary;
  };
  for (Step step : {Step{"give", "Record that the consent was given: needs an uploaded form or a witness (422 otherwise)"},
                    Step{"refuse", "Record that the consent was refused"}}) {
    std::string part = step.part;
    add(http::with_example(op("POST", one + "/" + part, step.summary, kAnswerSchema),
                           R"({"giver":"person","witness_name":"Sara Peeters","witness_function":"maatschappelijk werker"})"),
        [s, part](http::Request&, const Caller& c, std::int64_t id, const json::object& o) {
          auto a = answer_of(o);
          if (!a) return from_error(a.error());
          auto x = part == "give" ? s->give(c, id, std::move(*a)) : s->refuse(c, id, std::move(*a));
          if (!x) return from_error(x.error());
          return api::ok(consent_json(*s, *x));
        });
  }
  add(op("POST", one + "/withdraw", "Record the withdrawal of a given consent, now, by the caller"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto x = s->withdraw(c, id);
        if (!x) return from_error(x.error());
        return api::ok(consent_json(*s, *x));
      });
  add(http::with_example(http::with_types(op("PUT", one + "/evidence",
                                             "Upload the signed consent form as the raw body: PDF, JPEG or PNG (by "
                                             "its first bytes), at most 5 MB; stored encrypted"),
                                          "application/pdf, image/jpeg, image/png", ""),
                         "%PDF-1.4\n% signed consent form\n%%EOF\n"),
      [s](http::Request& r, const Caller& c, std::int64_t id, const json::object&) {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(r.body.data());
        auto x = s->attach_evidence(c, id, std::span<const std::uint8_t>(bytes, r.body.size()));
        if (!x) return from_error(x.error());
        return api::ok(consent_json(*s, *x));
      },
      true);
  add(http::with_types(op("GET", one + "/evidence", "The signed consent form (every read audited)"), "",
                       "application/pdf, image/jpeg, image/png"),
      [s](http::Request&, const Caller& c, std::int64_t id, const json::object&) {
        auto file = s->evidence(c, id);
        if (!file) return from_error(file.error());
        http::Response response;
        response.body.assign(file->bytes.begin(), file->bytes.end());
        response.set_header("Content-Type", file->type);
        response.set_header("Content-Disposition", "attachment; filename=\"consent-" + std::to_string(id) +
                                                       (file->type == "application/pdf" ? ".pdf"
                                                        : file->type == "image/png"     ? ".png"
                                                                                        : ".jpg") +
                                                       "\"");
        response.set_header("Cache-Control", "no-store");
        return response;
      });
  document_consent_answers(document);
}

}  // namespace tafel::web
