#pragma once
// What the JSON API of consultation tables (web/tables/*_api.cc) shares: the path ids,
// the body, the JSON form of the domain (table_json.cc), the operation helper and the
// request schemas. Not a public header: include it only from web/tables/*.cc.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "app/tables/table_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/api_support.h"

namespace tafel::web::table_api {

namespace json = boost::json;
namespace tb = tafel::tables;
using app::accounts::Authenticated;
using app::tables::Caller;
using app::tables::TableService;

using Handler = std::function<http::Response(http::Request&, const Caller&)>;

// The problem answer for a failure of the tables service (table_status_for).
http::Response from_error(const Error& e);

using api::ok;

// An iCalendar answer, never stored.
http::Response calendar(std::string text);

using api::parse_id;

// The ids in the path: table, meeting, item, action ("0" when absent).
struct Ids {
  std::int64_t table = 0, meeting = 0, item = 0, action = 0, feedback = 0;
  bool valid = true;
};
Ids ids_of(const http::Request& request);

// The request's body as a JSON object; `valid` is false when it is not one.
json::object body_of(const http::Request& request, bool& valid);

// The string, or the integer, at `key` of `o`; empty, or `fallback`, when absent or
// of another type.
std::string str(const json::object& o, std::string_view key);
std::int64_t integer(const json::object& o, std::string_view key, std::int64_t fallback = 0);

// --- JSON of the domain (table_json.cc) ---------------------------------------

json::array ids_json(const std::vector<std::int64_t>& ids);
json::object item_json(const tb::AgendaItem& i);
// A feedback form; the explanation of a refusal in `lang` (nl, fr or en), as lines.
json::object feedback_json(const tb::FeedbackForm& f, std::string_view lang = "en");
json::object action_json(const tb::ActionItem& a);
json::object meeting_json(const tb::Meeting& m, int secrecy_version);
json::object table_json(const tb::Table& t);
// The same without "meetings" and "actions": a table's head, as lists answer it.
json::object table_summary_json(const tb::Table& t);

// A draft from a body; fails with invalid_input naming the field.
Result<app::tables::TableDraft> draft_of(const json::object& o);

// The local time at `key` of `o`; fails with invalid_time naming the field.
Result<tb::LocalTime> local_of(const json::object& o, std::string_view key);

// --- operations -------------------------------------------------------------

class Api {
 public:
  Api(http::Router& router, http::ApiDocument& document, const AccountsContext& ctx) : ops_(router, document, ctx) {}

  // An authenticated operation: browser sessions only (no API-token scope for tables
  // yet; api::Operations checks the caller and CSRF), then the path ids.
  void add(http::ApiOperation op, Handler handler) {
    op.tag = "tables";
    op.scope = std::string(api::kSessionOnly);
    op.errors = {409, 422, 503};  // table_status_for
    ops_.add(std::move(op), [handler](http::Request& request, const Authenticated& a) {
      if (!ids_of(request).valid) return http::Response::error(404, "not_found", "no such record");
      return handler(request, Caller{a.principal, audit_origin(request)});
    });
  }

  // A body-reading operation.
  void add_with_body(http::ApiOperation op,
                     std::function<http::Response(http::Request&, const Caller&, const json::object&)> handler) {
    add(std::move(op), [handler](http::Request& request, const Caller& caller) {
      bool valid = false;
      json::object body = body_of(request, valid);
      if (!valid) return http::Response::error(400, "invalid_json", "the body must be a JSON object");
      return handler(request, caller, body);
    });
  }

 private:
  api::Operations ops_;
};

// An operation of the document: `schema` is the JSON schema of its body, if any.
http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "");

template <typename T, typename ToJson>
http::Response answer(const Result<T>& r, ToJson&& to_json, int status = 200) {
  if (!r) return from_error(r.error());
  return ok(to_json(*r), status);
}
// {"ok": true}, or the problem of the failure.
http::Response done(const Result<void>& r);

inline constexpr const char* kTableSchema =
    R"({"type":"object","required":["name","members"],"properties":{"name":{"type":"string","examples":["Overleg Noordwijk"]},"kind":{"enum":["thematic","case_consultation","mixed"]},"basis":{"enum":["none","agreement","law","decree","ordinance","prosecutor_authorisation"]},"basis_reference":{"type":"string","examples":["Decreet van 17 juli 2020, art. 5"]},"basis_document":{"type":"string","description":"where the text of the basis is: a URL or file reference","examples":["https://nethegem.example/basis.pdf"]},"finality":{"type":"array","items":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]}},"finality_statement":{"type":"string","examples":["Samen de overlast in Noordwijk aanpakken"]},"agreement":{"type":"string","description":"id of the linked collaboration agreement, or empty","examples":[""]},"case_retention_days":{"type":["integer","null"],"minimum":1,"maximum":36500,"examples":[730],"description":"days a closed case and everything on it are kept after closure; null: kept until a period is set"},"members":{"type":"array","items":{"type":"integer"},"description":"the member organisations","examples":[[1,4,5]]},"delegates":{"type":"array","items":{"type":"object","properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"role":{"enum":["chair","secretary","delegate"]}}},"examples":[[{"user":1,"organisation":1,"role":"chair"}]]},"secrecy_text":{"type":"string","examples":["Wat hier gedeeld wordt, blijft aan deze tafel."]}}})";
inline constexpr const char* kSeriesSchema =
    R"({"type":"object","required":["rule","start"],"properties":{"rule":{"type":"string","description":"RFC 5545 RRULE value","examples":["FREQ=MONTHLY;BYDAY=1TU"]},"start":{"type":"string","description":"local time YYYY-MM-DDTHH:MM, Europe/Brussels","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$","examples":["2030-01-08T14:00"]},"duration_minutes":{"type":"integer","examples":[90]},"venue":{"type":"string","examples":["Stadhuis, zaal 2"]},"video_link":{"type":"string","examples":["https://meet.nethegem.example/overleg"]}}})";
inline constexpr const char* kMeetingSchema =
    R"({"type":"object","required":["start"],"properties":{"start":{"type":"string","description":"local time YYYY-MM-DDTHH:MM, Europe/Brussels","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$","examples":["2030-02-05T14:00"]},"duration_minutes":{"type":"integer","examples":[90]},"venue":{"type":"string","examples":["Stadhuis, zaal 2"]},"video_link":{"type":"string","examples":[""]}}})";
inline constexpr const char* kItemSchema =
    R"({"type":"object","required":["kind","title"],"properties":{"kind":{"enum":["information","decision","situation","case"]},"title":{"type":"string","examples":["Overlast aan het station"]},"time_box_minutes":{"type":"integer","examples":[15]},"owner_user":{"type":"integer","description":"0 or absent: none"},"owner_organisation":{"type":"integer","description":"0 or absent: none"},"carried_over_from":{"type":"integer","description":"the item this one continues; 0 or absent: none"},"case_id":{"type":"integer","description":"for a case item: the case; 0 or absent otherwise"}}})";
inline constexpr const char* kAttendanceSchema =
    R"({"type":"object","required":["user","organisation"],"properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"presence":{"enum":["present","excused","absent"]}}})";
inline constexpr const char* kTextSchema = R"({"type":"object","required":["text"],"properties":{"text":{"type":"string","examples":["Extra patrouilles op vrijdagavond"]},"item_id":{"type":"integer","description":"the agenda item; 0 or absent: none"}}})";
inline constexpr const char* kActionSchema =
    R"({"type":"object","required":["description","owner_organisation","due"],"properties":{"description":{"type":"string","examples":["Contact opnemen met de huisvestingsmaatschappij"]},"owner_organisation":{"type":"integer","examples":[1]},"owner_user":{"type":"integer","description":"0 or absent: anyone of the organisation"},"due":{"type":"string","format":"date","examples":["2030-03-01"]},"item_id":{"type":"integer","description":"the agenda item; 0 or absent: none"}}})";
inline constexpr const char* kMinutesSchema =
    R"({"type":"object","required":["markdown"],"properties":{"markdown":{"type":"string","examples":["## Aanwezig\n\nPolitie, OCMW, CAW\n\n## Besluiten\n\n- Extra patrouilles"]},"reason":{"type":"string","description":"for a correction: why","examples":["Typfout in de lijst van aanwezigen"]}}})";
inline constexpr const char* kStatusSchema = R"({"type":"object","required":["status"],"properties":{"status":{"enum":["open","done","cancelled"]}}})";
inline constexpr const char* kCarrySchema = R"({"type":"object","required":["carry"],"properties":{"carry":{"type":"boolean"}}})";
inline constexpr const char* kDeclineSchema =
    R"({"type":"object","properties":{"reason":{"enum":["none","professional_secrecy","no_ground","not_relevant","other"],"description":"a neutral reason code; no free text"}}})";
inline constexpr const char* kFeedbackSchema =
    R"({"type":"object","required":["recipient","item_ids","text","categories","purpose"],"properties":{"recipient":{"type":"integer","description":"a police or prosecution organisation","examples":[1]},"item_ids":{"type":"array","items":{"type":"integer"},"description":"agenda items of the meeting the feedback is about"},"text":{"type":"string","examples":["De situatie aan het station is besproken; er volgt een gezamenlijke aanpak."]},"categories":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]}},"purpose":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]}}})";
inline constexpr const char* kConsentSchema = R"({"type":"object","required":["consent"],"properties":{"consent":{"type":"boolean"}}})";
inline constexpr const char* kMinutesUsedSchema = R"({"type":"object","required":["minutes"],"properties":{"minutes":{"type":"integer","minimum":0,"examples":[12]}}})";

// The routes of each file, registered by register_table_routes (table_api.cc).
void register_meeting_routes(Api& api, TableService* s);
void register_feedback_routes(Api& api, TableService* s);

}  // namespace tafel::web::table_api
