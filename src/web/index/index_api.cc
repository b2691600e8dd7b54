#include <boost/json.hpp>

#include "web/api_support.h"
#include "web/index/index_routes.h"
#include "web/json_fields.h"

namespace tafel::web {

namespace json = boost::json;
namespace ix = app::index;
using app::accounts::Authenticated;
using json_fields::integer;
using json_fields::str;

namespace {

http::Response from_error(const Error& e) { return http::Response::error(index_status_for(e), e.code, e.message); }

ix::Caller caller_of(http::Request& r, const Authenticated& a) { return ix::Caller{a.principal, audit_origin(r)}; }

json::object signal_json(const ix::SignalView& s) {
  return {{"id", s.id},
          {"contact_point", s.contact_point},
          {"since", s.since},
          {"ground", ix::name_of(s.ground)},
          {"consent", s.consent_id},
          {"statute", s.statute},
          {"by_number", s.by_number},
          {"by_name", s.by_name},
          {"state", ix::name_of(s.state)},
          {"registered_at_us", s.registered_at_us},
          {"inactive_at_us", s.inactive_at_us},
          {"delete_at_us", s.delete_at_us}};
}

json::object match_json(const ix::MatchView& m) {
  json::object o{{"id", m.id},
                 {"my_signal", m.my_signal},
                 {"certainty", ix::name_of(m.certainty)},
                 {"status", m.status},
                 {"my_answer", ix::name_of(m.mine)},
                 {"their_answer", ix::name_of(m.theirs)},
                 {"created_at_us", m.created_at_us}};
  if (m.other) {
    o["other"] = json::object{{"organisation", m.other->organisation},
                              {"contact_point", m.other->contact_point},
                              {"person", m.other->person},
                              {"email", m.other->email},
                              {"phone", m.other->phone},
                              {"emergency_line", m.other->emergency_line},
                              {"office_hours", m.other->office_hours}};
  }
  return o;
}

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  o.tag = "index";
  o.scope = std::string(api::kSessionOnly);
  return o;
}

constexpr const char* kSignalSchema =
    R"json({"type":"object","required":["contact_point","since","ground"],"properties":{"contact_point":{"type":"integer","description":"a contact point of the caller's organisation"},"since":{"type":"string","format":"date","description":"involved since"},"ground":{"enum":["consent","statute"]},"consent":{"type":"integer","description":"with ground consent: a consent your organisation recorded, given and valid today"},"statute":{"type":"string","description":"with ground statute: a statutory basis configured for the index"},"number":{"type":"string","description":"a national register or BIS number (kept only as a keyed hash)"},"given":{"type":"string"},"family":{"type":"string"},"birth_date":{"type":"string","format":"date"},"place":{"type":"string","description":"place of birth, optional"}}})json";

}  // namespace

int index_status_for(const Error& error) { return status_for(error); }

void register_index_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                        ix::IndexService& service) {
  auto ops = std::make_shared<api::Operations>(router, document, context);
  ix::IndexService* s = &service;
  auto add = [ops](http::ApiOperation o, api::RecordHandler handler, std::string not_found) {
    ops->add(std::move(o), api::with_record(std::move(handler), std::move(not_found)));
  };

  add(op("GET", "/api/v1/index/signals", "The signals of the caller's organisation, newest first"),
      [s](http::Request& r, const Authenticated& a, std::int64_t, const json::object&) {
        auto list = s->signals(caller_of(r, a));
        if (!list) return from_error(list.error());
        json::array out;
        for (const auto& x : *list) out.push_back(signal_json(x));
        return api::ok(json::object{{"signals", out}});
      },
      "no such signal");
  // The example registers, under a statute, the demo city's police youth contact
  // point (the first contact point a fresh demo city has) for a made-up child.
  add(http::with_example(
          http::created(op("POST", "/api/v1/index/signals",
                           "Register that the caller's organisation is involved with a person (the answer never says "
                           "whether another organisation is; match notices arrive in the inbox)",
                           kSignalSchema)),
          R"({"contact_point":1,"since":"2026-11-02","ground":"statute","statute":"youth_care_decree",)"
          R"("given":"Marie","family":"Peeters","birth_date":"2012-09-27"})"),
      [s](http::Request& r, const Authenticated& a, std::int64_t, const json::object& o) {
        ix::SignalDraft d;
        d.contact_point = integer(o, "contact_point");
        d.since = str(o, "since");
        // An unknown ground reaches the service as a statute no list holds: it is
        // refused there, after the caller's rights (a refusal first says 403).
        auto ground = ix::parse_ground_kind(str(o, "ground"));
        d.ground = ground.value_or(ix::GroundKind::statute);
        d.consent_id = integer(o, "consent");
        if (ground) d.statute = str(o, "statute");
        d.identity = {str(o, "number"), str(o, "given"), str(o, "family"), str(o, "birth_date"), str(o, "place")};
        auto signal = s->register_signal(caller_of(r, a), std::move(d));
        if (!signal) return from_error(signal.error());
        return api::ok(signal_json(*signal), 201);
      },
      "no such signal");
  add(op("DELETE", "/api/v1/index/signals/{id}", "Withdraw a signal of the caller's organisation (and its matches)"),
      [s](http::Request& r, const Authenticated& a, std::int64_t id, const json::object&) {
        auto done = s->withdraw(caller_of(r, a), id);
        if (!done) return from_error(done.error());
        return api::ok(json::object{{"ok", true}});
      },
      "no such signal");
  add(op("GET", "/api/v1/index/matches",
         "The matches of the caller's organisation's signals; the other's contact point only when certain or "
         "confirmed by both"),
      [s](http::Request& r, const Authenticated& a, std::int64_t, const json::object&) {
        auto list = s->matches(caller_of(r, a));
        if (!list) return from_error(list.error());
        json::array out;
        for (const auto& x : *list) out.push_back(match_json(x));
        return api::ok(json::object{{"matches", out}});
      },
      "no such match");
  for (bool confirm : {true, false}) {
    add(op("POST", std::string("/api/v1/index/matches/{id}/") + (confirm ? "confirm" : "reject"),
           confirm ? "Confirm a possible match for the caller's side" : "Reject a possible match"),
        [s, confirm](http::Request& r, const Authenticated& a, std::int64_t id, const json::object&) {
          auto m = s->answer(caller_of(r, a), id, confirm);
          if (!m) return from_error(m.error());
          return api::ok(match_json(*m));
        },
        "no such match");
  }
  document_index_answers(document);
}

}  // namespace tafel::web
