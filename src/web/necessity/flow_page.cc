// GET and POST /necessity/new: the guided checklist of the state of necessity and
// art. 458bis, one form of fieldsets (one per step, each saying in plain words what
// the law asks), so it works without JavaScript. Submitting asks the engine: a deny
// shows its explanation above the form, filled in as it was; a permit records the
// report and goes to it.

#include "i18n/sharing_explanation.h"
#include "web/account_pages_support.h"
#include "web/necessity/page_support.h"

namespace tafel::web::necessity_pages {

using kainjow::mustache::data;

namespace {

// The form as the user filled it in (strings, so a refused form shows what was sent).
struct Filled {
  std::string ground, case_id, higher_value, danger, tried, recipient, purpose = "integrity", reasoning;
  bool cannot_protect = false, other_means_exhausted = false;
  std::vector<std::string> categories;
};

Filled filled_from(const http::Form& f) {
  Filled x;
  x.ground = f.value("ground");
  x.case_id = f.value("case");
  x.higher_value = f.value("higher_value");
  x.danger = f.value("danger");
  x.tried = f.value("tried");
  x.recipient = f.value("recipient");
  x.purpose = f.value("purpose");
  x.reasoning = f.value("reasoning");
  x.cannot_protect = f.value("cannot_protect") == "1";
  x.other_means_exhausted = f.value("other_means_exhausted") == "1";
  x.categories = f.all("categories");
  return x;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

data option(const std::string& name, const std::string& value, const std::string& label, bool selected) {
  data d;
  d.set("name", name);
  d.set("value", value);
  d.set("label", label);
  d.set("selected", selected);
  d.set("id", name + "-" + (value.empty() ? std::string("none") : value));
  return d;
}

// The field a failure belongs to, and its message.
std::pair<std::string, std::string> field_error(const Page& page, const Error& e) {
  if (e.code == "reasoning_required") return {"reasoning", page.text("necessity.error.reasoning_required")};
  if (e.code == "invalid_input") {
    for (std::string f : {"ground", "categories", "recipient", "case"}) {
      if (e.message == f) return {f, page.text("necessity.error." + f)};
    }
    for (std::string f : {"higher_value", "tried", "reasoning"}) {
      if (e.message == f) return {f, page.text("necessity.error.text")};
    }
  }
  return {"", ""};
}

http::Response render(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                      const Filled& x, const std::optional<app::necessity::Assessment>& answer,
                      const std::optional<Error>& error) {
  Page page(request, ctx.options, "necessity");
  page.set_viewer(who);
  page.set_title(page.text("necessity.new.title"));
  auto cases = ctx.service->cases(caller_of(request, who));
  if (!cases) return page_error(request, ctx.options, cases.error());
  auto names = organisation_names(ctx, who.principal);

  page.set("heading", page.text("necessity.new.title"));
  page.set("intro", page.text("necessity.new.intro"));
  page.set("back", page.text("necessity.report.back"));
  const int total = 7;
  for (int i = 1; i <= total; ++i) {
    page.set("step" + std::to_string(i),
             page.text("necessity.step", {{"number", std::to_string(i)}, {"total", std::to_string(total)}}));
  }
  for (std::string s : {"ground", "person", "value", "danger", "means", "recipient", "reasoning"}) {
    page.set(s + "_title", page.text("necessity.step." + s + ".title"));
    page.set(s + "_law", page.text("necessity.step." + s + ".law"));
  }
  data grounds{data::type::list};
  for (auto g : {sharing::Ground::art_458bis, sharing::Ground::necessity}) {
    std::string n(sharing::name_of(g));
    grounds.push_back(option("ground", n, page.text("sharing.ground." + n), x.ground == n));
  }
  page.set("grounds", grounds);

  page.set("case_label", page.text("necessity.field.case"));
  data case_options{data::type::list};
  case_options.push_back(option("case", "", page.text("necessity.case.none"), x.case_id.empty()));
  for (const auto& c : *cases) {
    std::string label = page.text("necessity.case.label", {{"number", std::to_string(c.id)}});
    if (c.minor) label += " (" + page.text("necessity.case.minor") + ")";
    if (c.vulnerable) label += " (" + page.text("necessity.case.vulnerable") + ")";
    case_options.push_back(option("case", std::to_string(c.id), label, x.case_id == std::to_string(c.id)));
  }
  page.set("cases", case_options);

  page.set("higher_value_label", page.text("necessity.field.higher_value"));
  page.set("higher_value", x.higher_value);
  page.set("danger_label", page.text("necessity.field.danger"));
  data dangers{data::type::list};
  dangers.push_back(option("danger", "", page.text("necessity.danger.none"), x.danger.empty()));
  for (std::string d : {"serious_imminent", "other_victims"}) {
    dangers.push_back(option("danger", d, page.text("necessity.danger." + d), x.danger == d));
  }
  page.set("dangers", dangers);
  page.set("means_label", page.text("necessity.field.means"));
  page.set("cannot_protect_label", page.text("necessity.field.cannot_protect"));
  page.set("cannot_protect", x.cannot_protect);
  page.set("other_means_label", page.text("necessity.field.other_means_exhausted"));
  page.set("other_means_exhausted", x.other_means_exhausted);
  page.set("tried_label", page.text("necessity.field.tried"));
  page.set("tried", x.tried);

  page.set("recipient_label", page.text("necessity.field.recipient"));
  data recipients{data::type::list};
  recipients.push_back(option("recipient", "", "", x.recipient.empty()));
  for (const auto& [id, name] : names) {
    if (id == who.principal.organisation_id) continue;
    recipients.push_back(option("recipient", std::to_string(id), name, x.recipient == std::to_string(id)));
  }
  page.set("recipients", recipients);
  page.set("categories_label", page.text("necessity.field.categories"));
  data categories{data::type::list};
  for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
    std::string n(sharing::name_of(static_cast<sharing::Category>(i)));
    categories.push_back(option("categories", n, page.text("sharing.category." + n), contains(x.categories, n)));
  }
  page.set("categories", categories);
  page.set("purpose_label", page.text("necessity.field.purpose"));
  data purposes{data::type::list};
  for (std::size_t i = 0; i < sharing::term_count<sharing::Purpose>(); ++i) {
    std::string n(sharing::name_of(static_cast<sharing::Purpose>(i)));
    purposes.push_back(option("purpose", n, page.text("sharing.purpose." + n), x.purpose == n));
  }
  page.set("purposes", purposes);
  page.set("reasoning_label", page.text("necessity.field.reasoning"));
  page.set("reasoning", x.reasoning);
  page.set("submit", page.text("necessity.submit"));

  int status = 200;
  if (answer) {
    page.set("has_answer", true);
    page.set("answer_heading", page.text("necessity.answer.heading"));
    page.set("verdict", page.text("necessity.answer.deny"));
    data lines{data::type::list};
    for (const auto& line : i18n::render_explanation_lines(answer->explanation, page.lang())) lines.push_back(data(line));
    page.set("lines", lines);
    page.set("nothing", page.text("necessity.answer.nothing"));
  }
  if (error) {
    auto [field, message] = field_error(page, *error);
    page.set("has_error", true);
    page.set("error_summary", page.text("necessity.error.summary"));
    page.set("error_text", message.empty() ? problem_text(page, *error) : message);
    page.set("error_href", field.empty() ? "#" : "#field-" + field);
    if (!field.empty()) page.set("error_" + field, message);
    status = 422;
  }
  return no_store(page.render("necessity/new", status));
}

}  // namespace

http::Response flow_get(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who) {
  return render(ctx, request, who, Filled{}, std::nullopt, std::nullopt);
}

http::Response flow_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                         const http::Form& form) {
  Filled x = filled_from(form);
  app::necessity::Claim claim;
  auto ground = sharing::parse_term<sharing::Ground>(x.ground);
  if (!ground || !tafel::necessity::claimable(*ground)) {
    return render(ctx, request, who, x, std::nullopt, Error{"invalid_input", "ground"});
  }
  claim.ground = *ground;
  claim.recipient = parse_record_id(x.recipient).value_or(0);
  if (claim.recipient == 0) return render(ctx, request, who, x, std::nullopt, Error{"invalid_input", "recipient"});
  if (!x.case_id.empty()) {
    claim.case_id = parse_record_id(x.case_id).value_or(0);
    if (claim.case_id == 0) return render(ctx, request, who, x, std::nullopt, Error{"invalid_input", "case"});
  }
  for (const auto& c : x.categories) {
    if (auto cat = sharing::parse_term<sharing::Category>(c)) claim.categories.add(*cat);
  }
  claim.purpose = sharing::parse_term<sharing::Purpose>(x.purpose).value_or(sharing::Purpose::integrity);
  if (!x.danger.empty()) claim.justification.danger = sharing::parse_term<sharing::Danger>(x.danger);
  claim.justification.cannot_protect = x.cannot_protect;
  claim.justification.higher_value = x.higher_value;
  claim.justification.other_means_exhausted = x.other_means_exhausted;
  claim.tried = x.tried;
  claim.reasoning = x.reasoning;

  auto outcome = ctx.service->submit(caller_of(request, who), std::move(claim));
  if (!outcome) {
    const auto& e = outcome.error();
    if (e.code == "invalid_input" || e.code == "reasoning_required") return render(ctx, request, who, x, std::nullopt, e);
    return page_error(request, ctx.options, e);
  }
  if (!outcome->report) return render(ctx, request, who, x, outcome->assessment, std::nullopt);
  return http::Response::redirect("/necessity/" + std::to_string(outcome->report->id) + "?done=made");
}

}  // namespace tafel::web::necessity_pages
