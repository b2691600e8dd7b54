// One table: its page, calendar, single meetings, basis approval, action status, history.
#include "web/tables/table_pages_support.h"

#include <map>

#include "web/tables/table_api.h"
#include "web/viewer.h"

namespace tafel::web::table_pages {
namespace {

// --- /tables/{id} -------------------------------------------------------------------------

std::string yes_no(const Page& page, bool v) { return page.text(v ? "tables.yes" : "tables.no"); }
}  // namespace

http::Response table_view(const http::Request& request, const Ctx& ctx, const Authenticated& who, std::int64_t id,
                          const std::string& problem, int status) {
  auto t = ctx.tables->table(caller_of(request, who), id);
  if (!t) return refusal(request, ctx.options, t.error());
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, t->name);
  page.set("caption", page.text("tables.kind." + std::string(tb::name_of(t->kind))));
  page.set("back_href", "/tables");
  page.set("back_text", page.text("tables.back"));
  // A search of this table only (GET /search?table=); search shows what the caller may see.
  page.set("table_id", std::to_string(t->id));
  page.set("t_search_table_label", page.text("search.table.label"));
  page.set("t_search_table_button", page.text("search.table.button"));
  set_notice(page, request);
  set_problem(page, problem);
  const auto standing = tb::standing_at(*t, who.principal.user_id, who.principal.organisation_id);
  const bool chair = standing.role == tb::TableRole::chair;

  data summary{data::type::list};
  auto add = [&](const std::string& key, std::string value) {
    data item;
    item.set("key", page.text("tables.field." + key));
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add("basis", page.text("tables.basis." + std::string(tb::name_of(t->basis))) +
                   (t->basis_reference.empty() ? "" : " — " + t->basis_reference));
  if (!t->basis_document.empty()) add("basis_document", t->basis_document);
  add("cases_allowed", yes_no(page, tb::allows_individual_cases(t->basis)));
  // The retention period is shown with the basis: it is what the basis lets the table keep.
  add("case_retention_days",
      t->case_retention_days
          ? page.text("tables.retention.days", {{"n", std::int64_t{*t->case_retention_days}}})
          : page.text("tables.retention.none"));
  if (tb::allows_individual_cases(t->basis)) {
    add("basis_approval", t->basis_approved() ? page.text("tables.basis_approval.approved")
                          : t->basis == tb::LegalBasis::prosecutor_authorisation
                              ? page.text("tables.basis_approval.awaiting_prosecutor")
                              : page.text("tables.basis_approval.awaiting"));
  }
  std::string finality;
  t->finality.for_each([&](sharing::Purpose p) {
    finality += (finality.empty() ? "" : ", ") + page.text("sharing.purpose." + std::string(sharing::name_of(p)));
  });
  add("finality", finality.empty() ? "—" : finality);
  if (!t->finality_statement.empty()) add("finality_statement", t->finality_statement);
  if (!t->agreement.empty()) add("agreement", t->agreement);
  add("secrecy_version", t->secrecy_version() == 0 ? page.text("tables.secrecy.none")
                                                    : page.text("tables.secrecy.version",
                                                                {{"version", std::int64_t{t->secrecy_version()}}}));
  page.set("summary", summary);

  std::vector<data> sections;
  Section members{"members", page.text("tables.table.members"),
                  {page.text("tables.field.organisation"), page.text("tables.field.delegates")}};
  for (auto org : t->members) {
    std::string seated;
    for (const auto& d : t->delegates) {
      if (d.organisation != org) continue;
      std::string role = d.role == tb::TableRole::delegate ? "" : " (" + page.text("tables.role." + std::string(tb::name_of(d.role))) + ")";
      seated += (seated.empty() ? "" : ", ") + names.user(d.user) + role;
    }
    members.row(cell(names.organisation(org)), cell(seated.empty() ? "—" : seated));
  }
  sections.push_back(members.build());

  Section series{"series", page.text("tables.table.series"),
                 {page.text("tables.field.rule"), page.text("tables.field.first"), page.text("tables.field.duration"),
                  page.text("tables.field.venue")}};
  series.empty_text = page.text("tables.table.no_series");
  for (const auto& s : t->series) {
    series.row(cell(s.rule), cell(when(s.start)),
               cell(page.text("tables.minutes_count", {{"n", std::int64_t{s.duration_minutes}}})), cell(s.venue));
  }
  sections.push_back(series.build());

  Section meetings{"meetings", page.text("tables.table.meetings"),
                   {page.text("tables.field.when"), page.text("tables.field.status"), page.text("tables.field.present"),
                    page.text("tables.field.minutes")}};
  meetings.empty_text = page.text("tables.table.no_meetings");
  std::map<access::OrganisationId, int> attended;
  int held = 0;
  for (const auto& m : t->meetings) {
    if (m.status == tb::MeetingStatus::open || m.status == tb::MeetingStatus::closed) {
      ++held;
      for (auto org : m.attending_organisations()) ++attended[org];
    }
    std::string minutes = !m.minutes.current() ? "—"
                          : m.minutes.frozen() ? page.text("tables.minutes.frozen")
                                               : page.text("tables.minutes.draft");
    meetings.row(cell(when(m.local_start), base_of(t->id, m.id)),
                 cell(page.text("tables.status." + std::string(tb::name_of(m.status)))),
                 cell(std::to_string(m.attending_organisations().size())), cell(minutes));
  }
  sections.push_back(meetings.build());

  Section attendance{"attendance", page.text("tables.table.attendance"),
                     {page.text("tables.field.organisation"), page.text("tables.field.attended")}};
  attendance.note = page.text("tables.table.attendance_note", {{"held", std::int64_t{held}}});
  for (auto org : t->members) {
    attendance.row(cell(names.organisation(org)),
                   cell(page.text("tables.table.attended_of", {{"n", std::int64_t{attended[org]}}, {"held", std::int64_t{held}}})));
  }
  sections.push_back(attendance.build());

  Section actions{"actions", page.text("tables.table.actions"),
                  {page.text("tables.field.action"), page.text("tables.field.owner"), page.text("tables.field.due"),
                   page.text("tables.field.status"), page.text("tables.field.on_time")}};
  actions.empty_text = page.text("tables.table.no_actions");
  std::map<access::OrganisationId, std::pair<int, int>> on_time;  // done on time, done
  const std::string today = ctx.tables->today();
  for (const auto& a : t->actions) {
    if (a.status == tb::ActionStatus::done) {
      auto& [ok, all] = on_time[a.owner_organisation];
      ++all;
      if (tb::done_on_time(a)) ++ok;
    }
    std::string state = page.text("tables.action_status." + std::string(tb::name_of(a.status)));
    if (tb::is_overdue(a, today)) state += " — " + page.text("tables.action.overdue");
    std::string owner = names.organisation(a.owner_organisation);
    if (a.owner_user) owner += " — " + names.user(a.owner_user);
    actions.row(cell(a.description), cell(owner), cell(date_text(a.due)), cell(state),
                cell(a.status == tb::ActionStatus::done ? yes_no(page, tb::done_on_time(a)) : "—"));
  }
  std::string summary_on_time;
  for (const auto& [org, counts] : on_time) {
    summary_on_time += (summary_on_time.empty() ? "" : "; ") +
                       page.text("tables.table.on_time", {{"organisation", names.organisation(org)},
                                                          {"n", std::int64_t{counts.first}},
                                                          {"done", std::int64_t{counts.second}}});
  }
  actions.note = summary_on_time;
  sections.push_back(actions.build());
  data list{data::type::list};
  for (auto& s : sections) list.push_back(s);
  page.set("sections", list);

  // Open actions the viewer may close from here.
  data open_actions{data::type::list};
  for (const auto& a : t->actions) {
    bool may = chair || standing.role == tb::TableRole::secretary || a.owner_user == who.principal.user_id;
    if (!may || a.status != tb::ActionStatus::open) continue;
    data item;
    item.set("action", base_of(t->id) + "/actions/" + std::to_string(a.id) + "/status");
    item.set("description", a.description);
    open_actions.push_back(item);
  }
  page.set("open_actions", open_actions);
  page.set("has_open_actions", !open_actions.is_empty_list());
  page.set("mark_done", page.text("tables.action.mark_done"));
  page.set("next", base_of(t->id));

  // The chair changes the retention period of closed cases here (docs/retention.md).
  page.set("can_set_retention", chair);
  page.set("retention_action", base_of(t->id) + "/retention");
  page.set("retention_label", page.text("tables.field.case_retention_days"));
  page.set("retention_hint", page.text("tables.hint.case_retention_days"));
  page.set("retention_value", t->case_retention_days ? std::to_string(*t->case_retention_days) : "");
  page.set("retention_submit", page.text("tables.retention.submit"));
  page.set("can_approve_basis", ctx.tables->may_approve_basis(caller_of(request, who), *t));
  page.set("approve_basis_action", base_of(t->id) + "/basis-approval");
  page.set("approve_basis_text", page.text("tables.basis_approval.text"));
  page.set("approve_basis_submit", page.text("tables.basis_approval.submit"));
  page.set("calendar_heading", page.text("tables.table.calendar"));
  page.set("calendar_href", base_of(t->id) + "/calendar");
  page.set("calendar_text", page.text("tables.table.calendar_link"));
  // Individual cases (web/cases): linked where the basis allows them.
  page.set("has_cases", tb::allows_individual_cases(t->basis));
  page.set("cases_href", base_of(t->id) + "/cases");
  page.set("cases_text", page.text("cases.table_link"));
  page.set("calendar_hint", page.text("tables.table.calendar_hint"));
  page.set("history_href", base_of(t->id) + "/history");
  page.set("history_text", page.text("tables.history.link"));
  page.set("can_add_meeting", chair);
  page.set("add_meeting_heading", page.text("tables.meeting.add"));
  page.set("add_meeting_action", base_of(t->id) + "/meetings");
  page.set("label_date", page.text("tables.field.start_date"));
  page.set("label_time", page.text("tables.field.start_time"));
  page.set("label_duration", page.text("tables.field.duration"));
  page.set("label_venue", page.text("tables.field.venue"));
  page.set("hint_date", page.text("tables.hint.date"));
  page.set("hint_time", page.text("tables.hint.time"));
  page.set("add_meeting_submit", page.text("tables.meeting.add_submit"));
  return no_store(page.render("tables/table", status));
}

namespace {

// --- history ---------------------------------------------------------------

http::Response history_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                            std::int64_t table_id) {
  auto h = ctx.tables->history(caller_of(request, who), table_id);
  if (!h) return refusal(request, ctx.options, h.error());
  const tb::Table& t = h->table;
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string title = page.text("tables.history.title", {{"table", t.name}});
  page.set_title(title);
  page.set("heading", title);
  page.set("caption", t.name);
  page.set("back_href", base_of(t.id));
  page.set("back_text", page.text("tables.meeting.back", {{"table", t.name}}));
  std::vector<data> sections;
  Section meetings{"past-meetings", page.text("tables.history.meetings"),
                   {page.text("tables.field.when"), page.text("tables.field.status"), page.text("tables.field.present"),
                    page.text("tables.field.minutes")}};
  meetings.empty_text = page.text("tables.history.no_meetings");
  for (auto id : h->history.past_meetings) {
    const tb::Meeting* m = t.find_meeting(id);
    std::string present;
    for (auto org : m->attending_organisations()) present += (present.empty() ? "" : ", ") + names.organisation(org);
    std::string minutes = !m->minutes.current() ? "—"
                          : m->minutes.frozen() ? page.text("tables.minutes.frozen")
                                                : page.text("tables.minutes.draft");
    meetings.row(cell(when(m->local_start), base_of(t.id, m->id)),
                 cell(page.text("tables.status." + std::string(tb::name_of(m->status)))),
                 cell(present.empty() ? "—" : present), cell(minutes));
  }
  sections.push_back(meetings.build());
  Section attendance{"attendance-per-organisation", page.text("tables.history.attendance"),
                     {page.text("tables.field.organisation"), page.text("tables.history.present"),
                      page.text("tables.history.excused"), page.text("tables.history.absent"),
                      page.text("tables.history.rate")}};
  for (const auto& a : h->history.attendance) {
    attendance.row(cell(names.organisation(a.organisation)), cell(std::to_string(a.present)),
                   cell(std::to_string(a.excused)), cell(std::to_string(a.absent)),
                   cell(page.text("tables.history.percent", {{"n", std::int64_t{a.rate_percent}}})));
  }
  attendance.note = page.text("tables.table.attendance_note", {{"held", std::int64_t{h->history.held}}});
  sections.push_back(attendance.build());
  Section actions{"actions-per-organisation", page.text("tables.history.actions"),
                  {page.text("tables.field.organisation"), page.text("tables.history.on_time"),
                   page.text("tables.history.late"), page.text("tables.history.open"),
                   page.text("tables.history.overdue")}};
  actions.empty_text = page.text("tables.table.no_actions");
  auto counts_row = [&](std::string who_text, const tb::ActionCounts& c) {
    actions.row(cell(std::move(who_text)), cell(std::to_string(c.done_on_time)), cell(std::to_string(c.done_late)),
                cell(std::to_string(c.open)), cell(std::to_string(c.overdue)));
  };
  for (const auto& o : h->history.actions_by_organisation) counts_row(names.organisation(o.organisation), o.counts);
  if (!h->history.actions_by_organisation.empty()) counts_row(page.text("tables.history.total"), h->history.actions);
  sections.push_back(actions.build());
  data list{data::type::list};
  for (auto& s : sections) list.push_back(s);
  page.set("sections", list);
  return no_store(page.render("tables/history"));
}

}  // namespace

void register_table_view_pages(http::Router& router, const Ctx& ctx) {
  TableService* s = ctx.tables;
  router.add("GET", "/tables/{id}", guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return table_view(r, ctx, who, ids->table);
             }));
  router.add("GET", "/tables/{id}/calendar",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               auto text = s->table_feed(caller_of(r, who), ids->table);
               if (!text) return refusal(r, ctx.options, text.error());
               http::Response response = http::Response::text(200, std::move(*text));
               response.set_header("Content-Type", "text/calendar; charset=utf-8");
               response.set_header("Content-Disposition",
                                   "attachment; filename=\"table-" + std::to_string(ids->table) + ".ics\"");
               return no_store(std::move(response));
             }));
  router.add("POST", "/tables/{id}/meetings",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               Page page(r, ctx.options, "tables");
               auto start = tb::parse_local_time(form.value("start_date") + "T" + form.value("start_time"));
               if (!start) return table_view(r, ctx, who, ids->table, problem_text(page, start.error()), 400);
               auto m = s->add_meeting(caller_of(r, who), ids->table, *start, int_of(form.value("duration"), 90),
                                       form.value("venue"), "");
               if (!m) {
                 if (refused(m.error())) return refusal(r, ctx.options, m.error());
                 return table_view(r, ctx, who, ids->table, problem_text(page, m.error()), table_status_for(m.error()));
               }
               return see_other(base_of(ids->table, m->id));
             }));
  router.add("POST", "/tables/{id}/basis-approval",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               auto approved = s->approve_basis(caller_of(r, who), ids->table);
               if (!approved) {
                 if (refused(approved.error())) return refusal(r, ctx.options, approved.error());
                 Page page(r, ctx.options, "tables");
                 return table_view(r, ctx, who, ids->table, problem_text(page, approved.error()),
                                   table_status_for(approved.error()));
               }
               return see_other(base_of(ids->table) + "?done=basis_approved");
             }));
  // The retention period of closed cases: the table saved as it is with only the
  // period changed (an audited table change, chair only).
  router.add("POST", "/tables/{id}/retention",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               Page page(r, ctx.options, "tables");
               auto t = s->table_minutes(caller_of(r, who), ids->table);
               if (!t) return refusal(r, ctx.options, t.error());
               app::tables::TableDraft d{t->name,       t->kind,     t->basis,     t->basis_reference, t->basis_document,
                                         t->finality,   t->finality_statement, t->agreement, std::nullopt,
                                         t->members,    t->delegates, ""};
               if (!form.value("case_retention_days").empty()) {
                 auto days = parse_record_id(form.value("case_retention_days"));
                 if (!days || *days > tb::kMaxRetentionDays) {
                   return table_view(r, ctx, who, ids->table,
                                     problem_text(page, Error{"invalid_input", "case_retention_days"}), 422);
                 }
                 d.case_retention_days = static_cast<std::int32_t>(*days);
               }
               auto saved = s->update_table(caller_of(r, who), ids->table, std::move(d));
               if (!saved) {
                 if (refused(saved.error())) return refusal(r, ctx.options, saved.error());
                 return table_view(r, ctx, who, ids->table, problem_text(page, saved.error()),
                                   table_status_for(saved.error()));
               }
               return see_other(base_of(ids->table) + "?done=saved");
             }));
  router.add("POST", "/tables/{id}/actions/{action}/status",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               auto status = tb::parse_action_status(form.value("status").empty() ? "done" : form.value("status"));
               if (!status) return refusal(r, ctx.options, Error{"invalid_input", "status"});
               auto a = s->set_action_status(caller_of(r, who), ids->table, ids->action, *status);
               if (!a) {
                 if (refused(a.error())) return refusal(r, ctx.options, a.error());
                 Page page(r, ctx.options, "tables");
                 return table_view(r, ctx, who, ids->table, problem_text(page, a.error()), table_status_for(a.error()));
               }
               return see_other(safe_next(form.get("next"), base_of(ids->table)));
             }));

  router.add("GET", "/tables/{id}/history",
             guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return history_page(r, ctx, who, ids->table);
             }));
}

}  // namespace tafel::web::table_pages
