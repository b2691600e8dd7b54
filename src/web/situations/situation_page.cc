// GET /situations/{id}: the situation with its SARA stages as a progress list, the
// problem-analysis triangle, each organisation's goal side by side, the action plan
// and the anonymous voices; and the POST forms that change them. A form whose text
// looks like a personal identifier comes back with the spans marked and the
// confirmation checkbox (as the create form, situation_forms.cc).

#include <map>

#include "app/authorization.h"
#include "web/account_pages_support.h"
#include "web/viewer.h"
#include "web/situations/situation_pages.h"

namespace tafel::web::situation_pages {

using kainjow::mustache::data;
namespace st = tafel::situations;
using app::situations::Flag;

namespace {

// A POST form of the page that came back with a problem: what was typed, and the
// spans to mark.
struct Returned {
  std::string part;  // "actions", "voices", "goals"; empty when none
  std::map<std::string, std::string> values;
  std::vector<Flag> flags;
  std::string problem;
};

std::string stage_label(const Page& page, st::Stage s) { return page.text("situations.stage." + std::string(st::name_of(s))); }

data row(std::string key, std::string value, std::string href = {}) {
  data r;
  r.set("key", std::move(key));
  r.set("value", std::move(value));
  r.set("has_href", !href.empty());
  r.set("href", std::move(href));
  return r;
}

http::Response render(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                      const st::Situation& s, const Returned& back, int status) {
  Page page(request, ctx.options, "situations");
  page.set_viewer(who);
  page.set_title(s.title);
  Names names(ctx, who.principal);
  const std::string base = "/situations/" + std::to_string(s.id);
  bool can_edit = static_cast<bool>(app::authorize(who.principal, st::SituationRight::edit_situation,
                                                   st::SituationStanding{s.involves(who.principal.organisation_id)}));
  page.set("back", page.text("situations.back"));
  page.set("heading", s.title);
  page.set("caption", page.text("situations.detail.owner", {{"organisation", names.organisation(s.owner)}}));
  page.set("base", base);
  page.set("can_edit", can_edit);
  page.set("edit_text", page.text("situations.detail.edit"));
  std::string done = request.query_param("done").value_or("");
  bool known_done = done == "saved" || done == "stage" || done == "action" || done == "voice" || done == "goals";
  page.set("has_notice", known_done && back.part.empty() && back.problem.empty());
  page.set("notice_label", page.text("situations.notice"));
  page.set("notice", known_done ? page.text("situations.done." + done) : "");
  page.set("has_problem", !back.problem.empty());
  page.set("problem_label", page.text("situations.problem"));
  page.set("problem", back.problem);
  page.set("flag_lines", flag_lines(page, back.flags));
  page.set("has_flags", !back.flags.empty());

  // The stages as a progress list.
  page.set("stages_heading", page.text("situations.detail.stages"));
  data stages{data::type::list};
  for (auto stage : st::kStages) {
    data d;
    d.set("label", stage_label(page, stage));
    bool current = stage == s.stage, past = static_cast<int>(stage) < static_cast<int>(s.stage);
    d.set("current", current);
    d.set("state", page.text(current ? "situations.progress.current" : past ? "situations.progress.done"
                                                                         : "situations.progress.upcoming"));
    d.set("class", current ? "tafel-stage--current" : past ? "tafel-stage--done" : "tafel-stage--upcoming");
    stages.push_back(d);
  }
  page.set("stages", stages);
  page.set("guidance", page.text("situations.guidance." + std::string(st::name_of(s.stage))));
  auto missing = st::missing_for_next(s);
  auto next = st::next_stage(s.stage);
  data missing_list{data::type::list};
  for (const auto& m : missing) {
    if (m != "last_stage") missing_list.push_back(data(field_label(page, m)));
  }
  page.set("has_missing", next.has_value() && !missing.empty());
  page.set("missing_intro", page.text("situations.detail.missing"));
  page.set("missing", missing_list);
  page.set("can_advance", can_edit && next.has_value());
  page.set("advance_text", next ? page.text("situations.detail.advance", {{"stage", stage_label(page, *next)}}) : "");

  // Description.
  data description{data::type::list};
  description.push_back(row(field_label(page, "behaviour"), s.behaviour));
  description.push_back(row(field_label(page, "since"), s.since));
  std::string place = names.area(s.area);
  if (!s.address.empty()) place += (place.empty() ? "" : ", ") + s.address;
  description.push_back(row(field_label(page, "place"), place));
  if (s.latitude && s.longitude) {
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.5f, %.5f", *s.latitude, *s.longitude);
    description.push_back(row(field_label(page, "coordinates"), coords));
  }
  std::string orgs;
  for (auto o : s.organisations()) orgs += (orgs.empty() ? "" : ", ") + names.organisation(o);
  description.push_back(row(field_label(page, "participants"), orgs));
  if (s.table) {
    // Participants who do not sit at the table are told it is discussed there, without
    // a link they could not follow.
    bool may_open = ctx.may_open_table && ctx.may_open_table(who.principal, s.table);
    description.push_back(row(field_label(page, "table"), page.text("situations.detail.table_link"),
                              may_open ? "/tables/" + std::to_string(s.table) : std::string()));
  }
  page.set("description_heading", page.text("situations.detail.description"));
  page.set("description", description);

  // The triangle.
  data triangle{data::type::list};
  for (const auto& [field, value] : std::vector<std::pair<std::string, std::string>>{
           {"triangle.offender", s.triangle.offender}, {"triangle.target", s.triangle.target},
           {"triangle.place", s.triangle.place},       {"triangle.handler", s.triangle.handler},
           {"triangle.guardian", s.triangle.guardian}, {"triangle.manager", s.triangle.manager}}) {
    triangle.push_back(row(field_label(page, field), value));
  }
  page.set("triangle_heading", page.text("situations.detail.triangle"));
  page.set("triangle_intro", page.text("situations.detail.triangle_intro"));
  page.set("triangle", triangle);

  auto involved_choices = [&](const std::string& selected) {
    std::vector<std::pair<std::string, std::string>> items;
    for (auto o : s.organisations()) items.emplace_back(std::to_string(o), names.organisation(o));
    return choices(items, selected);
  };
  auto value = [&](const std::string& part, const std::string& key) {
    if (back.part != part) return std::string();
    auto it = back.values.find(key);
    return it == back.values.end() ? std::string() : it->second;
  };
  auto returned = [&](const std::string& part, const std::string& field) {
    data d;
    d.set("flagged", back.part == part && !back.flags.empty());
    d.set("segments", segments(value(part, field == "goal" ? "text" : field == "voice" ? "quote" : "description"),
                               back.flags, field));
    return d;
  };
  page.set("confirm_label", page.text("situations.flag.confirm"));
  page.set("marked_label", page.text("situations.flag.marked"));

  // Goals side by side.
  data goals{data::type::list};
  for (auto o : s.organisations()) {
    auto it = std::find_if(s.goals.begin(), s.goals.end(), [&](const st::Goal& g) { return g.organisation == o; });
    data g;
    g.set("organisation", names.organisation(o));
    g.set("text", it == s.goals.end() ? page.text("situations.detail.no_goal") : it->text);
    goals.push_back(g);
  }
  page.set("goals_heading", page.text("situations.detail.goals"));
  page.set("goals", goals);
  page.set("goal_organisation_label", field_label(page, "organisation"));
  page.set("goal_organisations", involved_choices(value("goals", "organisation").empty()
                                                      ? std::to_string(who.principal.organisation_id)
                                                      : value("goals", "organisation")));
  page.set("goal_label", field_label(page, "goal"));
  page.set("goal_value", value("goals", "text"));
  page.set("goal_returned", returned("goals", "goal"));
  page.set("goal_save", page.text("situations.detail.goal_save"));

  // The action plan.
  page.set("plan_heading", page.text("situations.detail.plan"));
  page.set("action_plan", s.action_plan);
  page.set("has_action_plan", !s.action_plan.empty());
  data actions{data::type::list};
  for (const auto& a : s.actions) {
    data d;
    d.set("description", a.description);
    std::string owner = names.organisation(a.owner_organisation);
    if (a.owner_user != 0) {
      std::string user = "#" + std::to_string(a.owner_user);
      if (auto u = ctx.accounts.accounts->find_user(a.owner_user); u && *u) user = (*u)->display_name;
      owner += " (" + user + ")";
    }
    d.set("owner", owner);
    d.set("due", date_text(a.due));
    bool open = a.status == st::ActionStatus::open;
    d.set("status", page.text(open ? "situations.action.open" : "situations.action.done"));
    d.set("href", base + "/actions/" + std::to_string(a.id) + "/status");
    d.set("next_status", open ? "done" : "open");
    d.set("toggle", page.text(open ? "situations.action.mark_done" : "situations.action.reopen"));
    d.set("toggle_label", page.text(open ? "situations.action.mark_done_of" : "situations.action.reopen_of",
                                    {{"action", a.description}}));
    actions.push_back(d);
  }
  page.set("actions", actions);
  page.set("has_actions", !s.actions.empty());
  page.set("no_actions", page.text("situations.detail.no_actions"));
  page.set("head_description", field_label(page, "action"));
  page.set("head_owner", field_label(page, "owner"));
  page.set("head_due", field_label(page, "due"));
  page.set("head_status", field_label(page, "status"));
  page.set("action_add", page.text("situations.detail.action_add"));
  page.set("action_description", value("actions", "description"));
  page.set("action_owner_label", field_label(page, "owner"));
  page.set("action_owners", involved_choices(value("actions", "owner_organisation").empty()
                                                 ? std::to_string(who.principal.organisation_id)
                                                 : value("actions", "owner_organisation")));
  page.set("action_mine_label", page.text("situations.detail.action_mine"));
  page.set("action_due_label", field_label(page, "due"));
  page.set("action_due", value("actions", "due"));
  page.set("action_due_hint", page.text("situations.detail.date_hint"));
  page.set("action_returned", returned("actions", "action"));

  // Voices.
  data voices{data::type::list};
  for (const auto& v : s.voices) {
    data d;
    d.set("quote", v.quote);
    d.set("source", page.text("situations.detail.voice_source",
                              {{"date", date_text(v.date)}, {"organisation", names.organisation(v.organisation)}}));
    voices.push_back(d);
  }
  page.set("voices_heading", page.text("situations.detail.voices"));
  page.set("voices_intro", page.text("situations.detail.voices_intro"));
  page.set("voices", voices);
  page.set("has_voices", !s.voices.empty());
  page.set("no_voices", page.text("situations.detail.no_voices"));
  page.set("voice_label", field_label(page, "voice"));
  page.set("voice_value", value("voices", "quote"));
  page.set("voice_date_label", field_label(page, "date"));
  page.set("voice_date", value("voices", "date"));
  page.set("voice_returned", returned("voices", "voice"));
  page.set("voice_add", page.text("situations.detail.voice_add"));
  page.set("confirmations", page.text("situations.detail.confirmations",
                                      {{"n", static_cast<std::int64_t>(s.confirmations.size())}}));
  page.set("has_confirmations", !s.confirmations.empty());
  if (ctx.contributions) ctx.contributions(page, request, who, s.id);  // web/contributions
  return no_store(page.render("situations/situation", status));
}

}  // namespace

http::Response detail_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           std::int64_t id) {
  auto s = ctx.situations->situation(caller_of(request, who), id);
  if (!s) return page_error(request, ctx.options, s.error());
  return render(ctx, request, who, *s, {}, 200);
}

http::Response detail_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           const http::Form& form, std::int64_t id, const std::string& part) {
  auto caller = caller_of(request, who);
  bool confirmed = form.value("confirm_not_identifier") == "yes";
  Returned back;
  back.part = part;
  std::vector<app::situations::FieldText> texts;
  Result<void> outcome;
  std::string done;
  if (part == "stage") {
    auto r = ctx.situations->advance(caller, id);
    if (!r) outcome = tl::unexpected(r.error());
    done = "stage";
  } else if (part == "actions") {
    st::SituationAction a;
    a.description = form.value("description");
    a.owner_organisation = id_or_zero(form.value("owner_organisation"));
    if (form.value("mine") == "yes") {
      a.owner_organisation = who.principal.organisation_id;
      a.owner_user = who.principal.user_id;
    }
    a.due = form.value("due");
    back.values = {{"description", a.description}, {"owner_organisation", form.value("owner_organisation")}, {"due", a.due}};
    texts = {{"action", a.description}};
    auto r = ctx.situations->add_action(caller, id, a, confirmed);
    if (!r) outcome = tl::unexpected(r.error());
    done = "action";
  } else if (part == "action-status") {
    auto status = st::parse_action_status(form.value("status"));
    auto r = status ? ctx.situations->set_action_status(caller, id, id_or_zero(request.param("action")), *status)
                    : Result<st::SituationAction>(fail("invalid_input", "status must be open or done"));
    if (!r) outcome = tl::unexpected(r.error());
    done = "action";
  } else if (part == "voices") {
    back.values = {{"quote", form.value("quote")}, {"date", form.value("date")}};
    texts = {{"voice", form.value("quote")}};
    auto r = ctx.situations->add_voice(caller, id, form.value("quote"), form.value("date"), confirmed);
    if (!r) outcome = tl::unexpected(r.error());
    done = "voice";
  } else {  // goals
    back.values = {{"organisation", form.value("organisation")}, {"text", form.value("text")}};
    texts = {{"goal", form.value("text")}};
    auto r = ctx.situations->set_goals(caller, id, {{id_or_zero(form.value("organisation")), form.value("text")}},
                                       confirmed);
    if (!r) outcome = tl::unexpected(r.error());
    done = "goals";
  }
  if (outcome) return see_other("/situations/" + std::to_string(id) + "?done=" + done);
  const Error& e = outcome.error();
  if (e.code == "not_authenticated" || e.code == "forbidden" || e.code == "not_found" ||
      e.code == "second_factor_required" || e.code == "database_error") {
    return page_error(request, ctx.options, e);
  }
  auto s = ctx.situations->situation(caller, id);
  if (!s) return page_error(request, ctx.options, s.error());
  if (e.code == "identifier_suspected") {
    auto flags = ctx.situations->flags(texts);
    if (!flags) return page_error(request, ctx.options, flags.error());
    back.flags = std::move(*flags);
  }
  Page page(request, ctx.options, "situations");
  back.problem = problem_text(page, e);
  return render(ctx, request, who, *s, back, e.code == "identifier_suspected" ? 422 : e.code == "conflict" || e.code == "stage_incomplete" || e.code == "last_stage" ? 409 : 400);
}

}  // namespace tafel::web::situation_pages
