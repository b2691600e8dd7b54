// The DPO review queue: GET /dpo/reviews, GET /dpo/reviews/{id} (the review, and the
// report it is about), POST /dpo/reviews/{id}/question, /accept and /not-accept.

#include "web/account_pages_support.h"
#include "web/necessity/page_support.h"

namespace tafel::web::necessity_pages {

using kainjow::mustache::data;
namespace nc = tafel::necessity;

namespace {

std::string kind_text(const Page& page, const std::string& kind) {
  if (kind == "necessity_report" || kind == "contribution") return page.text("necessity.dpo.kind." + kind);
  return page.text("necessity.dpo.kind.other");
}

std::string author_name(const Ctx& ctx, access::UserId id) {
  if (auto user = ctx.accounts.accounts->find_user(id); user && *user) return (*user)->display_name;
  return "#" + std::to_string(id);
}

http::Response render_review(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                             std::int64_t id, const std::optional<Error>& problem) {
  auto view = ctx.service->review(caller_of(request, who), id);
  if (!view) return page_error(request, ctx.options, view.error());
  const nc::Review& r = view->review;
  Page page(request, ctx.options, "reviews");
  page.set_viewer(who);
  const std::string title = page.text("necessity.dpo.review_title", {{"number", std::to_string(id)}});
  page.set_title(title);
  page.set("heading", title);
  page.set("caption", kind_text(page, r.kind));
  set_notice(page, request);
  page.set("back", page.text("necessity.dpo.back"));
  page.set("summary_label", page.text("necessity.dpo.summary"));
  // The stored summary is the queueing area's plain line (English, for the API); people
  // read the kind and number of the record in their own language.
  page.set("summary", page.text("necessity.dpo.subject_line",
                                {{"kind", kind_text(page, r.kind)}, {"number", std::to_string(r.subject)}}));
  page.set("author_label", page.text("necessity.detail.author"));
  page.set("author", author_name(ctx, r.author));
  page.set("state_label", page.text("necessity.head.state"));
  page.set("state", page.text("necessity.state." + std::string(nc::name_of(r.state))));
  if (view->report) {
    page.set("has_report", true);
    page.set("checklist_heading", page.text("necessity.report.checklist"));
    page.set("details", report_rows(page, *view->report, organisation_names(ctx, who.principal)));
  }
  page.set("review_heading", page.text("necessity.report.review"));
  page.set("steps", step_rows(page, r));
  page.set("no_steps", r.steps.empty());
  page.set("no_steps_text", page.text("necessity.report.no_steps"));
  page.set("open", r.open());
  const std::string base = "/dpo/reviews/" + std::to_string(id);
  page.set("base", base);
  page.set("ask_label", page.text("necessity.dpo.ask"));
  page.set("ask_submit", page.text("necessity.dpo.ask_submit"));
  page.set("conclude_heading", page.text("necessity.dpo.accept_heading"));
  page.set("accept", page.text("necessity.dpo.accept"));
  page.set("reason_label", page.text("necessity.dpo.not_accept_reason"));
  page.set("not_accept", page.text("necessity.dpo.not_accept"));
  int status = 200;
  if (problem) {
    page.set("has_problem", true);
    page.set("problem_label", page.text("necessity.error.summary"));
    page.set("problem", problem_text(page, *problem));
    status = necessity_status_for(*problem);
  }
  return no_store(page.render("necessity/review", status));
}

}  // namespace

http::Response queue_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who) {
  auto queue = ctx.service->queue(caller_of(request, who));
  if (!queue) return page_error(request, ctx.options, queue.error());
  Page page(request, ctx.options, "reviews");
  page.set_viewer(who);
  page.set_title(page.text("necessity.dpo.title"));
  data rows{data::type::list};
  for (const auto& r : *queue) {
    data d;
    d.set("href", "/dpo/reviews/" + std::to_string(r.id));
    d.set("title", page.text("necessity.dpo.review_title", {{"number", std::to_string(r.id)}}));
    d.set("kind", kind_text(page, r.kind));
    d.set("author", author_name(ctx, r.author));
    d.set("date", time_text(r.created_at_us));
    d.set("state", page.text("necessity.state." + std::string(nc::name_of(r.state))));
    rows.push_back(d);
  }
  page.set("heading", page.text("necessity.dpo.title"));
  page.set("intro", page.text("necessity.dpo.intro"));
  page.set("head_subject", page.text("necessity.head.subject"));
  page.set("head_author", page.text("necessity.head.author"));
  page.set("head_date", page.text("necessity.head.date"));
  page.set("head_state", page.text("necessity.head.state"));
  page.set("rows", rows);
  page.set("empty", queue->empty());
  page.set("empty_text", page.text("necessity.dpo.empty"));
  return no_store(page.render("necessity/queue"));
}

http::Response review_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           std::int64_t id) {
  return render_review(ctx, request, who, id, std::nullopt);
}

http::Response review_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           const http::Form& form, std::int64_t id, const std::string& part) {
  auto caller = caller_of(request, who);
  Result<nc::Review> done = fail("not_found", "no such step");
  std::string notice;
  if (part == "question") {
    done = ctx.service->ask(caller, id, form.value("question"));
    notice = "asked";
  } else if (part == "accept") {
    done = ctx.service->accept(caller, id);
    notice = "accepted";
  } else if (part == "not-accept") {
    done = ctx.service->not_accept(caller, id, form.value("reason"));
    notice = "not_accepted";
  }
  if (!done) {
    const auto& e = done.error();
    if (e.code == "invalid_input" || e.code == "review_closed" || e.code == "conflict") {
      return render_review(ctx, request, who, id, e);
    }
    return page_error(request, ctx.options, e);
  }
  return http::Response::redirect("/dpo/reviews/" + std::to_string(id) + "?done=" + notice);
}

}  // namespace tafel::web::necessity_pages
