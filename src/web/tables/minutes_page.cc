// The minutes of a meeting: printable, and as Markdown.
#include "web/tables/table_pages_support.h"

#include "web/tables/table_markdown.h"

namespace tafel::web::table_pages {
namespace {

// Printable minutes: what was decided and agreed, the minutes, their approvals.
http::Response minutes_print(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                             std::int64_t table_id, std::int64_t meeting_id) {
  auto t = ctx.tables->table_minutes(caller_of(request, who), table_id);
  if (!t) return refusal(request, ctx.options, t.error());
  const tb::Meeting* m = t->find_meeting(meeting_id);
  if (!m) return refusal(request, ctx.options, Error{"not_found", "no such meeting"});
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string title = page.text("tables.print.title", {{"when", when(m->local_start)}});
  page.set_title(title + " – " + t->name);
  page.set("heading", title);
  page.set("caption", t->name);
  page.set("back_href", base_of(t->id, m->id));
  page.set("back_text", page.text("tables.print.back"));
  const tb::MinutesVersion* current = m->minutes.current();
  page.set("has_minutes", current != nullptr);
  page.set("no_minutes_text", page.text("tables.minutes.none"));
  if (current) {
    page.set("minutes_tokens", markdown_tokens(current->markdown));
    page.set("state", m->minutes.frozen()
                          ? page.text("tables.minutes.frozen_version", {{"number", std::int64_t{current->number}}})
                          : page.text("tables.minutes.draft_version", {{"number", std::int64_t{current->number}}}));
  }
  std::string present;
  for (const auto& a : m->attendance) {
    if (a.presence == tb::Presence::present) {
      present += (present.empty() ? "" : ", ") + names.user(a.user) + " (" + names.organisation(a.organisation) + ")";
    }
  }
  data summary{data::type::list};
  auto add = [&](const char* key, std::string value) {
    data item;
    item.set("key", page.text(key));
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add("tables.field.venue", m->venue.empty() ? "—" : m->venue);
  add("tables.field.present", present.empty() ? "—" : present);
  if (current) {
    std::string approved;
    for (auto org : current->approvals) approved += (approved.empty() ? "" : ", ") + names.organisation(org);
    add("tables.field.approved", approved.empty() ? "—" : approved);
  }
  page.set("summary", summary);
  page.set("decisions_heading", page.text("tables.decisions.heading"));
  data decisions{data::type::list};
  for (const auto& d : m->decisions) decisions.push_back(data("text", d.text));
  page.set("decisions", decisions);
  page.set("actions_heading", page.text("tables.actions.heading"));
  data actions{data::type::list};
  for (const auto& a : t->actions) {
    if (a.meeting_id != m->id) continue;
    actions.push_back(data("text", page.text("tables.actions.line", {{"action", a.description},
                                                                     {"owner", names.organisation(a.owner_organisation)},
                                                                     {"due", date_text(a.due)},
                                                                     {"status", page.text("tables.action_status." + std::string(tb::name_of(a.status)))}})));
  }
  page.set("actions", actions);
  page.set("minutes_heading", page.text("tables.minutes.heading"));
  return no_store(page.render("tables/minutes"));
}

http::Response minutes_markdown(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                                std::int64_t table_id, std::int64_t meeting_id) {
  auto t = ctx.tables->table_minutes(caller_of(request, who), table_id);
  if (!t) return refusal(request, ctx.options, t.error());
  const tb::Meeting* m = t->find_meeting(meeting_id);
  if (!m || !m->minutes.current()) return refusal(request, ctx.options, Error{"not_found", "no minutes"});
  http::Response r = http::Response::text(200, m->minutes.current()->markdown);
  r.set_header("Content-Type", "text/markdown; charset=utf-8");
  r.set_header("Content-Disposition", "attachment; filename=\"minutes-" + std::to_string(table_id) + "-" +
                                          std::to_string(meeting_id) + ".md\"");
  return no_store(std::move(r));
}

}  // namespace

void register_minutes_pages(http::Router& router, const Ctx& ctx) {
;
  const std::string meeting = "/tables/{id}/meetings/{meeting}";
  router.add("GET", meeting + "/minutes",
             guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return minutes_print(r, ctx, who, ids->table, ids->meeting);
             }));
  router.add("GET", meeting + "/minutes/markdown",
             guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return minutes_markdown(r, ctx, who, ids->table, ids->meeting);
             }));
}

}  // namespace tafel::web::table_pages
