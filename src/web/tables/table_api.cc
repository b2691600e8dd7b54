#include "web/tables/table_api.h"

#include "web/tables/table_api_support.h"

namespace tafel::web {

using namespace table_api;  // the helpers of table_api_support.h

int table_status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == "conflict" || c == "minutes_frozen" || c == "minutes_not_frozen" || c == "already_approved" ||
      c == "meeting_not_open" || c == "meeting_not_planned" || c == "meeting_closed" || c == "meeting_not_held" ||
      c == "meeting_not_closed" || c == "already_declined" || c == "feedback_not_draft" ||
      c == "feedback_not_awaiting" || c == "already_answered" || c == "attendance_frozen" ||
      c == "basis_not_approved" || c == "feedback_pending") {
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
  auto table_answer = [](const Result<tb::Table>& r, int status = 200) { return answer(r, table_json, status); };

  api.add(http::with_query(
              op("GET", "/api/v1/tables",
                 "The caller's consultation tables by name, without their meetings and actions (one table's GET "
                 "has them), in pages"),
              {{"after", "the next page: the `next` of the previous answer", "", false, "integer"},
               {"limit", "at most this many tables, 1 to 1000 (default 100)", "", false, "integer"}}),
          [s](http::Request& r, const Caller& c) {
    std::optional<std::int64_t> after;
    if (auto q = r.query_param("after"); q && !q->empty()) {
      after = api::parse_id(*q);
      if (!after) return http::Response::error(400, "invalid_input", "after must be a table id");
    }
    std::size_t limit = app::tables::TablePage::kDefaultSize;
    if (auto q = r.query_param("limit"); q && !q->empty()) {
      auto n = api::parse_id(*q);
      if (!n || *n > static_cast<std::int64_t>(app::tables::TablePage::kMaxSize)) {
        return http::Response::error(400, "invalid_input", "limit must be between 1 and 1000");
      }
      limit = static_cast<std::size_t>(*n);
    }
    return answer(s->my_tables(c, after, limit), [](const app::tables::TablePage& page) {
      json::array a;
      for (const auto& t : page.tables) a.push_back(table_summary_json(t));
      json::object body{{"tables", a}};
      if (page.next) body.emplace("next", *page.next);
      return body;
    });
  });
  api.add_with_body(http::created(op("POST", "/api/v1/tables", "Create a consultation table", kTableSchema)),
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
      http::created(op("POST", base + "/series", "Add a recurring series of meetings (chair)", kSeriesSchema)),
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
  api.add_with_body(http::created(op("POST", base + "/meetings", "Add a single meeting (chair)", kMeetingSchema)),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto start = local_of(o, "start");
                      if (!start) return from_error(start.error());
                      return answer(s->add_meeting(c, ids_of(r).table, *start,
                                                   static_cast<int>(integer(o, "duration_minutes", 90)), str(o, "venue"),
                                                   str(o, "video_link")),
                                    [](const tb::Meeting& m) { return meeting_json(m, 0); }, 201);
                    });
  api.add_with_body(op("POST", base + "/actions/{action}/status", "Set an action's status", kStatusSchema),
                    [s](http::Request& r, const Caller& c, const json::object& o) {
                      auto status = tb::parse_action_status(str(o, "status"));
                      if (!status) return http::Response::error(400, "invalid_input", "status must be open, done or cancelled");
                      auto ids = ids_of(r);
                      return answer(s->set_action_status(c, ids.table, ids.action, *status), action_json);
                    });
  api.add(http::with_types(op("GET", base + "/calendar", "The table's meetings as an iCalendar feed"), "", "text/calendar"),
          [s](http::Request& r, const Caller& c) {
            auto text = s->table_feed(c, ids_of(r).table);
            if (!text) return from_error(text.error());
            return calendar(std::move(*text));
          });
  api.add(http::created(op("POST", "/api/v1/me/calendar-token", "A new secret calendar-feed address (replaces the old one)")),
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

  register_meeting_routes(api, s);
  register_feedback_routes(api, s);

  // The personal feed: public route, the token is the credential (shown once, stored
  // as a digest, revocable). Not under /api/ so calendar programs can subscribe.
  router.add("GET", "/calendar/{token}", [s](http::Request& r) {
    auto text = s->feed_for_token(r.param("token"));
    if (!text) return http::Response::error(404, "not_found", "no such feed");
    return calendar(std::move(*text));
  });
  document_table_answers(document);
}

}  // namespace tafel::web
