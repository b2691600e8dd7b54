// The API of one meeting: moving, opening and closing it, agenda items, attendance,
// secrecy, decisions, actions, minutes, carry-over and "declined to share".
#include "web/tables/table_api_support.h"

namespace tafel::web::table_api {

void register_meeting_routes(Api& api, TableService* s) {
  const std::string base = "/api/v1/tables/{id}";
  const std::string meeting = base + "/meetings/{meeting}";

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
  api.add_with_body(http::with_example(http::created(op("POST", meeting + "/items", "Add an agenda item (chair)", kItemSchema)),
                                       R"({"kind":"information","title":"Overlast aan het station","time_box_minutes":15})"),
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
                      item.case_id = integer(o, "case_id");
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
             "The case a case item is about: attendees who acknowledged the secrecy text, in the meeting (audited)"),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return answer(s->case_of_item(c, ids.table, ids.meeting, ids.item),
                          [](std::int64_t id) { return json::object{{"case_id", id}}; });
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
  api.add_with_body(http::with_example(http::created(op("POST", meeting + "/decisions",
                                                        "Record a decision (chair or secretary)", kTextSchema)),
                                       R"({"text":"Extra patrouilles op vrijdagavond"})"),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto ids = ids_of(r);
                      return answer(s->add_decision(c, ids.table, ids.meeting, integer(o, "item_id"), str(o, "text")),
                                    [](const tb::MeetingDecision& d) {
                                      return json::object{{"id", d.id}, {"item_id", d.item_id}, {"text", d.text}};
                                    }, 201);
                    });
  api.add_with_body(http::with_example(http::created(op("POST", meeting + "/actions",
                                                        "Record an action (chair or secretary)", kActionSchema)),
                                       R"({"description":"Contact opnemen met de huisvestingsmaatschappij",)"
                                       R"("owner_organisation":1,"due":"2030-03-01"})"),
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
  // --- items carried over, "declined to share" ---------------------------------
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
  api.add_with_body(http::created(op("POST", meeting + "/items/{item}/declined",
                       "Record that the caller's organisation declined to share on a situation or case item (a neutral answer; audited)",
                       kDeclineSchema)),
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
}

}  // namespace tafel::web::table_api
