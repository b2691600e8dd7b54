// GET /necessity (my reports and their state), GET /necessity/{id} (one report with
// its review) and POST /necessity/{id}/answer (the author answers the DPO).

#include "web/account_pages_support.h"
#include "web/necessity/page_support.h"

namespace tafel::web::necessity_pages {

using kainjow::mustache::data;
namespace nc = tafel::necessity;

http::Response list_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who) {
  auto reports = ctx.service->my_reports(caller_of(request, who));
  if (!reports) return page_error(request, ctx.options, reports.error());
  Page page(request, ctx.options, "necessity");
  page.set_viewer(who);
  page.set_title(page.text("necessity.index.title"));
  auto names = organisation_names(ctx, who.principal);
  data rows{data::type::list};
  for (const auto& v : *reports) {
    data r;
    r.set("href", "/necessity/" + std::to_string(v.report.id));
    r.set("report", page.text("necessity.report_number", {{"number", std::to_string(v.report.id)}}));
    r.set("date", time_text(v.report.created_at_us));
    r.set("ground", page.text("sharing.ground." + std::string(sharing::name_of(v.report.ground))));
    r.set("recipient", name_in(names, v.report.recipient));
    r.set("state", state_text(page, v.review));
    rows.push_back(r);
  }
  page.set("heading", page.text("necessity.index.title"));
  page.set("intro", page.text("necessity.index.intro"));
  page.set("start", page.text("necessity.index.start"));
  page.set("also", page.text("necessity.index.also"));
  page.set("head_report", page.text("necessity.head.report"));
  page.set("head_date", page.text("necessity.head.date"));
  page.set("head_ground", page.text("necessity.head.ground"));
  page.set("head_recipient", page.text("necessity.head.recipient"));
  page.set("head_state", page.text("necessity.head.state"));
  page.set("rows", rows);
  page.set("empty", reports->empty());
  page.set("empty_text", page.text("necessity.index.empty"));
  return no_store(page.render("necessity/index"));
}

namespace {

http::Response render_report(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                             std::int64_t id, const std::optional<Error>& problem, const std::string& answer_text) {
  auto view = ctx.service->report(caller_of(request, who), id);
  if (!view) return page_error(request, ctx.options, view.error());
  Page page(request, ctx.options, "necessity");
  page.set_viewer(who);
  const std::string title = page.text("necessity.report.title", {{"number", std::to_string(id)}});
  page.set_title(title);
  page.set("heading", title);
  set_notice(page, request);
  const bool author = view->report.author == who.principal.user_id;
  page.set("back", page.text(author ? "necessity.report.back" : "necessity.dpo.back"));
  page.set("back_href", author ? "/necessity" : "/dpo/reviews");
  page.set("checklist_heading", page.text("necessity.report.checklist"));
  page.set("details", report_rows(page, view->report, organisation_names(ctx, who.principal)));
  page.set("decision_heading", page.text("necessity.report.decision"));
  page.set("decided_ground", page.text("sharing.ground." + std::string(sharing::name_of(view->report.decided_ground))));
  page.set("obligations_label", page.text("necessity.report.obligations"));
  data obligations{data::type::list};
  for (const auto& o : view->report.obligations) obligations.push_back(data(page.text("sharing.obligation." + o)));
  page.set("obligations", obligations);
  page.set("review_heading", page.text("necessity.report.review"));
  page.set("state_label", page.text("necessity.head.state"));
  page.set("state", state_text(page, view->review));
  if (view->review) {
    page.set("steps", step_rows(page, *view->review));
    page.set("no_steps", view->review->steps.empty());
    page.set("can_answer", author && view->review->state == nc::ReviewState::question);
    page.set("dpo_href", who.principal.role == access::Role::dpo ? "/dpo/reviews/" + std::to_string(view->review->id)
                                                                  : std::string());
    page.set("is_dpo", who.principal.role == access::Role::dpo);
  }
  page.set("no_steps_text", page.text("necessity.report.no_steps"));
  page.set("to_review", page.text("necessity.report.to_review"));
  page.set("answer_label", page.text("necessity.report.answer"));
  page.set("answer_submit", page.text("necessity.report.answer_submit"));
  page.set("answer_action", "/necessity/" + std::to_string(id) + "/answer");
  page.set("answer_text", answer_text);
  int status = 200;
  if (problem) {
    page.set("has_problem", true);
    page.set("problem_label", page.text("necessity.error.summary"));
    page.set("problem", problem_text(page, *problem));
    status = necessity_status_for(*problem);
  }
  return no_store(page.render("necessity/report", status));
}

}  // namespace

http::Response report_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           std::int64_t id) {
  return render_report(ctx, request, who, id, std::nullopt, "");
}

http::Response answer_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           const http::Form& form, std::int64_t id) {
  std::string text = form.value("answer");
  auto done = ctx.service->answer(caller_of(request, who), id, text);
  if (!done) {
    const auto& e = done.error();
    if (e.code == "invalid_input" || e.code == "no_question" || e.code == "review_closed" || e.code == "conflict") {
      return render_report(ctx, request, who, id, e, text);
    }
    return page_error(request, ctx.options, e);
  }
  return http::Response::redirect("/necessity/" + std::to_string(id) + "?done=answered");
}

}  // namespace tafel::web::necessity_pages
