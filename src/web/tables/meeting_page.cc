// The meeting page (agenda, attendance, secrecy, decisions, actions, carry-over, declined,
// minutes, feedback) and the personal details of a case item.
#include "web/tables/table_pages_support.h"

#include <algorithm>

#include "app/authorization.h"
#include "web/tables/table_api.h"
#include "web/tables/table_markdown.h"

namespace tafel::web::table_pages {

// --- the meeting ----------------------------------------------------------------------------

http::Response meeting_view(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                            std::int64_t table_id, std::int64_t meeting_id, const std::string& problem,
                            int status) {
  auto t = ctx.tables->table(caller_of(request, who), table_id);
  if (!t) return refusal(request, ctx.options, t.error());
  const tb::Meeting* m = t->find_meeting(meeting_id);
  if (!m) return refusal(request, ctx.options, Error{"not_found", "no such meeting"});
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who,
                            "");
  std::string title = page.text("tables.meeting.title", {{"when", when(m->local_start)}});
  page.set_title(title + " – " + t->name);
  page.set("heading", title);
  page.set("caption", t->name);
  page.set("back_href", base_of(t->id));
  page.set("back_text", page.text("tables.meeting.back", {{"table", t->name}}));
  set_notice(page, request);
  set_problem(page, problem);
  const std::string base = base_of(t->id, m->id);
  const auto standing = tb::standing_at(*t, who.principal.user_id, who.principal.organisation_id);
  const bool chair = standing.role == tb::TableRole::chair;
  const bool secretary = standing.role == tb::TableRole::secretary;
  const bool runs = chair || secretary;
  // Observers see the schedule and the agenda, not what was said (issue 11, point 4).
  const bool sees_minutes = static_cast<bool>(app::authorize(who.principal, tb::TableAction::view_minutes, standing));
  page.set("sees_minutes", sees_minutes);
  page.set("minutes_restricted", page.text("tables.minutes.restricted"));
  const bool open = m->status == tb::MeetingStatus::open;
  const bool planned = m->status == tb::MeetingStatus::planned;
  const bool closed = m->status == tb::MeetingStatus::closed;
  const bool cancelled = m->status == tb::MeetingStatus::cancelled;
  page.set("status_label", page.text("tables.field.status"));
  page.set("status", page.text("tables.status." + std::string(tb::name_of(m->status))));
  page.set("venue_label", page.text("tables.field.venue"));
  page.set("venue", m->venue.empty() ? "—" : m->venue);
  page.set("has_video", !m->video_link.empty());
  page.set("video_label", page.text("tables.field.video_link"));
  page.set("video_link", m->video_link);
  page.set("base", base);

  // Status changes.
  data status_buttons{data::type::list};
  auto status_button = [&](const char* value, const char* key) {
    data b;
    b.set("value", value);
    b.set("text", page.text(key));
    status_buttons.push_back(b);
  };
  if (runs && planned) status_button("open", "tables.meeting.open");
  if (runs && open) status_button("close", "tables.meeting.close");
  if (chair && planned) status_button("cancel", "tables.meeting.cancel");
  page.set("status_buttons", status_buttons);
  page.set("has_status_buttons", !status_buttons.is_empty_list());

  // Agenda: quick items apart from situations and cases.
  page.set("agenda_heading", page.text("tables.agenda.heading"));
  page.set("agenda_head", string_list({page.text("tables.field.item"), page.text("tables.field.owner"),
                                       page.text("tables.field.time_box"), page.text("tables.field.time_used")}));
  data groups{data::type::list};
  int boxed = 0, used = 0;
  for (bool quick : {true, false}) {
    data items{data::type::list};
    for (const auto& i : m->agenda) {
      if (tb::is_quick(i.kind) != quick) continue;
      boxed += i.time_box_minutes;
      used += i.minutes_used;
      data item;
      item.set("title", i.title);
      item.set("kind", page.text("tables.item_kind." + std::string(tb::name_of(i.kind))));
      item.set("owner", names.user(i.owner_user) + " (" + names.organisation(i.owner_organisation) + ")");
      item.set("time_box", page.text("tables.minutes_count", {{"n", std::int64_t{i.time_box_minutes}}}));
      item.set("time_used", i.minutes_used ? page.text("tables.minutes_count", {{"n", std::int64_t{i.minutes_used}}}) : "—");
      item.set("over", i.minutes_used > i.time_box_minutes);
      item.set("over_text", page.text("tables.agenda.over"));
      item.set("is_case", i.kind == tb::ItemKind::case_item);
      std::string carried;
      if (i.carried_over_from != 0) {
        for (const auto& earlier : t->meetings) {
          if (earlier.find_item(i.carried_over_from)) {
            carried = page.text("tables.agenda.carried_from", {{"when", when(earlier.local_start)}});
          }
        }
      }
      item.set("has_carried_from", !carried.empty());
      item.set("carried_from", carried);
      item.set("marked", i.carry_over);
      item.set("marked_text", page.text("tables.agenda.marked"));
      data declined_here{data::type::list};
      for (const auto& d : tb::declined_on(*m, i.id)) {
        declined_here.push_back(data(
            "text", page.text("tables.agenda.declined", {{"organisation", names.organisation(d.organisation)}})));
      }
      item.set("declined", declined_here);
      item.set("case_href", base + "/items/" + std::to_string(i.id) + "/case");
      item.set("case_text", page.text("tables.agenda.case_link"));
      items.push_back(item);
    }
    data g;
    g.set("heading", page.text(quick ? "tables.agenda.quick" : "tables.agenda.complex"));
    g.set("items", items);
    g.set("empty", items.is_empty_list());
    g.set("empty_text", page.text("tables.agenda.empty"));
    groups.push_back(g);
  }
  page.set("agenda_groups", groups);
  page.set("agenda_total", page.text("tables.agenda.total", {{"boxed", std::int64_t{boxed}}, {"used", std::int64_t{used}}}));
  data item_choices{data::type::list};
  std::vector<std::pair<std::string, std::string>> items_for_select;
  for (const auto& i : m->agenda) items_for_select.emplace_back(std::to_string(i.id), i.title);
  page.set("can_add_item", chair && !closed && !cancelled);
  page.set("can_time", runs && !m->agenda.empty() && (open || closed));
  page.set("item_choices", choices(items_for_select));
  std::vector<std::pair<std::string, std::string>> kinds;
  for (auto k : {tb::ItemKind::information, tb::ItemKind::decision, tb::ItemKind::situation, tb::ItemKind::case_item}) {
    if (k == tb::ItemKind::case_item && !tb::allows_individual_cases(t->basis)) continue;
    kinds.emplace_back(std::string(tb::name_of(k)), page.text("tables.item_kind." + std::string(tb::name_of(k))));
  }
  page.set("kind_choices", choices(kinds));
  std::vector<std::pair<std::string, std::string>> orgs;
  for (auto org : t->members) orgs.emplace_back(std::to_string(org), names.organisation(org));
  page.set("organisation_choices", choices(orgs, std::to_string(who.principal.organisation_id)));
  std::vector<std::pair<std::string, std::string>> delegates;
  for (const auto& d : t->delegates) {
    delegates.emplace_back(std::to_string(d.user), names.user(d.user) + " (" + names.organisation(d.organisation) + ")");
  }
  page.set("delegate_choices", choices(delegates, std::to_string(who.principal.user_id)));
  std::vector<std::pair<std::string, std::string>> owners = {{"", page.text("tables.action.no_person")}};
  owners.insert(owners.end(), delegates.begin(), delegates.end());
  page.set("owner_choices", choices(owners));
  for (const char* key : {"item_heading", "kind", "title", "time_box", "owner_organisation", "case_id",
                          "case_hint", "add_item", "time_heading", "item", "minutes_used", "save_time"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }

  // Open actions of the table come back on every agenda.
  data carried{data::type::list};
  for (const auto& a : t->actions) {
    if (a.status != tb::ActionStatus::open || a.meeting_id == m->id) continue;
    data item;
    item.set("text", page.text("tables.agenda.open_action", {{"action", a.description},
                                                             {"organisation", names.organisation(a.owner_organisation)},
                                                             {"due", date_text(a.due)}}));
    carried.push_back(item);
  }
  page.set("open_actions_heading", page.text("tables.agenda.open_actions"));
  page.set("carried", carried);
  page.set("has_carried", !carried.is_empty_list());

  // Carried over, declined to share (issue 6, points 3 and 4).
  {
    const auto attending_now = m->attending_organisations();
    const bool own_attends = std::find(attending_now.begin(), attending_now.end(), who.principal.organisation_id) !=
                             attending_now.end();
    std::vector<std::pair<std::string, std::string>> complex_items, carry_items;
    data marked{data::type::list};
    for (const auto& i : m->agenda) {
      if (!tb::is_quick(i.kind)) complex_items.emplace_back(std::to_string(i.id), i.title);
      if (!i.carry_over) carry_items.emplace_back(std::to_string(i.id), i.title);
      if (i.carry_over) {
        data x;
        x.set("item", std::to_string(i.id));
        x.set("text", page.text("tables.carry.unmark", {{"item", i.title}}));
        marked.push_back(x);
      }
    }
    page.set("can_carry", runs && open && !carry_items.empty());
    page.set("carry_choices", choices(carry_items));
    page.set("marked", marked);
    page.set("has_marked", runs && open && !marked.is_empty_list());
    page.set("can_carry_again", runs && closed);
    for (const char* key : {"heading", "hint", "mark", "again"}) {
      page.set(std::string("carry_") + key, page.text(std::string("tables.carry.") + key));
    }
    page.set("declined_heading", page.text("tables.declined.heading"));
    page.set("declined_intro", page.text("tables.declined.intro"));
    page.set("declined_reason_label", page.text("tables.declined.reason_label"));
    page.set("declined_record", page.text("tables.declined.record"));
    data declined{data::type::list}, own_declined{data::type::list};
    for (const auto& d : m->declined) {
      const tb::AgendaItem* i = m->find_item(d.item_id);
      std::string item_title = i ? i->title : "";
      std::string text = d.reason == tb::DeclineReason::none
                             ? page.text("tables.agenda.declined", {{"organisation", names.organisation(d.organisation)}})
                             : page.text("tables.agenda.declined_reason",
                                         {{"organisation", names.organisation(d.organisation)},
                                          {"reason", page.text("tables.decline_reason." + std::string(tb::name_of(d.reason)))}});
      declined.push_back(data("text", item_title + ": " + text));
      if (d.organisation == who.principal.organisation_id && open && standing.role) {
        data x;
        x.set("item", std::to_string(d.item_id));
        x.set("text", page.text("tables.declined.withdraw", {{"item", item_title}}));
        own_declined.push_back(x);
      }
    }
    page.set("declined", declined);
    page.set("no_declined", declined.is_empty_list());
    page.set("no_declined_text", page.text("tables.declined.none"));
    page.set("own_declined", own_declined);
    page.set("can_decline", standing.role.has_value() && open && own_attends && !complex_items.empty());
    page.set("decline_choices", choices(complex_items));
    std::vector<std::pair<std::string, std::string>> reasons;
    for (auto r : tb::kDeclineReasons) {
      reasons.emplace_back(std::string(tb::name_of(r)), page.text("tables.decline_reason." + std::string(tb::name_of(r))));
    }
    page.set("reason_choices", choices(reasons, "none"));
  }

  // Feedback forms to police or prosecution (point 5).
  {
    page.set("feedback_heading", page.text("tables.feedback.heading"));
    page.set("no_feedback_text", page.text("tables.feedback.none"));
    data forms{data::type::list};
    for (const auto& f : m->feedback) {
      data x;
      x.set("href", base + "/feedback/" + std::to_string(f.id));
      x.set("text", page.text("tables.feedback.line",
                              {{"recipient", names.organisation(f.recipient)},
                               {"state", page.text("tables.feedback_state." + std::string(tb::name_of(f.state)))}}));
      forms.push_back(x);
    }
    page.set("feedback_forms", forms);
    page.set("no_feedback", forms.is_empty_list());
    const bool may_draft = chair && (open || closed) && !m->agenda.empty();
    page.set("can_draft_feedback", may_draft);
    if (may_draft) {
      std::vector<std::pair<std::string, std::string>> recipients;
      if (auto directory_orgs = ctx.accounts.directory->organisations(who.principal)) {
        for (const auto& o : *directory_orgs) {
          if (o.sector == sharing::Sector::police || o.sector == sharing::Sector::prosecution) {
            recipients.emplace_back(std::to_string(o.id), o.name);
          }
        }
      }
      page.set("recipient_choices", choices(recipients));
      data feedback_items{data::type::list};
      for (const auto& i : m->agenda) {
        data x;
        x.set("value", std::to_string(i.id));
        x.set("label", i.title);
        feedback_items.push_back(x);
      }
      page.set("feedback_items", feedback_items);
      data categories{data::type::list};
      for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
        std::string n(sharing::name_of(static_cast<sharing::Category>(i)));
        data x;
        x.set("value", n);
        x.set("label", page.text("sharing.category." + n));
        categories.push_back(x);
      }
      page.set("feedback_categories", categories);
      std::vector<std::pair<std::string, std::string>> purposes;
      for (std::size_t i = 0; i < sharing::term_count<sharing::Purpose>(); ++i) {
        std::string n(sharing::name_of(static_cast<sharing::Purpose>(i)));
        purposes.emplace_back(n, page.text("sharing.purpose." + n));
      }
      page.set("purpose_choices", choices(purposes, "coordination"));
      for (const char* key : {"new", "recipient", "items", "text", "categories", "purpose", "create"}) {
        page.set(std::string("fb_") + key, page.text(std::string("tables.feedback.") + key));
      }
    }
  }

  // Attendance per organisation.
  page.set("attendance_heading", page.text("tables.attendance.heading"));
  data attendance{data::type::list};
  for (auto org : t->members) {
    std::string people_text;
    for (const auto& a : m->attendance) {
      if (a.organisation != org) continue;
      people_text += (people_text.empty() ? "" : ", ") + names.user(a.user) + " — " +
                     page.text("tables.presence." + std::string(tb::name_of(a.presence)));
    }
    data row;
    row.set("organisation", names.organisation(org));
    row.set("people", people_text.empty() ? page.text("tables.attendance.none") : people_text);
    attendance.push_back(row);
  }
  page.set("attendance", attendance);
  page.set("attendance_head", string_list({page.text("tables.field.organisation"), page.text("tables.field.present")}));
  page.set("can_attendance", runs && !cancelled && !closed && !m->minutes.frozen());
  std::vector<std::pair<std::string, std::string>> presences;
  for (auto p : {tb::Presence::present, tb::Presence::excused, tb::Presence::absent}) {
    presences.emplace_back(std::string(tb::name_of(p)), page.text("tables.presence." + std::string(tb::name_of(p))));
  }
  page.set("presence_choices", choices(presences, "present"));
  for (const char* key : {"person", "presence", "record_attendance"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }

  // Secrecy: the text, who acknowledged it, and the viewer's own step.
  page.set("secrecy_heading", page.text("tables.secrecy.heading"));
  const int version = t->secrecy_version();
  page.set("has_secrecy", version > 0);
  page.set("secrecy_none", page.text("tables.secrecy.none"));
  if (version > 0) {
    page.set("secrecy_version", page.text("tables.secrecy.version", {{"version", std::int64_t{version}}}));
    page.set("secrecy_text", t->secrecy.back().text);
  }
  data acks{data::type::list};
  for (const auto& a : m->acknowledgements) {
    acks.push_back(data("text", page.text(a.version == version ? "tables.secrecy.acknowledged_by"
                                                               : "tables.secrecy.acknowledged_old",
                                          {{"person", names.user(a.user)},
                                           {"organisation", names.organisation(a.organisation)},
                                           {"version", std::int64_t{a.version}}})));
  }
  page.set("acknowledgements", acks);
  const bool acknowledged = m->acknowledged(who.principal.user_id, version);
  page.set("can_acknowledge", standing.role.has_value() && version > 0 && !acknowledged && !cancelled);
  page.set("acknowledged", acknowledged && version > 0);
  page.set("acknowledged_text", page.text("tables.secrecy.you_acknowledged"));
  page.set("acknowledge_text", page.text("tables.secrecy.acknowledge"));
  page.set("acknowledge_intro", page.text("tables.secrecy.intro"));
  page.set("decline_text", page.text("tables.secrecy.decline_note"));

  // Decisions and actions, captured live.
  page.set("decisions_heading", page.text("tables.decisions.heading"));
  data decisions{data::type::list};
  for (const auto& d : m->decisions) {
    std::string about;
    if (const auto* i = m->find_item(d.item_id)) about = i->title;
    data item;
    item.set("text", d.text);
    item.set("has_about", !about.empty());
    item.set("about", page.text("tables.decisions.about", {{"item", about}}));
    decisions.push_back(item);
  }
  page.set("decisions", decisions);
  page.set("no_decisions", decisions.is_empty_list());
  page.set("no_decisions_text", page.text("tables.decisions.none"));
  page.set("can_capture", runs && open);
  std::vector<std::pair<std::string, std::string>> about_items = {{"", page.text("tables.decisions.no_item")}};
  about_items.insert(about_items.end(), items_for_select.begin(), items_for_select.end());
  page.set("about_choices", choices(about_items));
  page.set("actions_heading", page.text("tables.actions.heading"));
  data actions{data::type::list};
  for (const auto& a : t->actions) {
    if (a.meeting_id != m->id) continue;
    std::string owner = names.organisation(a.owner_organisation);
    if (a.owner_user) owner += " — " + names.user(a.owner_user);
    actions.push_back(data("text", page.text("tables.actions.line", {{"action", a.description},
                                                                     {"owner", owner},
                                                                     {"due", date_text(a.due)},
                                                                     {"status", page.text("tables.action_status." + std::string(tb::name_of(a.status)))}})));
  }
  page.set("actions", actions);
  page.set("no_actions", actions.is_empty_list());
  page.set("no_actions_text", page.text("tables.actions.none"));
  for (const char* key : {"decision", "about_item", "add_decision", "description", "owner_person", "due", "due_hint",
                          "add_action"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }

  // Minutes.
  page.set("minutes_heading", page.text("tables.minutes.heading"));
  const tb::MinutesVersion* current = m->minutes.current();
  page.set("has_minutes", current != nullptr);
  page.set("no_minutes_text", page.text("tables.minutes.none"));
  const auto attending = m->attending_organisations();
  if (current) {
    page.set("minutes_tokens", markdown_tokens(current->markdown));
    page.set("minutes_state",
             m->minutes.frozen() ? page.text("tables.minutes.frozen_version", {{"number", std::int64_t{current->number}}})
                                 : page.text("tables.minutes.draft_version", {{"number", std::int64_t{current->number}}}));
    page.set("frozen", m->minutes.frozen());
    std::string approved, pending;
    for (auto org : current->approvals) approved += (approved.empty() ? "" : ", ") + names.organisation(org);
    for (auto org : m->minutes.pending(attending)) pending += (pending.empty() ? "" : ", ") + names.organisation(org);
    page.set("approved_text", page.text("tables.minutes.approved_by", {{"organisations", approved.empty() ? "—" : approved}}));
    page.set("pending_text", page.text("tables.minutes.pending", {{"organisations", pending.empty() ? "—" : pending}}));
    page.set("has_reason", !current->reason.empty());
    page.set("reason_text", page.text("tables.minutes.reason", {{"reason", current->reason}}));
    const bool own_attends = std::find(attending.begin(), attending.end(), who.principal.organisation_id) != attending.end();
    const bool own_approved = std::find(current->approvals.begin(), current->approvals.end(),
                                        who.principal.organisation_id) != current->approvals.end();
    page.set("can_approve", standing.role.has_value() && own_attends && !own_approved && !m->minutes.frozen());
    page.set("approve_text", page.text("tables.minutes.approve",
                                       {{"organisation", names.organisation(who.principal.organisation_id)}}));
    data versions{data::type::list};
    for (const auto& v : m->minutes.versions()) {
      versions.push_back(data("text", page.text(v.reason.empty() ? "tables.minutes.version_line"
                                                                 : "tables.minutes.version_line_reason",
                                                {{"number", std::int64_t{v.number}},
                                                 {"state", page.text(v.frozen ? "tables.minutes.frozen" : "tables.minutes.draft")},
                                                 {"reason", v.reason}})));
    }
    page.set("versions", versions);
    page.set("has_versions", m->minutes.versions().size() > 1);
    page.set("versions_heading", page.text("tables.minutes.versions"));
  }
  const bool may_write = secretary && (open || closed);
  page.set("can_draft", may_write && !m->minutes.frozen());
  page.set("can_correct", may_write && m->minutes.frozen());
  page.set("draft_value", current ? current->markdown : std::string());
  for (const char* key : {"markdown", "markdown_hint", "save_draft", "correction", "reason", "save_correction"}) {
    page.set(std::string("l_") + key, page.text(std::string("tables.form.") + key));
  }
  page.set("print_href", base + "/minutes");
  page.set("print_text", page.text("tables.minutes.print"));
  page.set("markdown_href", base + "/minutes/markdown");
  page.set("markdown_text", page.text("tables.minutes.markdown"));
  page.set("calendar_href", base_of(t->id) + "/calendar");
  page.set("calendar_text", page.text("tables.table.calendar_link"));
  return no_store(page.render("tables/meeting", status));
}

namespace {

http::Response case_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                         std::int64_t table_id, std::int64_t meeting_id, std::int64_t item_id) {
  auto details = ctx.tables->case_of_item(caller_of(request, who), table_id, meeting_id, item_id);
  if (!details && refused(details.error())) return refusal(request, ctx.options, details.error());
  Page page = table_page_of(request, ctx.options, who, "");
  page.set_title(page.text("tables.case.title"));
  page.set("heading", page.text("tables.case.title"));
  page.set("back_href", base_of(table_id, meeting_id));
  page.set("back_text", page.text("tables.print.back"));
  page.set("shown", static_cast<bool>(details));
  if (details) {
    // The details live in the case: link to its page (the case policy applies there).
    page.set("has_case", *details != 0);
    page.set("case_href", "/cases/" + std::to_string(*details));
    page.set("case_text", page.text("cases.case_number", {{"id", *details}}));
    page.set("no_case", page.text("tables.case.no_case"));
    page.set("audited", page.text("tables.case.audited"));
  } else {
    page.set("refusal", problem_text(page, details.error()));
  }
  return no_store(page.render("tables/case", details ? 200 : table_status_for(details.error())));
}

}  // namespace

void register_meeting_pages(http::Router& router, const Ctx& ctx) {
  const std::string meeting = "/tables/{id}/meetings/{meeting}";
  router.add("GET", meeting, guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return meeting_view(r, ctx, who, ids->table, ids->meeting);
             }));
  router.add("GET", meeting + "/items/{item}/case",
             guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return case_page(r, ctx, who, ids->table, ids->meeting, ids->item);
             }));
}

}  // namespace tafel::web::table_pages
