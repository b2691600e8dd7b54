#include "web/agreement_api.h"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <charconv>

#include "core/agreement/canonical.h"
#include "core/agreement/diff.h"
#include "i18n/catalog.h"
#include "i18n/sharing_explanation.h"
#include "web/agreement_pages.h"
#include "web/audit_api.h"
#include "web/decision_pages.h"
#include "web/api_support.h"

namespace tafel::web {

namespace json = boost::json;
using app::accounts::Authenticated;

// --- times ------------------------------------------------------------------------------

std::optional<sharing::Timestamp> parse_utc(std::string_view text) {
  auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
    int v = 0;
    if (at + len > text.size()) return std::nullopt;
    for (std::size_t i = at; i < at + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  if (text.size() != 10 && text.size() != 20) return std::nullopt;
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok() || *y < 1970 || *y > 9999) return std::nullopt;
  std::int64_t seconds = std::chrono::sys_days(ymd).time_since_epoch().count() * 86400LL;
  if (text.size() == 20) {
    auto hh = number(11, 2), mm = number(14, 2), ss = number(17, 2);
    if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' || !hh || !mm || !ss ||
        *hh > 23 || *mm > 59 || *ss > 59) {
      return std::nullopt;
    }
    seconds += *hh * 3600LL + *mm * 60LL + *ss;
  }
  return seconds * 1'000'000LL;
}

std::string format_date_utc(sharing::Timestamp at) {
  if (at == sharing::kNever) return "";
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::microseconds>(
      std::chrono::microseconds(at)));
  std::chrono::year_month_day ymd(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

// --- the document in JSON ---------------------------------------------------------------

namespace {

Result<std::vector<std::string>> string_list(const json::object& o, std::string_view key, std::string_view where) {
  std::vector<std::string> out;
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return fail("invalid_input", std::string(where) + std::string(key) + " must be a list");
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) return fail("invalid_input", std::string(where) + std::string(key) + " takes texts");
    out.emplace_back(item.as_string());
  }
  return out;
}

template <typename E>
Result<sharing::TermSet<E>> term_set(const json::object& o, std::string_view key, std::string_view where) {
  auto items = string_list(o, key, where);
  if (!items) return tl::unexpected(items.error());
  sharing::TermSet<E> set;
  for (const auto& item : *items) {
    auto term = sharing::parse_term<E>(item);
    if (!term) return fail("invalid_input", std::string(where) + std::string(key) + ": invalid_term " + item);
    set.add(*term);
  }
  return set;
}

std::string text_of(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<sharing::Timestamp> time_of(const json::object& o, std::string_view key, bool optional) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (optional) return sharing::kNever;
    return fail("invalid_input", std::string(key) + " is required");
  }
  auto t = v->is_string() ? parse_utc(v->as_string()) : std::nullopt;
  if (!t) return fail("invalid_input", std::string(key) + " must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  return *t;
}

template <typename E>
json::array terms_json(sharing::TermSet<E> set) {
  json::array a;
  set.for_each([&](E v) { a.emplace_back(sharing::name_of(v)); });
  return a;
}

json::array strings_json(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& i : items) a.emplace_back(i);
  return a;
}

json::value time_json(sharing::Timestamp t) {
  if (t == sharing::kNever) return nullptr;
  return json::value(format_date_utc(t));
}

Result<agreement::Document> document_from(const json::object& o) {
  agreement::Document d;
  d.title = text_of(o, "title");
  auto from = time_of(o, "valid_from", false);
  if (!from) return tl::unexpected(from.error());
  auto until = time_of(o, "valid_until", true);
  if (!until) return tl::unexpected(until.error());
  auto review = time_of(o, "review_date", false);
  if (!review) return tl::unexpected(review.error());
  d.valid_from = *from;
  d.valid_until = *until;
  d.review_date = *review;
  if (auto* parties = o.if_contains("parties"); parties && parties->is_array()) {
    for (const auto& p : parties->as_array()) {
      if (!p.is_object()) return fail("invalid_input", "parties takes objects");
      const auto& po = p.as_object();
      agreement::Party party;
      party.organisation = text_of(po, "organisation");
      if (auto* id = po.if_contains("organisation"); id && id->is_int64()) party.organisation = std::to_string(id->as_int64());
      party.finality = text_of(po, "finality");
      auto roles = string_list(po, "roles", "party ");
      if (!roles) return tl::unexpected(roles.error());
      auto tasks = string_list(po, "tasks", "party ");
      if (!tasks) return tl::unexpected(tasks.error());
      party.roles = std::move(*roles);
      party.tasks = std::move(*tasks);
      d.parties.push_back(std::move(party));
    }
  }
  if (auto* rules = o.if_contains("rules"); rules && rules->is_array()) {
    for (const auto& r : rules->as_array()) {
      if (!r.is_object()) return fail("invalid_input", "rules takes objects");
      const auto& ro = r.as_object();
      agreement::RuleText rule;
      rule.id = text_of(ro, "id");
      std::string where = "rule " + rule.id + ": ";
      std::string effect = text_of(ro, "effect");
      auto parsed_effect = sharing::parse_term<sharing::Effect>(effect.empty() ? "permit" : effect);
      if (!parsed_effect) return fail("invalid_input", where + "effect: invalid_term " + effect);
      rule.effect = *parsed_effect;
      auto rfrom = string_list(ro, "from", where);
      if (!rfrom) return tl::unexpected(rfrom.error());
      auto rto = string_list(ro, "to", where);
      if (!rto) return tl::unexpected(rto.error());
      auto categories = term_set<sharing::Category>(ro, "categories", where);
      if (!categories) return tl::unexpected(categories.error());
      auto purposes = term_set<sharing::Purpose>(ro, "purposes", where);
      if (!purposes) return tl::unexpected(purposes.error());
      auto grounds = term_set<sharing::Ground>(ro, "grounds", where);
      if (!grounds) return tl::unexpected(grounds.error());
      auto obligations = string_list(ro, "obligations", where);
      if (!obligations) return tl::unexpected(obligations.error());
      rule.from = std::move(*rfrom);
      rule.to = std::move(*rto);
      rule.categories = *categories;
      rule.purposes = *purposes;
      rule.grounds = *grounds;
      rule.legal_reference = text_of(ro, "legal_reference");
      rule.obligations = std::move(*obligations);
      d.rules.push_back(std::move(rule));
    }
  }
  if (auto* retention = o.if_contains("retention"); retention && retention->is_array()) {
    for (const auto& r : retention->as_array()) {
      if (!r.is_object()) return fail("invalid_input", "retention takes objects");
      const auto& ro = r.as_object();
      auto category = sharing::parse_term<sharing::Category>(text_of(ro, "category"));
      auto* days = ro.if_contains("days");
      if (!category || !days || !days->is_int64() || days->as_int64() < 1 || days->as_int64() > 36500) {
        return fail("invalid_input", "retention: a category and 1..36500 days");
      }
      d.retention.push_back({*category, static_cast<std::int32_t>(days->as_int64())});
    }
  }
  if (auto r = agreement::validate(d); !r) return tl::unexpected(r.error());
  return d;
}

json::object document_json(const agreement::Document& d) {
  json::array parties, rules, retention;
  for (const auto& p : d.parties) {
    parties.push_back(json::object{{"organisation", p.organisation}, {"finality", p.finality},
                                   {"roles", strings_json(p.roles)}, {"tasks", strings_json(p.tasks)}});
  }
  for (const auto& r : d.rules) {
    rules.push_back(json::object{{"id", r.id},
                                 {"effect", sharing::name_of(r.effect)},
                                 {"from", strings_json(r.from)},
                                 {"to", strings_json(r.to)},
                                 {"categories", terms_json(r.categories)},
                                 {"purposes", terms_json(r.purposes)},
                                 {"grounds", terms_json(r.grounds)},
                                 {"legal_reference", r.legal_reference},
                                 {"obligations", strings_json(r.obligations)}});
  }
  for (const auto& r : d.retention) {
    retention.push_back(json::object{{"category", sharing::name_of(r.category)}, {"days", r.days}});
  }
  return json::object{{"title", d.title},           {"valid_from", time_json(d.valid_from)},
                      {"valid_until", time_json(d.valid_until)}, {"review_date", time_json(d.review_date)},
                      {"parties", parties},         {"rules", rules},
                      {"retention", retention}};
}

}  // namespace

Result<agreement::Document> document_from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return fail("invalid_json", "the body must be a JSON object");
  return document_from(v.as_object());
}

std::string document_to_json(const agreement::Document& d) { return json::serialize(document_json(d)); }

// --- the API ------------------------------------------------------------------------------

namespace {


http::Response from_error(const Error& e) {
  int status = status_for(e);
  if (e.code == "conflict" || e.code == "stale_version" || e.code == "not_draft" || e.code == "draft_exists" ||
      e.code == "already_signed" || e.code == "not_in_force" || e.code == "not_suspended" || e.code == "ended") {
    status = 409;
  } else if (e.code == "lint_errors" || e.code == "invalid_input" || e.code == "invalid_json") {
    status = 422;
  } else if (e.code == "invalid_code") {
    status = 401;
  } else if (e.code == "throttled") {
    status = 429;
  } else if (e.code == "corrupt_agreement") {
    status = 500;
  }
  return http::Response::error(status, e.code, e.message);
}

using api::ok;

using api::parse_id;

std::string lang_for(const http::Request& request, const Authenticated& who) {
  if (auto q = request.query_param("lang"); q && i18n::is_supported(*q)) return *q;
  if (i18n::is_supported(who.user.language)) return who.user.language;
  return i18n::negotiate(request.header("accept-language").value_or(""));
}

json::object version_json(const agreement::Version& v) {
  json::array signatures;
  for (const auto& s : v.signatures) {
    signatures.push_back(json::object{{"organisation", s.organisation}, {"user_id", s.user_id}, {"hash", s.hash},
                                      {"signed_at_us", s.signed_at}, {"valid", s.hash == v.hash}});
  }
  return json::object{{"number", v.number},
                      {"status", agreement::name_of(v.status)},
                      {"hash", v.hash},
                      {"document", document_json(v.document)},
                      {"signatures", signatures},
                      {"missing_signatures", strings_json(v.missing_signatures())},
                      {"created_at_us", v.created_at},
                      {"status_changed_at_us", v.status_changed_at}};
}

json::object summary_json(const agreement::Agreement& a) {
  json::array parties;
  for (const auto& p : a.latest().document.parties) parties.emplace_back(p.organisation);
  const auto* effective = a.effective();
  return json::object{{"id", a.id()},
                      {"title", a.latest().document.title},
                      {"latest_version", a.latest().number},
                      {"latest_status", agreement::name_of(a.latest().status)},
                      {"effective_version", effective ? json::value(effective->number) : json::value(nullptr)},
                      {"parties", parties}};
}

json::object review_json(const agreement::Review& review) {
  json::array findings, matrix;
  for (const auto& f : review.findings) {
    findings.push_back(json::object{{"severity", f.severity == sharing::Finding::Severity::error ? "error" : "warning"},
                                    {"code", f.code},
                                    {"rule", f.rule},
                                    {"message", f.message}});
  }
  for (const auto& row : review.matrix) {
    json::array cells;
    for (std::size_t p = 0; p < sharing::term_count<sharing::Purpose>(); ++p) {
      for (std::size_t c = 0; c < sharing::term_count<sharing::Category>(); ++c) {
        const auto& cell = row.cells[p][c];
        if (cell.grounds.empty() && !cell.forbidden) continue;
        cells.push_back(json::object{{"purpose", sharing::name_of(static_cast<sharing::Purpose>(p))},
                                     {"category", sharing::name_of(static_cast<sharing::Category>(c))},
                                     {"grounds", terms_json(cell.grounds)},
                                     {"forbidden", cell.forbidden}});
      }
    }
    matrix.push_back(json::object{{"from", review.world.organisations[row.from].id},
                                  {"to", review.world.organisations[row.to].id},
                                  {"cells", cells}});
  }
  return json::object{{"findings", findings}, {"matrix", matrix}, {"has_errors", review.has_errors()}};
}

// api::Operations with the statuses from_error gives every agreement operation.
class Api {
 public:
  Api(http::Router& router, http::ApiDocument& document, const AccountsContext& ctx) : ops_(router, document, ctx) {}
  void add(http::ApiOperation op, api::Operations::Handler handler) {
    op.errors.insert(op.errors.end(), {401, 404, 409, 422, 429});
    ops_.add(std::move(op), std::move(handler));
  }

 private:
  api::Operations ops_;
};

json::object parse_object(const http::Request& request, std::optional<http::Response>& error) {
  boost::system::error_code ec;
  json::value v = json::parse(request.body, ec);
  if (ec || !v.is_object()) {
    error = http::Response::error(400, "invalid_json", "the body must be a JSON object");
    return {};
  }
  return std::move(v.as_object());
}

constexpr const char* kDocumentSchema =
    R"json({"type":"object","required":["title","valid_from","review_date","parties"],"properties":{"title":{"type":"string","examples":["Samenwerkingsakkoord Noordwijk"]},"valid_from":{"type":"string","description":"YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)","examples":["2030-01-01"]},"valid_until":{"type":["string","null"],"description":"YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)","examples":[null]},"review_date":{"type":"string","description":"YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)","examples":["2031-01-01"]},"parties":{"type":"array","description":"the caller's organisation is one of them","items":{"type":"object","required":["organisation","finality"],"properties":{"organisation":{"type":["string","integer"],"description":"the organisation's number"},"finality":{"type":"string"},"roles":{"type":"array","items":{"type":"string"}},"tasks":{"type":"array","items":{"type":"string"}}}},"examples":[[{"organisation":"1","finality":"Openbare orde en veiligheid","roles":["veiligheid"],"tasks":["overlast melden"]},{"organisation":"3","finality":"Preventie","roles":["coordinatie"],"tasks":["overleg organiseren"]}]]},"rules":{"type":"array","items":{"type":"object","required":["id","from","to","categories","purposes"],"properties":{"id":{"type":"string"},"effect":{"enum":["permit","forbid"]},"from":{"type":"array","items":{"type":"string"},"description":"organisation numbers, sector:NAME or *"},"to":{"type":"array","items":{"type":"string"}},"categories":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]}},"purposes":{"type":"array","items":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]}},"grounds":{"type":"array","items":{"enum":["not_personal","case_consultation","shared_secrecy","consent","agreement","art_458bis","necessity"]}},"legal_reference":{"type":"string"},"obligations":{"type":"array","items":{"enum":["minimum_necessary","professional_judgement","recipient_reporting_duty","secrecy_bound","use_restricted","record_reasoning","dpo_review"]}}}},"examples":[[{"id":"r1","effect":"permit","from":["1"],"to":["3"],"categories":["aggregate"],"purposes":["public_order"],"grounds":["agreement"],"legal_reference":"Art. 458ter Sw.","obligations":["record_reasoning"]}]]},"retention":{"type":"array","items":{"type":"object","properties":{"category":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]},"days":{"type":"integer","minimum":1,"maximum":36500}}},"examples":[[{"category":"aggregate","days":365}]]}}})json";
constexpr const char* kSignSchema =
    R"({"type":"object","required":["hash","code"],"properties":{"hash":{"type":"string","description":"the version hash the signer read, as GET /api/v1/agreements/{id} gives it"},"code":{"type":"string","description":"a current TOTP code of the signer's second factor","examples":["123456"]}}})";
constexpr const char* kStatusSchema =
    R"({"type":"object","required":["status"],"properties":{"status":{"enum":["suspended","in_force","ended"]}}})";
constexpr const char* kDecisionSchema =
    R"({"type":"object","required":["recipient","categories","purpose"],"properties":{"recipient":{"type":"integer"},"case":{"description":"whom the information is about: the number of a case you may see, or \"none\" for a person tafel keeps no case for; absent when no person is concerned","oneOf":[{"type":"integer"},{"enum":["none"]}]},"categories":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]}},"purpose":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]},"ground":{"enum":["not_personal","case_consultation","shared_secrecy","consent","agreement","art_458bis","necessity"]},"justification":{"type":"object","properties":{"danger":{"enum":["serious_imminent","other_victims"]},"cannot_protect":{"type":"boolean"},"higher_value":{"type":"string"},"other_means_exhausted":{"type":"boolean"}}}}})";

}  // namespace

void register_agreement_routes(http::Router& router, http::ApiDocument& document, const Options& options,
                               const AgreementsContext& context) {
  Api api(router, document, context.accounts);
  auto* agreements = context.agreements;
  auto* decisions = context.decisions;

  api.add({"GET", "/api/v1/agreements", "agreements", "Collaboration agreements: title, status and parties",
           "agreements:read", {}, ""},
          [agreements](http::Request&, const Authenticated& who) {
            auto list = agreements->list(who.principal);
            if (!list) return from_error(list.error());
            json::array out;
            for (const auto& a : *list) out.push_back(summary_json(a));
            return ok(json::object{{"agreements", out}});
          });
  api.add(http::created({"POST", "/api/v1/agreements", "agreements", "Draft a new agreement (the caller's organisation is a party)",
           "agreements:write", {}, kDocumentSchema}),
          [agreements](http::Request& request, const Authenticated& who) {
            auto d = document_from_json(request.body);
            if (!d) return from_error(d.error());
            auto id = agreements->create(who.principal, std::move(*d), audit_origin(request));
            if (!id) return from_error(id.error());
            return ok(json::object{{"id", *id}}, 201);
          });
  api.add({"GET", "/api/v1/agreements/{id}", "agreements",
           "An agreement with every version and signature, and its latest version's lint findings and sharing matrix",
           "agreements:read", {}, ""},
          [agreements](http::Request& request, const Authenticated& who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such agreement");
            auto a = agreements->get(who.principal, *id);
            if (!a) return from_error(a.error());
            auto o = summary_json(*a);
            json::array versions;
            for (const auto& v : a->versions()) versions.push_back(version_json(v));
            o["versions"] = versions;
            // The parties whose facts changed since the effective (else the latest)
            // version was signed (issue 11, point 3).
            auto changed = agreements->changed_facts(a->effective() ? *a->effective() : a->latest());
            if (!changed) return from_error(changed.error());
            o["facts_changed_since_signing"] = strings_json(*changed);
            auto review = agreements->review(who.principal, a->latest().document);
            if (review) o["review"] = review_json(*review);
            return ok(o);
          });
  api.add({"PUT", "/api/v1/agreements/{id}", "agreements", "Replace the text of the draft version",
           "agreements:write", {}, kDocumentSchema},
          [agreements](http::Request& request, const Authenticated& who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such agreement");
            auto d = document_from_json(request.body);
            if (!d) return from_error(d.error());
            if (auto r = agreements->edit(who.principal, *id, std::move(*d), audit_origin(request)); !r) {
              return from_error(r.error());
            }
            auto a = agreements->get(who.principal, *id);
            if (!a) return from_error(a.error());
            return ok(version_json(a->latest()));
          });
  api.add(http::created({"POST", "/api/v1/agreements/{id}/versions", "agreements",
           "Start a new draft version, a copy of the latest one", "agreements:write", {}, ""}),
          [agreements](http::Request& request, const Authenticated& who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such agreement");
            if (auto r = agreements->new_version(who.principal, *id, audit_origin(request)); !r) {
              return from_error(r.error());
            }
            auto a = agreements->get(who.principal, *id);
            if (!a) return from_error(a.error());
            return ok(version_json(a->latest()), 201);
          });
  api.add({"GET", "/api/v1/agreements/{id}/diff", "agreements",
           "The difference between two versions (from, to; default: the latest and the one before)", "agreements:read",
           {"from", "to"}, ""},
          [agreements](http::Request& request, const Authenticated& who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such agreement");
            auto a = agreements->get(who.principal, *id);
            if (!a) return from_error(a.error());
            int latest = a->latest().number;
            auto number = [&](std::string_view key, int fallback) {
              auto q = request.query_param(key);
              if (!q) return fallback;
              auto v = parse_id(*q);
              return v && *v <= latest ? static_cast<int>(*v) : 0;
            };
            int from = number("from", std::max(1, latest - 1)), to = number("to", latest);
            if (!a->version(from) || !a->version(to)) {
              return http::Response::error(422, "invalid_input", "from and to must be version numbers");
            }
            json::array changes;
            for (const auto& c : agreement::diff(a->version(from)->document, a->version(to)->document)) {
              changes.push_back(json::object{{"field", c.field}, {"kind", agreement::name_of(c.kind)},
                                             {"subject", c.subject}, {"before", c.before}, {"after", c.after}});
            }
            return ok(json::object{{"from", from}, {"to", to}, {"changes", changes}});
          });
  api.add(http::created({"POST", "/api/v1/agreements/{id}/signatures", "agreements",
           "Sign the draft version with this hash for the caller's organisation, with a fresh TOTP code",
           "agreements:write", {}, kSignSchema}),
          [agreements](http::Request& request, const Authenticated& who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such agreement");
            std::optional<http::Response> error;
            auto body = parse_object(request, error);
            if (error) return *error;
            auto r = agreements->sign(who, *id, text_of(body, "hash"), text_of(body, "code"), audit_origin(request));
            if (!r) return from_error(r.error());
            return ok(json::object{{"signed", true}, {"in_force", *r}}, 201);
          });
  api.add({"POST", "/api/v1/agreements/{id}/status", "agreements",
           "Suspend, resume (in_force) or end the agreement in force", "agreements:write", {}, kStatusSchema},
          [agreements](http::Request& request, const Authenticated& who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such agreement");
            std::optional<http::Response> error;
            auto body = parse_object(request, error);
            if (error) return *error;
            std::string status = text_of(body, "status");
            auto origin = audit_origin(request);
            Result<void> r = fail("invalid_input", "status must be suspended, in_force or ended");
            if (status == "suspended") r = agreements->suspend(who.principal, *id, origin);
            if (status == "in_force") r = agreements->resume(who.principal, *id, origin);
            if (status == "ended") r = agreements->end(who.principal, *id, origin);
            if (!r) return from_error(r.error());
            return ok(json::object{{"status", status}});
          });

  api.add({"POST", "/api/v1/decisions", "decisions",
           "May I share this? The decision and its explanation; nothing is shared, the question is audited",
           "decisions:ask", {"lang"}, kDecisionSchema},
          [decisions](http::Request& request, const Authenticated& who) {
            std::optional<http::Response> error;
            auto body = parse_object(request, error);
            if (error) return *error;
            app::decisions::Question q;
            if (auto* r = body.if_contains("recipient"); r && r->is_int64()) q.recipient = r->as_int64();
            if (auto* r = body.if_contains("recipient"); r && r->is_string()) {
              q.recipient = parse_id(r->as_string()).value_or(0);
            }
            // Issue 12 point 7: a person is picked as a case, never typed.
            if (body.contains("person")) {
              return http::Response::error(400, "invalid_input",
                                           "\"person\" is no longer accepted: give \"case\" (the number of a case you "
                                           "may see, or \"none\" for a person tafel keeps no case for)");
            }
            if (auto* c = body.if_contains("case"); c && !c->is_null()) {
              if (c->is_string() && c->as_string() == "none") {
                q.about = app::decisions::Question::About::person_without_case;
              } else if (c->is_int64() && c->as_int64() > 0) {
                q.about = app::decisions::Question::About::case_person;
                q.case_id = c->as_int64();
              } else {
                return http::Response::error(422, "invalid_input", "case: a case number or \"none\"");
              }
            }
            auto categories = term_set<sharing::Category>(body, "categories", "");
            if (!categories) return from_error(categories.error());
            q.categories = *categories;
            auto purpose = sharing::parse_term<sharing::Purpose>(text_of(body, "purpose"));
            if (!purpose) return http::Response::error(422, "invalid_input", "purpose: invalid_term");
            q.purpose = *purpose;
            if (body.contains("ground") && !body.at("ground").is_null()) {
              auto ground = sharing::parse_term<sharing::Ground>(text_of(body, "ground"));
              if (!ground) return http::Response::error(422, "invalid_input", "ground: invalid_term");
              q.ground = *ground;
            }
            if (auto* j = body.if_contains("justification"); j && j->is_object()) {
              const auto& jo = j->as_object();
              q.justification.danger = sharing::parse_term<sharing::Danger>(text_of(jo, "danger"));
              if (auto* b = jo.if_contains("cannot_protect"); b && b->is_bool()) q.justification.cannot_protect = b->as_bool();
              q.justification.higher_value = text_of(jo, "higher_value");
              if (auto* b = jo.if_contains("other_means_exhausted"); b && b->is_bool()) {
                q.justification.other_means_exhausted = b->as_bool();
              }
            }
            auto answer = decisions->ask(who.principal, q, audit_origin(request));
            if (!answer) return from_error(answer.error());
            std::string lang = lang_for(request, who);
            json::array reasons;
            for (auto r : answer->reasons) reasons.emplace_back(sharing::name_of(r));
            json::object o{{"decision", answer->permit ? "permit" : "deny"},
                           {"ground", answer->ground ? json::value(sharing::name_of(*answer->ground)) : json::value(nullptr)},
                           {"agreement", answer->agreement.empty() ? json::value(nullptr) : json::value(answer->agreement)},
                           {"rule", answer->rule.empty() ? json::value(nullptr) : json::value(answer->rule)},
                           {"obligations", strings_json(answer->obligations)},
                           {"reasons", reasons},
                           {"lang", lang},
                           {"explanation", strings_json(i18n::render_explanation_lines(answer->explanation, lang))}};
            return ok(o);
          });

  register_agreement_pages(router, options, context);
  register_decision_pages(router, options, context);
  document_agreement_answers(document);
}

}  // namespace tafel::web
