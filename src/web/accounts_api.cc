#include "web/accounts_api.h"

#include <boost/json.hpp>
#include <charconv>

#include "app/authorization.h"
#include "i18n/catalog.h"
#include "web/accounts_api_docs.h"
#include "web/api_support.h"

namespace tafel::web {

namespace json = boost::json;
namespace dir = tafel::directory;
using app::accounts::Authenticated;
using app::accounts::LoginOutcome;

namespace {

using Handler = std::function<http::Response(http::Request&, const Authenticated*)>;

http::Response from_error(const Error& e) { return http::Response::error(status_for(e), e.code, e.message); }
using api::ok;

using api::parse_id;

// A JSON object body, or the error response to send.
struct Body {
  json::object object;
  std::optional<http::Response> error;
};

Body parse_body(const http::Request& request) {
  Body b;
  boost::system::error_code ec;
  json::value v = json::parse(request.body, ec);
  if (ec || !v.is_object()) {
    b.error = http::Response::error(400, "invalid_json", "the body must be a JSON object");
    return b;
  }
  b.object = std::move(v.as_object());
  return b;
}

// True when the body is declared as JSON ("application/json", parameters allowed).
bool is_json(const http::Request& request) {
  std::string_view type = request.header("content-type").value_or("");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower(type);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return lower == "application/json";
}

std::string str(const json::object& o, std::string_view key, std::string fallback = {}) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : fallback;
}
std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64() && v->as_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->as_uint64());
  return std::nullopt;
}
std::optional<bool> boolean(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_bool() ? std::optional<bool>(v->as_bool()) : std::nullopt;
}
std::vector<std::string> strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& item : v->as_array()) {
      if (item.is_string()) out.emplace_back(item.as_string());
    }
  }
  return out;
}
std::vector<std::int64_t> integers(const json::object& o, std::string_view key) {
  std::vector<std::int64_t> out;
  if (auto* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& item : v->as_array()) {
      if (item.is_int64()) out.push_back(item.as_int64());
    }
  }
  return out;
}
json::array to_array(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& i : items) a.emplace_back(i);
  return a;
}

json::object user_json(const access::User& u) {
  return {{"id", u.id},
          {"organisation_id", u.organisation_id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"phone", u.phone},
          {"role", access::name_of(u.role)},
          {"language", u.language},
          {"active", u.active},
          {"second_factor_enrolled", u.second_factor_enrolled}};
}

json::object person_json(const access::User& u) {
  return {{"id", u.id}, {"display_name", u.display_name}, {"phone", u.phone}, {"email", u.email}};
}

json::object org_json(const dir::Organisation& o) {
  json::array areas;
  for (auto a : o.areas) areas.emplace_back(a);
  return {{"id", o.id},
          {"name", o.name},
          {"sector", sharing::name_of(o.sector)},
          {"secrecy", sharing::name_of(o.secrecy)},
          {"reporting_duty", o.reporting_duty},
          {"mission", sharing::name_of(o.mission)},
          {"finality", o.finality},
          {"languages", to_array(o.languages)},
          {"areas", areas},
          {"address", o.address},
          {"phone", o.phone},
          {"website", o.website}};
}

json::object topic_json(const dir::Topic& t) {
  return {{"id", t.id}, {"key", t.key}, {"labels", {{"nl", t.label_nl}, {"fr", t.label_fr}, {"en", t.label_en}}}};
}

json::object area_json(const dir::Area& a) {
  json::object o{{"id", a.id}, {"kind", dir::name_of(a.kind)}, {"name", a.name}};
  o["parent"] = a.parent ? json::value(*a.parent) : json::value(nullptr);
  return o;
}

json::object cp_json(const app::directory::ContactPointView& v) {
  json::array deputies;
  for (const auto& d : v.deputies) deputies.push_back(person_json(d));
  return {{"id", v.contact_point.id},
          {"organisation", {{"id", v.organisation.id}, {"name", v.organisation.name},
                            {"sector", sharing::name_of(v.organisation.sector)}}},
          {"topic", topic_json(v.topic)},
          {"area", area_json(v.area)},
          {"primary", person_json(v.primary)},
          {"deputies", deputies},
          {"office_hours", v.contact_point.office_hours},
          {"emergency_line", v.contact_point.emergency_line},
          {"languages", to_array(v.contact_point.languages)}};
}

json::object warning_json(const app::directory::CoverageView& w, std::string_view lang) {
  const auto& catalog = i18n::Catalog::builtin();
  json::object o{{"organisation_id", w.organisation.id}};
  if (w.warning.kind == dir::CoverageWarning::Kind::no_deputy) {
    o["kind"] = "no_deputy";
    o["contact_point_id"] = w.warning.contact_point_id;
    o["message"] = catalog.translate(lang, "directory.coverage.no_deputy",
                                     {{"topic", w.contact_point->topic.label(lang)},
                                      {"area", w.contact_point->area.name},
                                      {"person", w.contact_point->primary.display_name}});
  } else {
    o["kind"] = "overloaded_person";
    o["person_id"] = w.warning.person;
    o["count"] = w.warning.count;
    o["message"] = catalog.translate(lang, "directory.coverage.overloaded_person",
                                     {{"person", w.person ? w.person->display_name : std::string()},
                                      {"count", std::int64_t{w.warning.count}}});
  }
  return o;
}

std::string request_lang(const http::Request& request) {
  if (auto q = request.query_param("lang"); q && i18n::is_supported(*q)) return *q;
  return i18n::negotiate(request.header("accept-language").value_or(""));
}

Result<dir::Organisation> org_from(const json::object& o, dir::Organisation base) {
  if (o.contains("name")) base.name = str(o, "name");
  if (o.contains("sector")) {
    auto v = sharing::parse_term<sharing::Sector>(str(o, "sector"));
    if (!v) return fail("invalid_input", "unknown sector");
    base.sector = *v;
  }
  if (o.contains("secrecy")) {
    auto v = sharing::parse_term<sharing::Secrecy>(str(o, "secrecy"));
    if (!v) return fail("invalid_input", "secrecy must be professional, discretion or none");
    base.secrecy = *v;
  }
  if (o.contains("mission")) {
    auto v = sharing::parse_term<sharing::Mission>(str(o, "mission"));
    if (!v) return fail("invalid_input", "mission must be care, safety or both");
    base.mission = *v;
  }
  if (auto d = boolean(o, "reporting_duty")) base.reporting_duty = *d;
  if (o.contains("finality")) base.finality = str(o, "finality");
  if (o.contains("languages")) base.languages = strings(o, "languages");
  if (o.contains("areas")) base.areas = integers(o, "areas");
  if (o.contains("address")) base.address = str(o, "address");
  if (o.contains("phone")) base.phone = str(o, "phone");
  if (o.contains("website")) base.website = str(o, "website");
  return base;
}

dir::ContactPoint cp_from(const json::object& o, dir::ContactPoint base) {
  if (auto v = integer(o, "organisation_id")) base.organisation_id = *v;
  if (auto v = integer(o, "topic_id")) base.topic_id = *v;
  if (auto v = integer(o, "area_id")) base.area_id = *v;
  if (auto v = integer(o, "primary")) base.primary = *v;
  if (o.contains("deputies")) base.deputies = integers(o, "deputies");
  if (o.contains("office_hours")) base.office_hours = str(o, "office_hours");
  if (o.contains("emergency_line")) base.emergency_line = str(o, "emergency_line");
  if (o.contains("languages")) base.languages = strings(o, "languages");
  return base;
}

json::object login_json(const LoginOutcome& outcome) {
  constexpr std::string_view names[] = {"complete", "second_factor_needed", "enrolment_needed", "refused", "throttled"};
  json::object o{{"status", names[static_cast<int>(outcome.status)]}};
  if (!outcome.csrf_token.empty()) o["csrf_token"] = outcome.csrf_token;
  if (outcome.status == LoginOutcome::Status::throttled) o["retry_at_us"] = outcome.retry_at;
  return o;
}

// Turns a login outcome into a response: a cookie for a new session, 401 for refused
// (one message for unknown e-mail and wrong password), 429 with Retry-After.
http::Response login_response(const AccountsContext& ctx, const http::Request& request, const LoginOutcome& outcome,
                              std::int64_t now_us, bool second_factor = false) {
  std::string lang = request_lang(request);
  const auto& catalog = i18n::Catalog::builtin();
  if (outcome.status == LoginOutcome::Status::refused) {
    if (second_factor) {
      return http::Response::error(401, "invalid_code", catalog.translate(lang, "accounts.second_factor.refused"));
    }
    return http::Response::error(401, "invalid_credentials", catalog.translate(lang, "accounts.login.refused"));
  }
  if (outcome.status == LoginOutcome::Status::throttled) {
    std::int64_t minutes = std::max<std::int64_t>(1, (outcome.retry_at - now_us + 59'999'999) / 60'000'000);
    auto r = http::Response::error(429, "throttled",
                                   catalog.translate(lang, "accounts.login.throttled", {{"minutes", minutes}}));
    r.set_header("Retry-After", std::to_string(minutes * 60));
    return r;
  }
  auto r = ok(login_json(outcome));
  r.add_header("Set-Cookie", session_cookie(is_https(ctx, request), outcome.session_token));
  return r;
}

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The operations of this module take the caller by pointer: null for the public
// ones (scope "none": login, the second factor), which anyone may call.
class Api {
 public:
  Api(http::Router& router, http::ApiDocument& document, const AccountsContext& ctx) : ops_(router, document, ctx) {}

  void add(http::ApiOperation op, Handler handler) {
    document_account_operation(op);
    if (op.scope == "none") {
      return ops_.add_public(std::move(op), [handler](http::Request& request) { return handler(request, nullptr); });
    }
    ops_.add(std::move(op), [handler](http::Request& request, const Authenticated& who) { return handler(request, &who); });
  }

 private:
  api::Operations ops_;
};

constexpr const char* kLoginSchema =
    R"({"type":"object","required":["email","password"],"properties":{"email":{"type":"string"},"password":{"type":"string"}}})";
constexpr const char* kCodeSchema = R"({"type":"object","required":["code"],"properties":{"code":{"type":"string"}}})";
constexpr const char* kPasswordSchema =
    R"({"type":"object","required":["current","new"],"properties":{"current":{"type":"string"},"new":{"type":"string"}}})";
constexpr const char* kTokenSchema =
    R"({"type":"object","required":["name","scopes"],"properties":{"name":{"type":"string"},"scopes":{"type":"array","items":{"enum":["directory:read","directory:write","accounts:read","accounts:write","agreements:read","agreements:write","decisions:ask","audit:read"]}}}})";
constexpr const char* kOrganisationSchema =
    R"({"type":"object","properties":{"name":{"type":"string"},"sector":{"type":"string"},"secrecy":{"enum":["professional","discretion","none"]},"reporting_duty":{"type":"boolean"},"mission":{"enum":["care","safety","both"]},"finality":{"type":"string"},"languages":{"type":"array","items":{"enum":["nl","fr","en"]}},"areas":{"type":"array","items":{"type":"integer"}},"address":{"type":"string"},"phone":{"type":"string"},"website":{"type":"string"}}})";
constexpr const char* kUserSchema =
    R"({"type":"object","properties":{"email":{"type":"string"},"display_name":{"type":"string"},"phone":{"type":"string"},"role":{"enum":["platform_admin","organisation_admin","member","dpo","observer"]},"language":{"enum":["nl","fr","en"]},"active":{"type":"boolean"}}})";
constexpr const char* kResetSchema =
    R"({"type":"object","properties":{"reset_second_factor":{"type":"boolean"}}})";
constexpr const char* kTopicSchema =
    R"({"type":"object","required":["key","labels"],"properties":{"key":{"type":"string"},"labels":{"type":"object","properties":{"nl":{"type":"string"},"fr":{"type":"string"},"en":{"type":"string"}}}}})";
constexpr const char* kAreaSchema =
    R"({"type":"object","required":["kind","name"],"properties":{"kind":{"enum":["municipality","district"]},"name":{"type":"string"},"parent":{"type":"integer"}}})";
constexpr const char* kContactPointSchema =
    R"({"type":"object","properties":{"organisation_id":{"type":"integer"},"topic_id":{"type":"integer"},"area_id":{"type":"integer"},"primary":{"type":"integer"},"deputies":{"type":"array","items":{"type":"integer"}},"office_hours":{"type":"string"},"emergency_line":{"type":"string"},"languages":{"type":"array","items":{"enum":["nl","fr","en"]}}}})";

}  // namespace

void register_account_api(http::Router& router, http::ApiDocument& document, const AccountsContext& ctx) {
  Api api(router, document, ctx);
  auto* accounts = ctx.accounts;
  auto* directory = ctx.directory;
  auto* log = ctx.security_log;

  // --- session ---------------------------------------------------------------
  api.add({"POST", "/api/v1/session", "accounts", "Log in with e-mail and password", "none", {}, kLoginSchema},
          [ctx, accounts](http::Request& request, const Authenticated*) {
            // Login CSRF: a cross-site page can post text/plain or a form without a
            // preflight, never application/json; and a browser names its origin.
            if (!is_json(request)) {
              return http::Response::error(415, "unsupported_media_type", "send the login as application/json");
            }
            if (!same_origin(ctx, request)) {
              return http::Response::error(403, "cross_origin", "a login from another site is refused");
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto outcome = accounts->login(str(body.object, "email"), str(body.object, "password"),
                                           client_address(request), session_token(ctx, request));
            if (!outcome) return from_error(outcome.error());
            return login_response(ctx, request, *outcome, now_us());
          });
  api.add({"POST", "/api/v1/session/second-factor", "accounts", "Complete the login with a TOTP or recovery code",
           "none", {}, kCodeSchema},
          [ctx, accounts](http::Request& request, const Authenticated*) {
            Body body = parse_body(request);
            if (body.error) return *body.error;
            std::string token = session_token(ctx, request);
            auto who = accounts->authenticate(token);
            if (!who) return from_error(who.error());
            if (!*who) return http::Response::error(401, "not_authenticated", "log in first");
            if (!csrf_ok(**who, request)) return http::Response::error(403, "csrf", "missing or wrong X-CSRF-Token");
            auto outcome = accounts->verify_second_factor(token, str(body.object, "code"), client_address(request));
            if (!outcome) return from_error(outcome.error());
            return login_response(ctx, request, *outcome, now_us(), true);
          });
  api.add({"DELETE", "/api/v1/session", "accounts", "Log out", "accounts:write", {}, ""},
          [ctx, accounts](http::Request& request, const Authenticated* who) {
            if (who->token) return http::Response::error(400, "invalid_input", "API tokens are revoked, not logged out");
            if (auto r = accounts->logout(session_token(ctx, request), client_address(request)); !r) {
              return from_error(r.error());
            }
            auto response = ok(json::object{{"status", "logged_out"}});
            response.add_header("Set-Cookie", clear_session_cookie(is_https(ctx, request)));
            return response;
          });

  // --- own account -------------------------------------------------------------
  api.add({"GET", "/api/v1/me", "accounts", "The caller's account", "accounts:read", {}, ""},
          [](http::Request&, const Authenticated* who) {
            if (auto r = app::authorize(who->principal, access::Action::complete_second_factor); !r) {
              return from_error(r.error());
            }
            auto o = user_json(who->user);
            o["second_factor_passed"] = who->principal.second_factor_passed;
            return ok(o);
          });
  api.add({"POST", "/api/v1/me/password", "accounts", "Change the caller's password", "accounts:write", {},
           kPasswordSchema},
          [accounts](http::Request& request, const Authenticated* who) {
            Body body = parse_body(request);
            if (body.error) return *body.error;
            if (who->token) return http::Response::error(403, "forbidden", "change passwords in a browser session");
            auto r = accounts->change_password(*who, str(body.object, "current"), str(body.object, "new"),
                                               client_address(request));
            if (!r) return from_error(r.error());
            return ok(json::object{{"status", "changed"}});
          });
  api.add({"GET", "/api/v1/me/tokens", "accounts", "The caller's API tokens", "accounts:read", {}, ""},
          [accounts](http::Request&, const Authenticated* who) {
            if (auto r = app::authorize(who->principal, access::Action::manage_own_account); !r) {
              return from_error(r.error());
            }
            auto tokens = accounts->list_api_tokens(*who);
            if (!tokens) return from_error(tokens.error());
            json::array out;
            for (const auto& t : *tokens) {
              out.push_back(json::object{{"id", t.id}, {"name", t.name}, {"scopes", to_array(t.scopes)},
                                         {"created_at_us", t.created_at}, {"last_used_at_us", t.last_used_at},
                                         {"revoked", t.revoked}});
            }
            return ok(json::object{{"tokens", out}});
          });
  api.add({"POST", "/api/v1/me/tokens", "accounts", "Issue a personal API token (shown once)", "accounts:write", {},
           kTokenSchema},
          [accounts](http::Request& request, const Authenticated* who) {
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto t = accounts->create_api_token(*who, str(body.object, "name"), strings(body.object, "scopes"),
                                                client_address(request));
            if (!t) return from_error(t.error());
            return ok(json::object{{"id", t->id}, {"token", t->token}}, 201);
          });
  api.add({"DELETE", "/api/v1/me/tokens/{id}", "accounts", "Revoke one of the caller's API tokens", "accounts:write",
           {}, ""},
          [accounts](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such token");
            if (auto r = accounts->revoke_api_token(*who, *id, client_address(request)); !r) {
              return from_error(r.error());
            }
            return ok(json::object{{"status", "revoked"}});
          });

  api.add({"POST", "/api/v1/me/second-factor", "accounts",
           "Start enrolling a second factor: a new TOTP secret, its otpauth URI and QR code (SVG)",
           "accounts:write", {}, ""},
          [ctx, accounts](http::Request&, const Authenticated* who) {
            if (who->token) return http::Response::error(403, "forbidden", "enrol in a browser session");
            auto enrolment = accounts->begin_enrolment(*who);
            if (!enrolment) return from_error(enrolment.error());
            json::object o{{"secret", enrolment->secret_base32}, {"otpauth_uri", enrolment->otpauth_uri}};
            if (ctx.qr_svg) {
              auto svg = ctx.qr_svg(enrolment->otpauth_uri);
              if (svg) o["qr_svg"] = *svg;
            }
            return ok(o);
          });
  api.add({"POST", "/api/v1/me/second-factor/confirm", "accounts",
           "Confirm enrolment with the first code; returns 10 recovery codes once and renews the session",
           "accounts:write", {}, kCodeSchema},
          [ctx, accounts](http::Request& request, const Authenticated* who) {
            if (who->token) return http::Response::error(403, "forbidden", "enrol in a browser session");
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto done = accounts->confirm_enrolment(*who, str(body.object, "code"), client_address(request));
            if (!done) return from_error(done.error());
            auto o = login_json(done->login);
            o["recovery_codes"] = to_array(done->recovery_codes);
            auto response = ok(o);
            response.add_header("Set-Cookie", session_cookie(is_https(ctx, request), done->login.session_token));
            return response;
          });

  // --- organisations and users -----------------------------------------------
  api.add({"GET", "/api/v1/organisations", "directory", "Every partner organisation", "directory:read", {}, ""},
          [directory](http::Request&, const Authenticated* who) {
            auto orgs = directory->organisations(who->principal);
            if (!orgs) return from_error(orgs.error());
            json::array out;
            for (const auto& o : *orgs) out.push_back(org_json(o));
            return ok(json::object{{"organisations", out}});
          });
  api.add({"POST", "/api/v1/organisations", "directory", "Add a partner organisation (platform admin)",
           "directory:write", {}, kOrganisationSchema},
          [directory](http::Request& request, const Authenticated* who) {
            if (auto r = app::authorize(who->principal, access::Action::create_organisation); !r) {
              return from_error(r.error());
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto o = org_from(body.object, {});
            if (!o) return from_error(o.error());
            auto id = directory->create_organisation(who->principal, *o, audit_origin(request));
            if (!id) return from_error(id.error());
            o->id = *id;
            return ok(org_json(*o), 201);
          });
  api.add({"GET", "/api/v1/organisations/{id}", "directory",
           "Partner profile: what it is for, what it can and cannot share, its contact points", "directory:read",
           {"lang"}, ""},
          [directory](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such organisation");
            auto profile = directory->profile(who->principal, *id);
            if (!profile) return from_error(profile.error());
            std::string lang = request_lang(request);
            const auto& catalog = i18n::Catalog::builtin();
            json::array statements;
            for (const auto& s : profile->statements) {
              statements.push_back(json::object{
                  {"kind", dir::name_of(s.kind)},
                  {"key", s.key},
                  {"text", catalog.translate(lang, "directory.profile." + std::string(s.key),
                                             {{"name", profile->organisation.name}})}});
            }
            json::array cps;
            for (const auto& c : profile->contact_points) cps.push_back(cp_json(c));
            auto o = org_json(profile->organisation);
            o["statements"] = statements;
            o["contact_points"] = cps;
            return ok(o);
          });
  api.add({"PUT", "/api/v1/organisations/{id}", "directory", "Edit a partner profile", "directory:write", {},
           kOrganisationSchema},
          [directory](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such organisation");
            if (auto r = app::authorize(who->principal, access::Action::edit_organisation, {*id, {}}); !r) {
              return from_error(r.error());
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto current = directory->profile(who->principal, *id);
            if (!current) return from_error(current.error());
            auto o = org_from(body.object, current->organisation);
            if (!o) return from_error(o.error());
            o->id = *id;
            if (auto r = directory->update_organisation(who->principal, *o, audit_origin(request)); !r) return from_error(r.error());
            return ok(org_json(*o));
          });
  api.add({"GET", "/api/v1/organisations/{id}/users", "accounts", "The users of an organisation", "accounts:read",
           {}, ""},
          [accounts](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such organisation");
            if (auto r = app::authorize(who->principal, access::Action::view_users, {*id, {}}); !r) {
              return from_error(r.error());
            }
            auto users = accounts->list_users(*id);
            if (!users) return from_error(users.error());
            json::array out;
            for (const auto& u : *users) out.push_back(user_json(u));
            return ok(json::object{{"users", out}});
          });
  api.add({"POST", "/api/v1/organisations/{id}/users", "accounts",
           "Create a user; the initial password is returned once", "accounts:write", {}, kUserSchema},
          [accounts](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such organisation");
            if (auto r = app::authorize(who->principal, access::Action::manage_users, {*id, {}}); !r) {
              return from_error(r.error());
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            access::User u;
            u.organisation_id = *id;
            u.email = str(body.object, "email");
            u.display_name = str(body.object, "display_name");
            u.phone = str(body.object, "phone");
            u.language = str(body.object, "language", "nl");
            auto role = access::parse_role(str(body.object, "role", "member"));
            if (!role) return http::Response::error(400, "invalid_input", "unknown role");
            u.role = *role;
            auto created = accounts->create_user(who->principal, u, client_address(request));
            if (!created) return from_error(created.error());
            return ok(json::object{{"id", created->id}, {"initial_password", created->initial_password}}, 201);
          });
  api.add({"PATCH", "/api/v1/users/{id}", "accounts", "Change a user's name, phone, language, role or active flag",
           "accounts:write", {}, kUserSchema},
          [accounts](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such user");
            auto existing = accounts->find_user(*id);
            if (!existing) return from_error(existing.error());
            if (!*existing) return http::Response::error(404, "not_found", "no such user");
            if (auto r = app::authorize(who->principal, access::Action::manage_users,
                                        {(*existing)->organisation_id, (*existing)->role, (*existing)->role});
                !r) {
              return from_error(r.error());
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            access::User u = **existing;
            u.display_name = str(body.object, "display_name", u.display_name);
            u.phone = str(body.object, "phone", u.phone);
            u.language = str(body.object, "language", u.language);
            if (body.object.contains("role")) {
              auto role = access::parse_role(str(body.object, "role"));
              if (!role) return http::Response::error(400, "invalid_input", "unknown role");
              u.role = *role;
            }
            if (auto a = boolean(body.object, "active")) u.active = *a;
            auto updated = accounts->update_user(who->principal, u, client_address(request));
            if (!updated) return from_error(updated.error());
            return ok(user_json(*updated));
          });
  api.add({"POST", "/api/v1/users/{id}/password-reset", "accounts",
           "Reset a user's password (and optionally second factor); the new password is returned once",
           "accounts:write", {}, kResetSchema},
          [accounts](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such user");
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto password = accounts->reset_password(who->principal, *id,
                                                     boolean(body.object, "reset_second_factor").value_or(false),
                                                     client_address(request));
            if (!password) return from_error(password.error());
            return ok(json::object{{"temporary_password", *password}});
          });

  // --- coverage and security events -----------------------------------------------
  auto coverage = [directory](http::Request& request, const Authenticated* who,
                              std::optional<dir::OrganisationId> org) {
    auto warnings = directory->coverage(who->principal, org);
    if (!warnings) return from_error(warnings.error());
    std::string lang = request_lang(request);
    json::array out;
    for (const auto& w : *warnings) out.push_back(warning_json(w, lang));
    return ok(json::object{{"warnings", out}});
  };
  api.add({"GET", "/api/v1/organisations/{id}/coverage", "directory",
           "Coverage warnings of one organisation (no deputy, white ravens)", "directory:read", {"lang"}, ""},
          [coverage](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such organisation");
            return coverage(request, who, *id);
          });
  api.add({"GET", "/api/v1/coverage", "directory", "Coverage warnings of every organisation (coordinator overview)",
           "directory:read", {"lang"}, ""},
          [coverage](http::Request& request, const Authenticated* who) { return coverage(request, who, std::nullopt); });
  api.add({"GET", "/api/v1/security-events", "accounts",
           "Recent logins, failures, lockouts and rights changes (DPO: own organisation)", "accounts:read",
           {"organisation"}, ""},
          [log](http::Request& request, const Authenticated* who) {
            std::optional<access::OrganisationId> org;
            if (auto q = request.query_param("organisation")) {
              org = parse_id(*q);
              if (!org) return http::Response::error(400, "invalid_input", "organisation must be an id");
            }
            if (auto r = app::authorize(who->principal, access::Action::view_security_log, {org, {}}); !r) {
              return from_error(r.error());
            }
            auto events = log->recent(org, 200);
            if (!events) return from_error(events.error());
            json::array out;
            for (const auto& e : *events) {
              json::object o{{"id", e.id}, {"at_us", e.at.time_since_epoch().count()}, {"kind", e.kind},
                             {"address", e.address}, {"detail", e.detail}};
              o["actor"] = e.actor ? json::value(*e.actor) : json::value(nullptr);
              o["subject"] = e.subject ? json::value(*e.subject) : json::value(nullptr);
              o["organisation"] = e.organisation ? json::value(*e.organisation) : json::value(nullptr);
              out.push_back(o);
            }
            return ok(json::object{{"events", out}});
          });

  // --- topics and areas -------------------------------------------------------------
  api.add({"GET", "/api/v1/topics", "directory", "Contact-point topics", "directory:read", {}, ""},
          [directory](http::Request&, const Authenticated* who) {
            auto topics = directory->topics(who->principal);
            if (!topics) return from_error(topics.error());
            json::array out;
            for (const auto& t : *topics) out.push_back(topic_json(t));
            return ok(json::object{{"topics", out}});
          });
  api.add({"POST", "/api/v1/topics", "directory", "Add a topic (platform admin)", "directory:write", {}, kTopicSchema},
          [directory](http::Request& request, const Authenticated* who) {
            if (auto r = app::authorize(who->principal, access::Action::manage_topics); !r) {
              return from_error(r.error());
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            dir::Topic t;
            t.key = str(body.object, "key");
            if (auto* labels = body.object.if_contains("labels"); labels && labels->is_object()) {
              t.label_nl = str(labels->as_object(), "nl");
              t.label_fr = str(labels->as_object(), "fr");
              t.label_en = str(labels->as_object(), "en");
            }
            auto id = directory->create_topic(who->principal, t, audit_origin(request));
            if (!id) return from_error(id.error());
            t.id = *id;
            return ok(topic_json(t), 201);
          });
  api.add({"GET", "/api/v1/areas", "directory", "Municipalities and districts", "directory:read", {}, ""},
          [directory](http::Request&, const Authenticated* who) {
            auto areas = directory->areas(who->principal);
            if (!areas) return from_error(areas.error());
            json::array out;
            for (const auto& a : *areas) out.push_back(area_json(a));
            return ok(json::object{{"areas", out}});
          });
  api.add({"POST", "/api/v1/areas", "directory", "Add a municipality or district (platform admin)",
           "directory:write", {}, kAreaSchema},
          [directory](http::Request& request, const Authenticated* who) {
            if (auto r = app::authorize(who->principal, access::Action::manage_areas); !r) {
              return from_error(r.error());
            }
            Body body = parse_body(request);
            if (body.error) return *body.error;
            dir::Area a;
            auto kind = dir::parse_area_kind(str(body.object, "kind"));
            if (!kind) return http::Response::error(400, "invalid_input", "kind must be municipality or district");
            a.kind = *kind;
            a.name = str(body.object, "name");
            if (auto p = integer(body.object, "parent")) a.parent = *p;
            auto id = directory->create_area(who->principal, a, audit_origin(request));
            if (!id) return from_error(id.error());
            a.id = *id;
            return ok(area_json(a), 201);
          });

  // --- contact points -----------------------------------------------------------------
  api.add({"GET", "/api/v1/contact-points", "directory", "Directory search: whom to call about a topic in an area",
           "directory:read", {"topic", "area", "sector", "language",
            http::QueryParameter("limit", "at most this many contact points, 1 to 1000 (default 500)", "", false, "integer"),
            http::QueryParameter("after", "the next page: the `next` of the previous answer", "", false, "integer")}, ""},
          [directory](http::Request& request, const Authenticated* who) {
            dir::SearchFilter filter;
            if (auto q = request.query_param("topic"); q && !q->empty()) {
              auto topics = directory->topics(who->principal);
              if (!topics) return from_error(topics.error());
              for (const auto& t : *topics) {
                if (t.key == *q || std::to_string(t.id) == *q) filter.topic = t.id;
              }
              if (!filter.topic) return http::Response::error(400, "invalid_input", "unknown topic");
            }
            if (auto q = request.query_param("area"); q && !q->empty()) {
              filter.area = parse_id(*q);
              if (!filter.area) return http::Response::error(400, "invalid_input", "area must be an id");
            }
            if (auto q = request.query_param("sector"); q && !q->empty()) {
              filter.sector = sharing::parse_term<sharing::Sector>(*q);
              if (!filter.sector) return http::Response::error(400, "invalid_input", "unknown sector");
            }
            if (auto q = request.query_param("language"); q && !q->empty()) {
              if (!i18n::is_supported(*q)) return http::Response::error(400, "invalid_input", "unknown language");
              filter.language = *q;
            }
            // Keyset pages by contact point id (issue 21; docs/storage.md).
            std::size_t limit = app::directory::DirectoryService::kDefaultSearchPage;
            if (auto q = request.query_param("limit"); q && !q->empty()) {
              auto n = parse_id(*q);
              if (!n || *n > static_cast<std::int64_t>(app::directory::DirectoryService::kMaxSearchPage)) {
                return http::Response::error(400, "invalid_input", "limit must be between 1 and 1000");
              }
              limit = static_cast<std::size_t>(*n);
            }
            dir::ContactPointId after = 0;
            if (auto q = request.query_param("after"); q && !q->empty()) {
              auto n = parse_id(*q);
              if (!n) return http::Response::error(400, "invalid_input", "after must be a contact point id");
              after = *n;
            }
            auto page = directory->search_page(who->principal, filter, after, limit);
            if (!page) return from_error(page.error());
            json::array out;
            for (const auto& h : page->hits) out.push_back(cp_json(h));
            json::object body{{"contact_points", out}};
            if (page->next) body.emplace("next", static_cast<std::int64_t>(*page->next));
            return ok(body);
          });
  api.add({"POST", "/api/v1/contact-points", "directory", "Add a contact point", "directory:write", {},
           kContactPointSchema},
          [directory](http::Request& request, const Authenticated* who) {
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto cp = cp_from(body.object, {});
            if (auto r = app::authorize(who->principal, access::Action::manage_contact_points,
                                        {cp.organisation_id, {}});
                !r) {
              return from_error(r.error());
            }
            auto id = directory->save_contact_point(who->principal, cp, audit_origin(request));
            if (!id) return from_error(id.error());
            auto view = directory->contact_point(who->principal, *id);
            if (!view) return from_error(view.error());
            return ok(cp_json(*view), 201);
          });
  api.add({"GET", "/api/v1/contact-points/{id}", "directory", "One contact point", "directory:read", {}, ""},
          [directory](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such contact point");
            auto view = directory->contact_point(who->principal, *id);
            if (!view) return from_error(view.error());
            return ok(cp_json(*view));
          });
  api.add({"PUT", "/api/v1/contact-points/{id}", "directory", "Change a contact point", "directory:write", {},
           kContactPointSchema},
          [directory](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such contact point");
            Body body = parse_body(request);
            if (body.error) return *body.error;
            auto current = directory->contact_point(who->principal, *id);
            if (!current) return from_error(current.error());
            if (auto r = app::authorize(who->principal, access::Action::manage_contact_points,
                                        {current->contact_point.organisation_id, {}});
                !r) {
              return from_error(r.error());
            }
            auto cp = cp_from(body.object, current->contact_point);
            cp.id = *id;
            auto saved = directory->save_contact_point(who->principal, cp, audit_origin(request));
            if (!saved) return from_error(saved.error());
            auto view = directory->contact_point(who->principal, *id);
            if (!view) return from_error(view.error());
            return ok(cp_json(*view));
          });
  api.add({"DELETE", "/api/v1/contact-points/{id}", "directory", "Remove a contact point", "directory:write", {}, ""},
          [directory](http::Request& request, const Authenticated* who) {
            auto id = parse_id(request.param("id"));
            if (!id) return http::Response::error(404, "not_found", "no such contact point");
            if (auto r = directory->delete_contact_point(who->principal, *id, audit_origin(request)); !r) return from_error(r.error());
            return ok(json::object{{"status", "deleted"}});
          });
}

}  // namespace tafel::web
