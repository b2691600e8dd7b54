// The feedback forms of a meeting: drafting, the form, asking for and giving consent.
#include "web/tables/table_pages_support.h"

#include <algorithm>

#include "i18n/sharing_explanation.h"
#include "web/tables/table_api.h"
#include "web/viewer.h"

namespace tafel::web::table_pages {
namespace {

http::Response feedback_page(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                             std::int64_t table_id, std::int64_t meeting_id, std::int64_t feedback_id,
                             const std::string& problem = {}, int status = 200) {
  auto ref = ctx.tables->feedback(caller_of(request, who), table_id, meeting_id, feedback_id);
  if (!ref) return refusal(request, ctx.options, ref.error());
  const tb::FeedbackForm& f = ref->form;
  Names names(ctx, who);
  Page page = table_page_of(request, ctx.options, who, "");
  std::string title = page.text("tables.feedback.title", {{"recipient", names.organisation(f.recipient)}});
  page.set_title(title + " – " + ref->table_name);
  page.set("heading", title);
  page.set("caption", ref->table_name);
  set_notice(page, request);
  set_problem(page, problem);
  // Members go back to the meeting; the recipient to its own overview.
  auto t = ctx.tables->table(caller_of(request, who), table_id);
  const bool member = static_cast<bool>(t);
  page.set("back_href", member ? base_of(table_id, meeting_id) : std::string("/tables"));
  page.set("back_text", member ? page.text("tables.print.back") : page.text("tables.back"));

  data summary{data::type::list};
  auto add = [&](const std::string& key, std::string value) {
    data item;
    item.set("key", key);
    item.set("value", std::move(value));
    summary.push_back(item);
  };
  add(page.text("tables.feedback.meeting_label"), when(ref->meeting_start));
  add(page.text("tables.feedback.state_label"),
      page.text("tables.feedback_state." + std::string(tb::name_of(f.state))));
  std::string items;
  for (const auto& [id, item_title] : ref->items) items += (items.empty() ? "" : "\n") + item_title;
  add(page.text("tables.feedback.items"), items);
  add(page.text("tables.feedback.text"), f.text);
  std::string categories;
  f.categories.for_each([&](sharing::Category c) {
    categories += (categories.empty() ? "" : ", ") + page.text("sharing.category." + std::string(sharing::name_of(c)));
  });
  add(page.text("tables.feedback.categories"), categories);
  add(page.text("tables.feedback.purpose"), page.text("sharing.purpose." + std::string(sharing::name_of(f.purpose))));
  page.set("summary", summary);

  std::string outcome;
  if (f.state == tb::FeedbackState::sent) {
    outcome = page.text("tables.feedback.sent",
                        {{"recipient", names.organisation(f.recipient)},
                         {"date", when(ctx.tables->to_local(f.sent_at_us))}});
  } else if (f.blocked_reason == "refused") {
    outcome = page.text("tables.feedback.refused", {{"organisation", names.organisation(f.blocked_by)}});
  } else if (f.blocked_reason == "not_shared") {
    outcome = page.text("tables.feedback.not_shared", {{"organisation", names.organisation(f.blocked_by)}});
  } else if (f.blocked_reason == "no_decision") {
    outcome = page.text("tables.feedback.no_decision");
  }
  page.set("outcome", outcome);
  const bool explained = f.blocked_reason == "not_shared";
  page.set("has_explanation", explained);
  if (explained) page.set("explanation", string_list(i18n::render_explanation_lines(f.explanation, page.lang())));

  page.set("answers_heading", page.text("tables.feedback.answers"));
  std::vector<std::string> answers;
  for (auto org : ref->attending) {
    auto it = std::find_if(f.answers.begin(), f.answers.end(),
                           [&](const tb::FeedbackAnswer& a) { return a.organisation == org; });
    const char* key = it == f.answers.end() ? "tables.feedback.answer_pending"
                      : it->consent         ? "tables.feedback.answer_consent"
                                            : "tables.feedback.answer_refuse";
    answers.push_back(page.text(key, {{"organisation", names.organisation(org)}}));
  }
  page.set("answers", string_list(answers));
  const std::string own = names.organisation(who.principal.organisation_id);
  const auto standing = member ? tb::standing_at(*t, who.principal.user_id, who.principal.organisation_id)
                               : tb::TableStanding{};
  const bool attends = std::find(ref->attending.begin(), ref->attending.end(), who.principal.organisation_id) !=
                       ref->attending.end();
  const bool answered = std::any_of(f.answers.begin(), f.answers.end(), [&](const tb::FeedbackAnswer& a) {
    return a.organisation == who.principal.organisation_id;
  });
  page.set("action", base_of(table_id, meeting_id) + "/feedback/" + std::to_string(feedback_id));
  page.set("can_submit", standing.role == tb::TableRole::chair && f.state == tb::FeedbackState::draft);
  page.set("submit_text", page.text("tables.feedback.submit"));
  page.set("can_answer",
           standing.role.has_value() && attends && !answered && f.state == tb::FeedbackState::awaiting_consent);
  page.set("consent_text", page.text("tables.feedback.consent", {{"organisation", own}}));
  page.set("refuse_text", page.text("tables.feedback.refuse", {{"organisation", own}}));
  return no_store(page.render("tables/feedback", status));
}

}  // namespace

void register_feedback_pages(http::Router& router, const Ctx& ctx) {
  TableService* s = ctx.tables;
  const std::string meeting = "/tables/{id}/meetings/{meeting}";
  router.add("POST", meeting + "/feedback",
             guarded(ctx, [ctx, s](http::Request& r, const Authenticated& who, const Form& form) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               app::tables::FeedbackDraft d;
               d.recipient = parse_record_id(form.value("recipient")).value_or(0);
               for (const auto& v : form.all("items")) {
                 if (auto id = parse_record_id(v)) d.item_ids.push_back(*id);
               }
               d.text = form.value("text");
               for (const auto& v : form.all("categories")) {
                 if (auto cat = sharing::parse_term<sharing::Category>(v)) d.categories.add(*cat);
               }
               d.purpose = sharing::parse_term<sharing::Purpose>(form.value("purpose")).value_or(sharing::Purpose::coordination);
               auto f = s->draft_feedback(caller_of(r, who), ids->table, ids->meeting, std::move(d));
               if (!f) {
                 if (refused(f.error())) return refusal(r, ctx.options, f.error());
                 Page page(r, ctx.options, "tables");
                 return meeting_view(r, ctx, who, ids->table, ids->meeting, problem_text(page, f.error()),
                                     table_status_for(f.error()));
               }
               return see_other(base_of(ids->table, ids->meeting) + "/feedback/" + std::to_string(f->id) + "?done=saved");
             }));
  router.add("GET", meeting + "/feedback/{feedback}",
             guarded(ctx, [ctx](http::Request& r, const Authenticated& who, const Form&) {
               auto ids = ids_of(r);
               if (!ids) return not_found(r, ctx);
               return feedback_page(r, ctx, who, ids->table, ids->meeting, ids->feedback);
             }));
  auto feedback_post = [&](const std::string& suffix,
                           std::function<Result<void>(const Form&, const Caller&, const Ids&)> change,
                           std::string done) {
    router.add("POST", meeting + "/feedback/{feedback}" + suffix,
               guarded(ctx, [ctx, change, done](http::Request& r, const Authenticated& who,
                                                              const Form& form) {
                 auto ids = ids_of(r);
                 if (!ids) return not_found(r, ctx);
                 auto ok = change(form, caller_of(r, who), *ids);
                 if (!ok) {
                   if (refused(ok.error())) return refusal(r, ctx.options, ok.error());
                   Page page(r, ctx.options, "tables");
                   return feedback_page(r, ctx, who, ids->table, ids->meeting, ids->feedback,
                                        problem_text(page, ok.error()), table_status_for(ok.error()));
                 }
                 return see_other(base_of(ids->table, ids->meeting) + "/feedback/" + std::to_string(ids->feedback) +
                                  "?done=" + done);
               }));
  };
  feedback_post("/submit", [s](const Form&, const Caller& c, const Ids& ids) -> Result<void> {
    return as_void(s->submit_feedback(c, ids.table, ids.meeting, ids.feedback));
  }, "submitted");
  feedback_post("/answers", [s](const Form& f, const Caller& c, const Ids& ids) -> Result<void> {
    std::string v = f.value("consent");
    if (v != "yes" && v != "no") return fail("invalid_input", "consent");
    return as_void(s->answer_feedback(c, ids.table, ids.meeting, ids.feedback, v == "yes"));
  }, "answered");
}

}  // namespace tafel::web::table_pages
