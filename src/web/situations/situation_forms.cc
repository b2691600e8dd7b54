// The create and edit forms of a situation. A text that looks like a personal
// identifier re-renders the form (no JavaScript needed) with an error summary, the
// spans marked in a preview under each field, and the checkbox "this is not a
// person's identifier"; the author fixes the text or confirms.

#include <charconv>
#include <cstdlib>

#include "app/authorization.h"
#include "web/account_pages_support.h"
#include "web/viewer.h"
#include "web/situations/situation_pages.h"

namespace tafel::web::situation_pages {

using kainjow::mustache::data;
namespace st = tafel::situations;
using app::situations::Flag;
using app::situations::SituationDraft;

namespace {

// The form's free-text fields in order, with the stage whose question they answer.
struct FieldSpec {
  const char* name;       // service field name (app::situations::texts_of)
  const char* form_name;  // form input name
  bool textarea;
  const char* stage;      // fieldset: scanning, analysis, response, assessment
};
constexpr FieldSpec kFields[] = {
    {"title", "title", false, "scanning"},
    {"behaviour", "behaviour", true, "scanning"},
    {"since", "since", false, "scanning"},
    {"address", "address", false, "scanning"},
    {"triangle.offender", "offender", true, "analysis"},
    {"triangle.target", "target", true, "analysis"},
    {"triangle.place", "triangle_place", true, "analysis"},
    {"triangle.handler", "handler", false, "analysis"},
    {"triangle.guardian", "guardian", false, "analysis"},
    {"triangle.manager", "manager", false, "analysis"},
    {"action_plan", "action_plan", true, "response"},
    {"assessment", "assessment", true, "assessment"},
};

std::string& slot(SituationDraft& d, std::string_view name) {
  if (name == "title") return d.title;
  if (name == "behaviour") return d.behaviour;
  if (name == "since") return d.since;
  if (name == "address") return d.address;
  if (name == "triangle.offender") return d.triangle.offender;
  if (name == "triangle.target") return d.triangle.target;
  if (name == "triangle.place") return d.triangle.place;
  if (name == "triangle.handler") return d.triangle.handler;
  if (name == "triangle.guardian") return d.triangle.guardian;
  if (name == "triangle.manager") return d.triangle.manager;
  if (name == "action_plan") return d.action_plan;
  return d.assessment;
}

std::string coordinate_text(const std::optional<double>& v) {
  if (!v) return "";
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *v);
  return ec == std::errc() ? std::string(buffer, end) : "";
}

// nullopt for an empty field; a comma is accepted as decimal mark. Sets `bad` for
// anything else than a number.
std::optional<double> coordinate(std::string text, bool& bad) {
  if (text.empty()) return std::nullopt;
  for (auto& c : text) {
    if (c == ',') c = '.';
  }
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) {
    bad = true;
    return std::nullopt;
  }
  return v;
}

SituationDraft draft_of(const st::Situation& s) {
  SituationDraft d;
  d.title = s.title;
  d.behaviour = s.behaviour;
  d.since = s.since;
  d.area = s.area;
  d.address = s.address;
  d.latitude = s.latitude;
  d.longitude = s.longitude;
  d.triangle = s.triangle;
  d.action_plan = s.action_plan;
  d.assessment = s.assessment;
  d.participants = s.participants;
  d.table = s.table;
  return d;
}

struct FormState {
  SituationDraft draft;
  access::OrganisationId owner = 0;  // not offered as a participant
  std::string latitude, longitude;  // as typed
  std::vector<Flag> flags;
  std::string problem;
};

http::Response render(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                      std::int64_t id, const FormState& state, int status) {
  Page page(request, ctx.options, "situations");
  page.set_viewer(who);
  std::string title = page.text(id ? "situations.form.edit_title" : "situations.form.new_title");
  page.set_title(title);
  Names names(ctx, who.principal);
  page.set("heading", title);
  page.set("intro", page.text("situations.form.intro"));
  page.set("action", id ? "/situations/" + std::to_string(id) + "/edit" : std::string("/situations/new"));
  page.set("back_href", id ? "/situations/" + std::to_string(id) : std::string("/situations"));
  page.set("back", page.text("situations.back"));
  page.set("has_problem", !state.problem.empty());
  page.set("problem_label", page.text("situations.problem"));
  page.set("problem", state.problem);
  page.set("flag_lines", flag_lines(page, state.flags));
  page.set("has_flags", !state.flags.empty());
  page.set("confirm_label", page.text("situations.flag.confirm"));
  page.set("confirm_hint", page.text("situations.flag.confirm_hint"));
  page.set("marked_label", page.text("situations.flag.marked"));

  data fieldsets{data::type::list};
  SituationDraft d = state.draft;
  for (auto stage : st::kStages) {
    std::string stage_name(st::name_of(stage));
    data fs;
    fs.set("legend", page.text("situations.stage." + stage_name));
    fs.set("guidance", page.text("situations.guidance." + stage_name));
    data fields{data::type::list};
    for (const auto& spec : kFields) {
      if (spec.stage != stage_name) continue;
      bool flagged = std::any_of(state.flags.begin(), state.flags.end(), [&](const Flag& f) { return f.field == spec.name; });
      data f;
      f.set("id", field_id(spec.name));
      f.set("name", spec.form_name);
      f.set("label", field_label(page, spec.name));
      f.set("textarea", spec.textarea);
      f.set("value", slot(d, spec.name));
      f.set("flagged", flagged);
      f.set("segments", segments(slot(d, spec.name), state.flags, spec.name));
      f.set("required", std::string_view(spec.name) == "title");
      fields.push_back(f);
    }
    fs.set("fields", fields);
    bool scanning = stage == st::Stage::scanning;
    fs.set("scanning", scanning);
    fieldsets.push_back(fs);
  }
  page.set("fieldsets", fieldsets);
  std::vector<std::pair<std::string, std::string>> areas{{"0", page.text("situations.form.no_area")}};
  for (const auto& [aid, name] : names.areas()) areas.emplace_back(std::to_string(aid), name);
  page.set("area_label", field_label(page, "area"));
  page.set("areas", choices(areas, std::to_string(d.area)));
  page.set("latitude_label", field_label(page, "latitude"));
  page.set("longitude_label", field_label(page, "longitude"));
  page.set("coordinates_hint", page.text("situations.form.coordinates_hint"));
  page.set("latitude", state.latitude);
  page.set("longitude", state.longitude);
  page.set("participants_label", field_label(page, "participants"));
  page.set("participants_hint", page.text("situations.form.participants_hint"));
  data orgs{data::type::list};
  for (const auto& [oid, name] : names.organisations()) {
    if (oid == (state.owner ? state.owner : who.principal.organisation_id)) continue;
    data o;
    o.set("value", std::to_string(oid));
    o.set("label", name);
    o.set("id", "participant-" + std::to_string(oid));
    o.set("checked", std::find(d.participants.begin(), d.participants.end(), oid) != d.participants.end());
    orgs.push_back(o);
  }
  page.set("organisations", orgs);
  page.set("table", d.table);
  page.set("save", page.text("situations.form.save"));
  return no_store(page.render("situations/form", status));
}

}  // namespace

http::Response form_get(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                        std::int64_t id) {
  FormState state;
  // The form is offered to those who may save it (the service checks again on POST).
  if (auto ok = app::authorize(who.principal, st::SituationRight::create_situation, {}); !id && !ok) {
    return page_error(request, ctx.options, ok.error());
  }
  if (id) {
    auto s = ctx.situations->situation(caller_of(request, who), id);
    if (!s) return page_error(request, ctx.options, s.error());
    auto ok = app::authorize(who.principal, st::SituationRight::edit_situation,
                             st::SituationStanding{s->involves(who.principal.organisation_id)});
    if (!ok) return page_error(request, ctx.options, ok.error());
    state.draft = draft_of(*s);
    state.owner = s->owner;
    state.latitude = coordinate_text(s->latitude);
    state.longitude = coordinate_text(s->longitude);
  }
  return render(ctx, request, who, id, state, 200);
}

http::Response form_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                         const http::Form& form, std::int64_t id) {
  FormState state;
  SituationDraft& d = state.draft;
  for (const auto& spec : kFields) slot(d, spec.name) = form.value(spec.form_name);
  d.area = id_or_zero(form.value("area"));
  state.latitude = form.value("latitude");
  state.longitude = form.value("longitude");
  bool bad = false;
  d.latitude = coordinate(state.latitude, bad);
  d.longitude = coordinate(state.longitude, bad);
  for (const auto& p : form.all("participants")) {
    if (auto v = id_or_zero(p)) d.participants.push_back(v);
  }
  d.table = id_or_zero(form.value("table"));
  if (id) {
    auto current = ctx.situations->situation(caller_of(request, who), id);
    if (!current) return page_error(request, ctx.options, current.error());
    state.owner = current->owner;
  }
  Page page(request, ctx.options, "situations");
  if (bad) {
    state.problem = page.text("situations.error.coordinates");
    return render(ctx, request, who, id, state, 400);
  }
  bool confirmed = form.value("confirm_not_identifier") == "yes";
  auto caller = caller_of(request, who);
  auto texts = app::situations::texts_of(d);
  auto saved = id ? ctx.situations->update(caller, id, d, confirmed) : ctx.situations->create(caller, d, confirmed);
  if (saved) return see_other("/situations/" + std::to_string(saved->id) + "?done=saved");
  const Error& e = saved.error();
  if (e.code == "not_authenticated" || e.code == "forbidden" || e.code == "not_found" ||
      e.code == "second_factor_required" || e.code == "database_error") {
    return page_error(request, ctx.options, e);
  }
  if (e.code == "identifier_suspected") {
    auto flags = ctx.situations->flags(texts);
    if (!flags) return page_error(request, ctx.options, flags.error());
    state.flags = std::move(*flags);
  }
  state.problem = problem_text(page, e);
  return render(ctx, request, who, id, state, e.code == "identifier_suspected" ? 422 : 400);
}

}  // namespace tafel::web::situation_pages
