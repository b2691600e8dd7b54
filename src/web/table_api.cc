#include "web/table_api.h"
#include "web/api_support.h"

#include <boost/json.hpp>
#include <charconv>

#include "i18n/sharing_explanation.h"

namespace tafel::web {

namespace json = boost::json;
namespace tb = tafel::tables;
using app::accounts::Authenticated;
using app::tables::Caller;
using app::tables::TableService;

namespace {

using Handler = std::function<http::Response(http::Request&, const Caller&)>;

http::Response from_error(const Error& e) { return http::Response::error(table_status_for(e), e.code, e.message); }

using api::ok;

http::Response calendar(std::string text) {
  http::Response r = http::Response::text(200, std::move(text));
  r.set_header("Content-Type", "text/calendar; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  return r;
}

using api::parse_id;

// The ids in the path: table, meeting, item, action ("0" when absent).
struct Ids {
  std::int64_t table = 0, meeting = 0, item = 0, action = 0, feedback = 0;
  bool valid = true;
};
Ids ids_of(const http::Request& request) {
  Ids ids;
  auto take = [&](const char* name, std::int64_t& out) {
    const std::string& text = request.param(name);
    if (text.empty()) return;
    auto v = parse_id(text);
    if (!v) ids.valid = false;
    else out = *v;
  };
  take("id", ids.table);
  take("meeting", ids.meeting);
  take("item", ids.item);
  take("action", ids.action);
  take("feedback", ids.feedback);
  return ids;
}

json::object body_of(const http::Request& request, bool& valid) {
  boost::system::error_code ec;
  json::value v = json::parse(request.body.empty() ? std::string_view("{}") : std::string_view(request.body), ec);
  valid = !ec && v.is_object();
  return valid ? std::move(v.as_object()) : json::object();
}

std::string str(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::int64_t integer(const json::object& o, std::string_view key, std::int64_t fallback = 0) {
  auto* v = o.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64() && v->as_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->as_uint64());
  return fallback;
}

// --- JSON of the domain ------------------------------------------------------

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

json::object item_json(const tb::AgendaItem& i) {
  return {{"id", i.id},
          {"kind", tb::name_of(i.kind)},
          {"quick", tb::is_quick(i.kind)},
          {"title", i.title},
          {"time_box_minutes", i.time_box_minutes},
          {"minutes_used", i.minutes_used},
          {"owner_user", i.owner_user},
          {"owner_organisation", i.owner_organisation},
          {"carried_over_from", i.carried_over_from},
          {"carry_over", i.carry_over}};
}

json::array category_names(sharing::CategorySet set) {
  json::array a;
  set.for_each([&](sharing::Category c) { a.emplace_back(sharing::name_of(c)); });
  return a;
}

// A feedback form; the explanation of a refusal in `lang` (nl, fr or en), as lines.
json::object feedback_json(const tb::FeedbackForm& f, std::string_view lang = "en") {
  json::array answers, disclosures, explanation;
  for (const auto& a : f.answers) {
    answers.push_back(json::object{{"organisation", a.organisation}, {"user", a.user}, {"consent", a.consent}});
  }
  for (const auto& d : f.disclosures) {
    disclosures.push_back(json::object{{"origin", d.origin}, {"ground", d.ground}, {"rule", d.rule}});
  }
  if (f.blocked_reason == "not_shared") {
    for (auto& line : i18n::render_explanation_lines(f.explanation, lang)) explanation.emplace_back(line);
  }
  return {{"id", f.id},
          {"recipient", f.recipient},
          {"item_ids", ids_json(f.item_ids)},
          {"text", f.text},
          {"categories", category_names(f.categories)},
          {"purpose", sharing::name_of(f.purpose)},
          {"state", tb::name_of(f.state)},
          {"answers", answers},
          {"pending", ids_json(f.state == tb::FeedbackState::awaiting_consent ? tb::pending_answers(f)
                                                                               : std::vector<std::int64_t>{})},
          {"disclosures", disclosures},
          {"blocked_reason", f.blocked_reason},
          {"blocked_by", f.blocked_by},
          {"explanation", explanation},
          {"sent_at_us", f.sent_at_us}};
}

json::object action_json(const tb::ActionItem& a) {
  return {{"id", a.id},
          {"meeting_id", a.meeting_id},
          {"item_id", a.item_id},
          {"description", a.description},
          {"owner_organisation", a.owner_organisation},
          {"owner_user", a.owner_user},
          {"due", a.due},
          {"status", tb::name_of(a.status)},
          {"done_on", a.done_on}};
}

json::object meeting_json(const tb::Meeting& m, int secrecy_version) {
  json::array agenda, attendance, acknowledgements, decisions, versions;
  for (const auto& i : m.agenda) agenda.push_back(item_json(i));
  for (const auto& a : m.attendance) {
    attendance.push_back(
        json::object{{"user", a.user}, {"organisation", a.organisation}, {"presence", tb::name_of(a.presence)}});
  }
  for (const auto& a : m.acknowledgements) {
    acknowledgements.push_back(json::object{{"user", a.user},
                                            {"organisation", a.organisation},
                                            {"version", a.version},
                                            {"current", a.version == secrecy_version}});
  }
  for (const auto& d : m.decisions) decisions.push_back(json::object{{"id", d.id}, {"item_id", d.item_id}, {"text", d.text}});
  json::array declined, feedback;
  for (const auto& d : m.declined) {
    declined.push_back(
        json::object{{"item_id", d.item_id}, {"organisation", d.organisation}, {"reason", tb::name_of(d.reason)}});
  }
  for (const auto& f : m.feedback) feedback.push_back(feedback_json(f));
  for (const auto& v : m.minutes.versions()) {
    versions.push_back(json::object{{"number", v.number},
                                    {"markdown", v.markdown},
                                    {"reason", v.reason},
                                    {"drafted_by", v.drafted_by},
                                    {"approvals", ids_json(v.approvals)},
                                    {"frozen", v.frozen}});
  }
  return {{"id", m.id},
          {"series_id", m.series_id},
          {"local_start", tb::format_local_time(m.local_start)},
          {"original_start", tb::format_local_time(m.original_start)},
          {"starts_at_us", m.starts_at_us},
          {"ends_at_us", m.ends_at_us},
          {"venue", m.venue},
          {"video_link", m.video_link},
          {"status", tb::name_of(m.status)},
          {"agenda", agenda},
          {"attendance", attendance},
          {"attending_organisations", ids_json(m.attending_organisations())},
          {"acknowledgements", acknowledgements},
          {"decisions", decisions},
          {"declined", declined},
          {"feedback", feedback},
          {"minutes", json::object{{"versions", versions},
                                   {"frozen", m.minutes.frozen()},
                                   {"pending", ids_json(m.minutes.pending(m.attending_organisations()))}}}};
}

json::object table_json(const tb::Table& t) {
  json::array finality, delegates, secrecy, series, meetings, actions;
  t.finality.for_each([&](sharing::Purpose p) { finality.emplace_back(sharing::name_of(p)); });
  for (const auto& d : t.delegates) {
    delegates.push_back(json::object{{"user", d.user}, {"organisation", d.organisation}, {"role", tb::name_of(d.role)}});
  }
  for (const auto& s : t.secrecy) secrecy.push_back(json::object{{"version", s.version}, {"text", s.text}});
  for (const auto& s : t.series) {
    series.push_back(json::object{{"id", s.id},
                                  {"rule", s.rule},
                                  {"start", tb::format_local_time(s.start)},
                                  {"duration_minutes", s.duration_minutes},
                                  {"venue", s.venue},
                                  {"video_link", s.video_link}});
  }
  for (const auto& m : t.meetings) meetings.push_back(meeting_json(m, t.secrecy_version()));
  for (const auto& a : t.actions) actions.push_back(action_json(a));
  return {{"id", t.id},
          {"name", t.name},
          {"kind", tb::name_of(t.kind)},
          {"basis", tb::name_of(t.basis)},
          {"allows_cases", tb::allows_individual_cases(t.basis)},
          {"basis_approved", t.basis_approved()},
          {"cases_open", t.cases_open()},
          {"basis_reference", t.basis_reference},
          {"basis_document", t.basis_document},
          {"finality", finality},
          {"finality_statement", t.finality_statement},
          {"agreement", t.agreement},
          {"members", ids_json(t.members)},
          {"delegates", delegates},
          {"secrecy", secrecy},
          {"secrecy_version", t.secrecy_version()},
          {"series", series},
          {"meetings", meetings},
          {"actions", actions},
          {"version", t.version}};
}

// A draft from a body; fails with invalid_input naming the field.
Result<app::tables::TableDraft> draft_of(const json::object& o) {
  app::tables::TableDraft d;
  d.name = str(o, "name");
  auto kind = tb::parse_table_kind(str(o, "kind").empty() ? "thematic" : str(o, "kind"));
  if (!kind) return fail("invalid_input", "kind must be thematic, case_consultation or mixed");
  d.kind = *kind;
  auto basis = tb::parse_legal_basis(str(o, "basis").empty() ? "none" : str(o, "basis"));
  if (!basis) return fail("invalid_input", "basis must be none, agreement, law, decree, ordinance or prosecutor_authorisation");
  d.basis = *basis;
  d.basis_reference = str(o, "basis_reference");
  d.basis_document = str(o, "basis_document");
  d.finality_statement = str(o, "finality_statement");
  d.agreement = str(o, "agreement");
  d.secrecy_text = str(o, "secrecy_text");
  if (auto* f = o.if_contains("finality"); f && f->is_array()) {
    for (const auto& p : f->as_array()) {
      auto purpose = p.is_string() ? sharing::parse_term<sharing::Purpose>(std::string_view(p.as_string())) : std::nullopt;
      if (!purpose) return fail("invalid_input", "finality holds an unknown purpose");
      d.finality.add(*purpose);
    }
  }
  if (auto* m = o.if_contains("members"); m && m->is_array()) {
    for (const auto& v : m->as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) return fail("invalid_input", "members are organisation ids");
      d.members.push_back(v.as_int64());
    }
  }
  if (auto* ds = o.if_contains("delegates"); ds && ds->is_array()) {
    for (const auto& v : ds->as_array()) {
      if (!v.is_object()) return fail("invalid_input", "delegates are objects");
      const auto& x = v.as_object();
      auto role = tb::parse_table_role(str(x, "role").empty() ? "delegate" : str(x, "role"));
      if (!role) return fail("invalid_input", "a delegate's role is delegate, secretary or chair");
      d.delegates.push_back({integer(x, "user"), integer(x, "organisation"), *role});
    }
  }
  return d;
}

Result<tb::LocalTime> local_of(const json::object& o, std::string_view key) {
  auto t = tb::parse_local_time(str(o, key));
  if (!t) return fail("invalid_time", std::string(key) + ": " + t.error().message);
  return t;
}

class Api {
 public:
  Api(http::Router& router, http::ApiDocument& document, const AccountsContext& ctx) : ops_(router, document, ctx) {}

  // An authenticated operation: browser sessions only (no API-token scope for tables
  // yet; api::Operations checks the caller and CSRF), then the path ids.
  void add(http::ApiOperation op, Handler handler) {
    op.tag = "tables";
    op.scope = std::string(api::kSessionOnly);
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

http::ApiOperation op(std::string method, std::string pattern, std::string summary, const char* schema = "") {
  http::ApiOperation o;
  o.method = std::move(method);
  o.pattern = std::move(pattern);
  o.summary = std::move(summary);
  o.request_schema = schema;
  return o;
}

template <typename T, typename ToJson>
http::Response answer(const Result<T>& r, ToJson&& to_json, int status = 200) {
  if (!r) return from_error(r.error());
  return ok(to_json(*r), status);
}

http::Response done(const Result<void>& r) {
  if (!r) return from_error(r.error());
  return ok(json::object{{"ok", true}});
}

constexpr const char* kTableSchema =
    R"({"type":"object","required":["name","members"],"properties":{"name":{"type":"string"},"kind":{"enum":["thematic","case_consultation","mixed"]},"basis":{"enum":["none","agreement","law","decree","ordinance","prosecutor_authorisation"]},"basis_reference":{"type":"string"},"basis_document":{"type":"string"},"finality":{"type":"array","items":{"type":"string"}},"finality_statement":{"type":"string"},"agreement":{"type":"string"},"members":{"type":"array","items":{"type":"integer"}},"delegates":{"type":"array","items":{"type":"object","properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"role":{"enum":["delegate","secretary","chair"]}}}},"secrecy_text":{"type":"string"}}})";
constexpr const char* kSeriesSchema =
    R"({"type":"object","required":["rule","start"],"properties":{"rule":{"type":"string","description":"RFC 5545 RRULE value"},"start":{"type":"string","description":"local time YYYY-MM-DDTHH:MM, Europe/Brussels"},"duration_minutes":{"type":"integer"},"venue":{"type":"string"},"video_link":{"type":"string"}}})";
constexpr const char* kMeetingSchema =
    R"({"type":"object","required":["start"],"properties":{"start":{"type":"string"},"duration_minutes":{"type":"integer"},"venue":{"type":"string"},"video_link":{"type":"string"}}})";
constexpr const char* kItemSchema =
    R"({"type":"object","required":["kind","title"],"properties":{"kind":{"enum":["information","decision","situation","case"]},"title":{"type":"string"},"time_box_minutes":{"type":"integer"},"owner_user":{"type":"integer"},"owner_organisation":{"type":"integer"},"carried_over_from":{"type":"integer"},"case_details":{"type":"string"}}})";
constexpr const char* kAttendanceSchema =
    R"({"type":"object","required":["user","organisation"],"properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"presence":{"enum":["present","excused","absent"]}}})";
constexpr const char* kTextSchema = R"({"type":"object","required":["text"],"properties":{"text":{"type":"string"},"item_id":{"type":"integer"}}})";
constexpr const char* kActionSchema =
    R"({"type":"object","required":["description","owner_organisation","due"],"properties":{"description":{"type":"string"},"owner_organisation":{"type":"integer"},"owner_user":{"type":"integer"},"due":{"type":"string","format":"date"},"item_id":{"type":"integer"}}})";
constexpr const char* kMinutesSchema =
    R"({"type":"object","required":["markdown"],"properties":{"markdown":{"type":"string"},"reason":{"type":"string"}}})";
constexpr const char* kStatusSchema = R"({"type":"object","required":["status"],"properties":{"status":{"enum":["open","done","cancelled"]}}})";
constexpr const char* kCarrySchema = R"({"type":"object","required":["carry"],"properties":{"carry":{"type":"boolean"}}})";
constexpr const char* kDeclineSchema =
    R"({"type":"object","properties":{"reason":{"enum":["none","professional_secrecy","no_ground","not_relevant","other"],"description":"a neutral reason code; no free text"}}})";
constexpr const char* kFeedbackSchema =
    R"({"type":"object","required":["recipient","item_ids","text","categories","purpose"],"properties":{"recipient":{"type":"integer","description":"a police or prosecution organisation"},"item_ids":{"type":"array","items":{"type":"integer"}},"text":{"type":"string"},"categories":{"type":"array","items":{"enum":["aggregate","involvement","identity","social","care","health","judicial"]}},"purpose":{"enum":["care","integrity","terrorism_prevention","criminal_organisation_prevention","public_order","prosecution","coordination"]}}})";
constexpr const char* kConsentSchema = R"({"type":"object","required":["consent"],"properties":{"consent":{"type":"boolean"}}})";
constexpr const char* kMinutesUsedSchema = R"({"type":"object","required":["minutes"],"properties":{"minutes":{"type":"integer"}}})";

}  // namespace

int table_status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == "conflict" || c == "minutes_frozen" || c == "minutes_not_frozen" || c == "already_approved" ||
      c == "meeting_not_open" || c == "meeting_not_planned" || c == "meeting_closed" || c == "meeting_not_held" ||
      c == "meeting_not_closed" || c == "already_declined" || c == "feedback_not_draft" ||
      c == "feedback_not_awaiting" || c == "already_answered" || c == "attendance_frozen" ||
      c == "basis_not_approved") {
    return 409;
  }
  if (c == "secrecy_not_acknowledged" || c == "not_shared" || c == "not_present" || c == "not_attending") return 403;
  if (c == "calendar_unavailable" || c == "sharing_unavailable") return 503;
  if (c == "recipient_not_police") return 422;
  return status_for(error);
}

void register_table_routes(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                           TableService& service) {
  Api api(router, document, context);
  TableService* s = &service;
  const std::string base = "/api/v1/tables/{id}";
  const std::string meeting = base + "/meetings/{meeting}";
  auto table_answer = [](const Result<tb::Table>& r, int status = 200) { return answer(r, table_json, status); };

  api.add(op("GET", "/api/v1/tables", "The caller's consultation tables"), [s](http::Request&, const Caller& c) {
    auto r = s->my_tables(c);
    return answer(r, [](const std::vector<tb::Table>& ts) {
      json::array a;
      for (const auto& t : ts) a.push_back(table_json(t));
      return json::object{{"tables", a}};
    });
  });
  api.add_with_body(op("POST", "/api/v1/tables", "Create a consultation table", kTableSchema),
                    [s, table_answer](http::Request&, const Caller& c, const json::object& o) {
                      auto d = draft_of(o);
                      if (!d) return from_error(d.error());
                      return table_answer(s->create_table(c, std::move(*d)), 201);
                    });
  api.add(op("GET", base, "One table with its meetings (without personal details of case items)"),
          [s, table_answer](http::Request& r, const Caller& c) { return table_answer(s->table(c, ids_of(r).table)); });
  api.add_with_body(op("PUT", base, "Edit a table (chair)", kTableSchema),
                    [s, table_answer](http::Request& r, const Caller& c, const json::object& o) {
                      auto d = draft_of(o);
                      if (!d) return from_error(d.error());
                      return table_answer(s->update_table(c, ids_of(r).table, std::move(*d)));
                    });
  api.add(op("POST", base + "/basis-approval",
             "Approve the table's case basis before case items open (platform admin; for a prosecutor's "
             "authorisation also the prosecution organisation's admin at the table; audited)"),
          [s, table_answer](http::Request& r, const Caller& c) { return table_answer(s->approve_basis(c, ids_of(r).table)); });
  api.add_with_body(op("POST", base + "/secrecy-text", "New version of the secrecy text (chair)", kTextSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      return answer(s->set_secrecy_text(c, ids_of(r).table, str(o, "text")),
                                    [](int v) { return json::object{{"version", v}}; });
                    });
  api.add_with_body(
      op("POST", base + "/series", "Add a recurring series of meetings (chair)", kSeriesSchema),
      [s](http::Request& r, const Caller& c, const json::object& o) {
        auto start = local_of(o, "start");
        if (!start) return from_error(start.error());
        tb::Series series;
        series.rule = str(o, "rule");
        series.start = *start;
        series.duration_minutes = static_cast<int>(integer(o, "duration_minutes", 90));
        series.venue = str(o, "venue");
        series.video_link = str(o, "video_link");
        return answer(s->add_series(c, ids_of(r).table, series), [](const tb::Series& x) {
          return json::object{{"id", x.id}, {"rule", x.rule}, {"start", tb::format_local_time(x.start)}};
        }, 201);
      });
  api.add_with_body(op("POST", base + "/meetings", "Add a single meeting (chair)", kMeetingSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto start = local_of(o, "start");
                      if (!start) return from_error(start.error());
                      return answer(s->add_meeting(c, ids_of(r).table, *start,
                                                   static_cast<int>(integer(o, "duration_minutes", 90)), str(o, "venue"),
                                                   str(o, "video_link")),
                                    [](const tb::Meeting& m) { return meeting_json(m, 0); }, 201);
                    });
  api.add_with_body(op("POST", meeting + "/move", "Move a meeting (chair)", kMeetingSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto start = local_of(o, "start");
                      if (!start) return from_error(start.error());
                      auto ids = ids_of(r);
                      return answer(s->move_meeting(c, ids.table, ids.meeting, *start),
                                    [](const tb::Meeting& m) { return meeting_json(m, 0); });
                    });
  api.add(op("POST", meeting + "/cancel", "Cancel a meeting (chair)"), [s](http::Request& r, const Caller& c) {
    auto ids = ids_of(r);
    return done(s->cancel_meeting(c, ids.table, ids.meeting));
  });
  api.add(op("POST", meeting + "/open", "Open a meeting (chair or secretary)"), [s](http::Request& r, const Caller& c) {
    auto ids = ids_of(r);
    return done(s->open_meeting(c, ids.table, ids.meeting));
  });
  api.add(op("POST", meeting + "/close", "Close a meeting (chair or secretary)"), [s](http::Request& r, const Caller& c) {
    auto ids = ids_of(r);
    return done(s->close_meeting(c, ids.table, ids.meeting));
  });
  api.add_with_body(op("POST", meeting + "/items", "Add an agenda item (chair)", kItemSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto kind = tb::parse_item_kind(str(o, "kind"));
                      if (!kind) return http::Response::error(400, "invalid_input", "kind must be information, decision, situation or case");
                      tb::AgendaItem item;
                      item.kind = *kind;
                      item.title = str(o, "title");
                      item.time_box_minutes = static_cast<int>(integer(o, "time_box_minutes", 10));
                      item.owner_user = integer(o, "owner_user");
                      item.owner_organisation = integer(o, "owner_organisation");
                      item.carried_over_from = integer(o, "carried_over_from");
                      item.case_details = str(o, "case_details");
                      auto ids = ids_of(r);
                      return answer(s->add_agenda_item(c, ids.table, ids.meeting, item), item_json, 201);
                    });
  api.add_with_body(op("POST", meeting + "/items/{item}/time-used", "Record the minutes an item took", kMinutesUsedSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto ids = ids_of(r);
                      return done(s->record_time_used(c, ids.table, ids.meeting, ids.item,
                                                      static_cast<int>(integer(o, "minutes", -1))));
                    });
  api.add(op("GET", meeting + "/items/{item}/case",
             "Personal details of a case item: attendees who acknowledged the secrecy text, in the meeting (audited)"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return answer(s->case_details(c, ids.table, ids.meeting, ids.item),
                          [](const std::string& d) { return json::object{{"case_details", d}}; });
          });
  api.add_with_body(op("POST", meeting + "/attendance", "Record attendance (chair or secretary)", kAttendanceSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto presence = tb::parse_presence(str(o, "presence").empty() ? "present" : str(o, "presence"));
                      if (!presence) return http::Response::error(400, "invalid_input", "presence must be present, excused or absent");
                      auto ids = ids_of(r);
                      return done(s->record_attendance(c, ids.table, ids.meeting, integer(o, "user"),
                                                       integer(o, "organisation"), *presence));
                    });
  api.add(op("POST", meeting + "/acknowledgement", "Acknowledge the table's current secrecy text"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return answer(s->acknowledge_secrecy(c, ids.table, ids.meeting),
                          [](int v) { return json::object{{"version", v}}; });
          });
  api.add_with_body(op("POST", meeting + "/decisions", "Record a decision (chair or secretary)", kTextSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto ids = ids_of(r);
                      return answer(s->add_decision(c, ids.table, ids.meeting, integer(o, "item_id"), str(o, "text")),
                                    [](const tb::MeetingDecision& d) {
                                      return json::object{{"id", d.id}, {"item_id", d.item_id}, {"text", d.text}};
                                    }, 201);
                    });
  api.add_with_body(op("POST", meeting + "/actions", "Record an action (chair or secretary)", kActionSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      tb::ActionItem a;
                      a.description = str(o, "description");
                      a.owner_organisation = integer(o, "owner_organisation");
                      a.owner_user = integer(o, "owner_user");
                      a.due = str(o, "due");
                      a.item_id = integer(o, "item_id");
                      auto ids = ids_of(r);
                      return answer(s->add_action(c, ids.table, ids.meeting, a), action_json, 201);
                    });
  api.add_with_body(op("PUT", meeting + "/minutes", "Write the draft minutes in Markdown (secretary)", kMinutesSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto ids = ids_of(r);
                      return done(s->draft_minutes(c, ids.table, ids.meeting, str(o, "markdown")));
                    });
  api.add_with_body(op("POST", meeting + "/minutes/corrections", "Correct frozen minutes: a new version with a reason", kMinutesSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto ids = ids_of(r);
                      return done(s->correct_minutes(c, ids.table, ids.meeting, str(o, "markdown"), str(o, "reason")));
                    });
  api.add(op("POST", meeting + "/minutes/approvals", "Approve the minutes for the caller's organisation"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return answer(s->approve_minutes(c, ids.table, ids.meeting),
                          [](bool frozen) { return json::object{{"frozen", frozen}}; });
          });
  api.add_with_body(op("POST", base + "/actions/{action}/status", "Set an action's status", kStatusSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto status = tb::parse_action_status(str(o, "status"));
                      if (!status) return http::Response::error(400, "invalid_input", "status must be open, done or cancelled");
                      auto ids = ids_of(r);
                      return answer(s->set_action_status(c, ids.table, ids.action, *status), action_json);
                    });
  api.add(op("GET", base + "/calendar", "The table's meetings as an iCalendar feed"),
          [s](http::Request& r, const Caller& c) {
            auto text = s->table_feed(c, ids_of(r).table);
            if (!text) return from_error(text.error());
            return calendar(std::move(*text));
          });
  api.add(op("POST", "/api/v1/me/calendar-token", "A new secret calendar-feed address (replaces the old one)"),
          [s](http::Request&, const Caller& c) {
            return answer(s->create_feed_token(c), [](const std::string& token) {
              return json::object{{"token", token}, {"path", "/calendar/" + token}};
            }, 201);
          });
  api.add(op("DELETE", "/api/v1/me/calendar-token", "Revoke the calendar-feed address"),
          [s](http::Request&, const Caller& c) { return done(s->revoke_feed_token(c)); });
  api.add(op("GET", "/api/v1/me/meetings", "Upcoming meetings of the caller's tables"),
          [s](http::Request&, const Caller& c) {
            return answer(s->upcoming_meetings(c, 50), [](const std::vector<app::tables::MeetingRef>& ms) {
              json::array a;
              for (const auto& m : ms) {
                a.push_back(json::object{{"table_id", m.table_id}, {"table_name", m.table_name},
                                         {"meeting", meeting_json(m.meeting, 0)}});
              }
              return json::object{{"meetings", a}};
            });
          });
  auto actions_answer = [](const Result<std::vector<app::tables::ActionRef>>& r) {
    return answer(r, [](const std::vector<app::tables::ActionRef>& as) {
      json::array a;
      for (const auto& x : as) {
        a.push_back(json::object{{"table_id", x.table_id}, {"table_name", x.table_name}, {"action", action_json(x.action)}});
      }
      return json::object{{"actions", a}};
    });
  };
  api.add(op("GET", "/api/v1/me/actions", "The caller's open actions"),
          [s, actions_answer](http::Request&, const Caller& c) { return actions_answer(s->my_open_actions(c)); });
  api.add(op("GET", "/api/v1/me/overdue-actions", "Overdue actions of the caller's organisation"),
          [s, actions_answer](http::Request&, const Caller& c) { return actions_answer(s->overdue_actions(c)); });

  // --- items carried over, "declined to share", feedback forms, overviews ---------
  api.add_with_body(op("POST", meeting + "/items/{item}/carry-over",
                       "Mark (carry: true) or unmark an item to come back at the next meeting (chair or secretary, open meeting)",
                       kCarrySchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto* v = o.if_contains("carry");
                      if (!v || !v->is_bool()) return http::Response::error(400, "invalid_input", "carry must be true or false");
                      auto ids = ids_of(r);
                      return done(s->mark_carry_over(c, ids.table, ids.meeting, ids.item, v->as_bool()));
                    });
  api.add(op("POST", meeting + "/carry-over",
             "Carry the items of a closed meeting over to the next planned meeting (idempotent; chair or secretary)"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return answer(s->carry_over(c, ids.table, ids.meeting), [](const tb::CarryOverResult& x) {
              return json::object{{"next_meeting", x.next_meeting},
                                  {"copied", ids_json(x.copied)},
                                  {"waiting", ids_json(x.waiting)}};
            });
          });
  api.add_with_body(op("POST", meeting + "/items/{item}/declined",
                       "Record that the caller's organisation declined to share on a situation or case item (a neutral answer; audited)",
                       kDeclineSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto reason = tb::parse_decline_reason(str(o, "reason").empty() ? "none" : str(o, "reason"));
                      if (!reason) {
                        return http::Response::error(400, "invalid_input",
                                                     "reason must be none, professional_secrecy, no_ground, not_relevant or other");
                      }
                      auto ids = ids_of(r);
                      auto d = s->decline_to_share(c, ids.table, ids.meeting, ids.item, *reason);
                      if (!d) return from_error(d.error());
                      return ok(json::object{{"item_id", ids.item},
                                             {"organisation", c.principal.organisation_id},
                                             {"reason", tb::name_of(*reason)}},
                                201);
                    });
  api.add(op("DELETE", meeting + "/items/{item}/declined",
             "Withdraw the caller's organisation's \"declined to share\" while the meeting is open (audited)"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return done(s->withdraw_declined(c, ids.table, ids.meeting, ids.item));
          });
  auto feedback_answer = [](const Result<tb::FeedbackForm>& r, int status = 200) {
    return answer(r, [&](const tb::FeedbackForm& f) { return feedback_json(f); }, status);
  };
  api.add_with_body(op("POST", meeting + "/feedback",
                       "Draft a feedback form to a police or prosecution organisation (chair)", kFeedbackSchema),
                    [s, feedback_answer](http::Request& r, const Caller& c, const json::object& o) {
                      app::tables::FeedbackDraft d;
                      d.recipient = integer(o, "recipient");
                      d.text = str(o, "text");
                      if (auto* items = o.if_contains("item_ids"); items && items->is_array()) {
                        for (const auto& v : items->as_array()) {
                          if (!v.is_int64() || v.as_int64() <= 0) return http::Response::error(400, "invalid_input", "item_ids are agenda item ids");
                          d.item_ids.push_back(v.as_int64());
                        }
                      }
                      if (auto* cats = o.if_contains("categories"); cats && cats->is_array()) {
                        for (const auto& v : cats->as_array()) {
                          auto cat = v.is_string() ? sharing::parse_term<sharing::Category>(std::string_view(v.as_string())) : std::nullopt;
                          if (!cat) return http::Response::error(400, "invalid_input", "categories holds an unknown category");
                          d.categories.add(*cat);
                        }
                      }
                      auto purpose = sharing::parse_term<sharing::Purpose>(str(o, "purpose"));
                      if (!purpose) return http::Response::error(400, "invalid_input", "purpose is not a known purpose");
                      d.purpose = *purpose;
                      auto ids = ids_of(r);
                      return feedback_answer(s->draft_feedback(c, ids.table, ids.meeting, std::move(d)), 201);
                    });
  api.add(op("GET", meeting + "/feedback/{feedback}",
             "One feedback form: for members of the table, and for the recipient organisation once sent (audited)"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            auto f = s->feedback(c, ids.table, ids.meeting, ids.feedback);
            if (!f) return from_error(f.error());
            std::string lang = r.query_param("lang").value_or("en");
            if (lang != "nl" && lang != "fr") lang = "en";
            json::array items;
            for (const auto& [id, title] : f->items) items.push_back(json::object{{"id", id}, {"title", title}});
            return ok(json::object{{"table_id", f->table_id},
                                   {"table_name", f->table_name},
                                   {"meeting_id", f->meeting_id},
                                   {"meeting_start", tb::format_local_time(f->meeting_start)},
                                   {"items", items},
                                   {"feedback", feedback_json(f->form, lang)}});
          });
  api.add(op("POST", meeting + "/feedback/{feedback}/submit",
             "Ask for consent (chair): draft -> awaiting_consent; the consenting organisations are fixed now (those attending and the owners of the items the form draws on)"),
          [s, feedback_answer](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return feedback_answer(s->submit_feedback(c, ids.table, ids.meeting, ids.feedback));
          });
  api.add_with_body(op("POST", meeting + "/feedback/{feedback}/answers",
                       "The caller's organisation consents or refuses; the last consent asks the sharing engine, which sends or blocks it",
                       kConsentSchema),
                    [s, feedback_answer](http::Request& r, const Caller& c, const json::object& o) {
                      auto* v = o.if_contains("consent");
                      if (!v || !v->is_bool()) return http::Response::error(400, "invalid_input", "consent must be true or false");
                      auto ids = ids_of(r);
                      return feedback_answer(s->answer_feedback(c, ids.table, ids.meeting, ids.feedback, v->as_bool()));
                    });
  api.add(op("GET", base + "/history",
             "The table's history: past meetings, attendance per organisation, actions done on time, late or open"),
          [s](http::Request& r, const Caller& c) {
            return answer(s->history(c, ids_of(r).table), [](const app::tables::TableHistoryRef& h) {
              auto counts = [](const tb::ActionCounts& x) {
                return json::object{{"done_on_time", x.done_on_time}, {"done_late", x.done_late}, {"open", x.open},
                                    {"overdue", x.overdue},           {"cancelled", x.cancelled}};
              };
              json::array attendance, by_org;
              for (const auto& a : h.history.attendance) {
                attendance.push_back(json::object{{"organisation", a.organisation}, {"present", a.present},
                                                  {"excused", a.excused},           {"absent", a.absent},
                                                  {"rate_percent", a.rate_percent}});
              }
              for (const auto& o : h.history.actions_by_organisation) {
                by_org.push_back(json::object{{"organisation", o.organisation}, {"actions", counts(o.counts)}});
              }
              return json::object{{"table_id", h.table.id},
                                  {"held", h.history.held},
                                  {"past_meetings", ids_json(h.history.past_meetings)},
                                  {"attendance", attendance},
                                  {"actions", counts(h.history.actions)},
                                  {"actions_by_organisation", by_org}};
            });
          });
  api.add(op("GET", "/api/v1/me/feedback", "Feedback forms sent to the caller's organisation"),
          [s](http::Request&, const Caller& c) {
            return answer(s->received_feedback(c), [](const std::vector<app::tables::FeedbackRef>& fs) {
              json::array a;
              for (const auto& f : fs) {
                a.push_back(json::object{{"table_id", f.table_id},
                                         {"table_name", f.table_name},
                                         {"meeting_id", f.meeting_id},
                                         {"feedback", feedback_json(f.form)}});
              }
              return json::object{{"feedback", a}};
            });
          });
  api.add(op("GET", "/api/v1/me/overdue-by-organisation",
             "Overdue actions at the caller's tables per owner organisation (organisation and platform admins)"),
          [s](http::Request&, const Caller& c) {
            return answer(s->overdue_by_organisation(c), [](const std::vector<tb::OrganisationOverdue>& groups) {
              json::array a;
              for (const auto& g : groups) {
                json::array actions;
                for (const auto& x : g.actions) {
                  actions.push_back(json::object{{"table_id", x.table_id}, {"action", action_json(x.action)}});
                }
                a.push_back(json::object{{"organisation", g.organisation},
                                         {"count", static_cast<std::int64_t>(g.actions.size())},
                                         {"actions", actions}});
              }
              return json::object{{"organisations", a}};
            });
          });

  // The personal feed: public route, the token is the credential (shown once, stored
  // as a digest, revocable). Not under /api/ so calendar programs can subscribe.
  router.add("GET", "/calendar/{token}", [s](http::Request& r) {
    auto text = s->feed_for_token(r.param("token"));
    if (!text) return http::Response::error(404, "not_found", "no such feed");
    return calendar(std::move(*text));
  });
}

}  // namespace tafel::web
