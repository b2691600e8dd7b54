#include "web/decision_pages.h"

#include <map>

#include "app/authorization.h"
#include "http/form.h"
#include "i18n/sharing_explanation.h"
#include "web/account_pages_support.h"
#include "web/audit_api.h"
#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

using app::accounts::Authenticated;
using kainjow::mustache::data;

// What the form holds between a question and its answer.
struct Asked {
  std::string recipient;
  std::string person;  // "": no person; "none": a person tafel keeps no case for; else a case number
  sharing::CategorySet categories;
  std::string purpose;
  std::string ground;
  std::string danger;
  bool cannot_protect = false;
  std::string higher_value;
  bool other_means_exhausted = false;
};

template <typename E>
std::vector<Choice> choices(const Page& page, std::string_view prefix, auto selected) {
  std::vector<Choice> out;
  for (std::size_t i = 0; i < sharing::term_count<E>(); ++i) {
    auto v = static_cast<E>(i);
    out.push_back({std::string(sharing::name_of(v)), page.text(std::string(prefix) + std::string(sharing::name_of(v))),
                   selected(v)});
  }
  return out;
}

std::vector<Field> question_fields(const Page& page, const Asked& a,
                                   const std::vector<tafel::directory::Organisation>& orgs,
                                   tafel::directory::OrganisationId own, const app::decisions::QuestionChoices& picks,
                                   const std::map<std::string, std::string>& errors) {
  std::vector<Field> f;
  auto add = [&](std::string name, std::string type, std::string value = {}) -> Field& {
    Field x;
    x.label = page.text("agreements.decision.field." + name);
    x.name = std::move(name);
    x.type = std::move(type);
    x.value = std::move(value);
    if (auto it = errors.find(x.name); it != errors.end()) x.error = it->second;
    f.push_back(std::move(x));
    return f.back();
  };
  Field& recipient = add("recipient", "select");
  recipient.choices.push_back({"", page.text("agreements.decision.choose"), a.recipient.empty()});
  for (const auto& o : orgs) {
    if (o.id == own) continue;
    std::string id = std::to_string(o.id);
    recipient.choices.push_back({id, o.name, id == a.recipient});
  }
  // Picked, never typed (issue 12 point 7): the cases the caller may see.
  Field& person = add("person", "select");
  person.hint = page.text("agreements.decision.hint.person");
  person.choices.push_back({"", page.text("agreements.decision.person.nobody"), a.person.empty()});
  person.choices.push_back({"none", page.text("agreements.decision.person.without_case"), a.person == "none"});
  for (const auto& c : picks.cases) {
    std::string id = std::to_string(c.id);
    person.choices.push_back({id, page.text("agreements.decision.person.case", {{"case", id}}), id == a.person});
  }
  add("categories", "checkboxes").choices =
      choices<sharing::Category>(page, "sharing.category.", [&](sharing::Category c) { return a.categories.has(c); });
  add("purpose", "radios").choices = choices<sharing::Purpose>(
      page, "sharing.purpose.", [&](sharing::Purpose p) { return sharing::name_of(p) == a.purpose; });
  Field& ground = add("ground", "select");
  ground.hint = page.text("agreements.decision.hint.ground");
  ground.choices.push_back({"", page.text("agreements.decision.automatic"), a.ground.empty()});
  for (auto c : choices<sharing::Ground>(page, "sharing.ground.",
                                         [&](sharing::Ground g) { return sharing::name_of(g) == a.ground; })) {
    ground.choices.push_back(c);
  }
  Field& danger = add("danger", "select");
  danger.hint = page.text("agreements.decision.hint.justification");
  danger.choices = {{"", page.text("agreements.decision.danger.none"), a.danger.empty()},
                    {"serious_imminent", page.text("agreements.decision.danger.serious_imminent"),
                     a.danger == "serious_imminent"},
                    {"other_victims", page.text("agreements.decision.danger.other_victims"), a.danger == "other_victims"}};
  add("cannot_protect", "checkboxes").choices = {{"1", page.text("agreements.decision.yes"), a.cannot_protect}};
  add("higher_value", "text", a.higher_value);
  add("other_means_exhausted", "checkboxes").choices = {
      {"1", page.text("agreements.decision.yes"), a.other_means_exhausted}};
  return f;
}

http::Response render(const http::Request& request, const Options& options, const AgreementsContext& ctx,
                      const Authenticated& who, const Asked& asked, const std::optional<app::decisions::Answer>& answer,
                      const std::map<std::string, std::string>& errors, int status) {
  Page page(request, options, "decisions");
  page.set_viewer(who);
  page.set_title(page.text("agreements.decision.title"));
  page.set("heading", page.text("agreements.decision.title"));
  page.set("intro", page.text("agreements.decision.intro"));
  auto orgs = ctx.accounts.directory->organisations(who.principal);
  if (!orgs) return page_error(request, options, orgs.error());
  auto picks = ctx.decisions->choices(who.principal);
  if (!picks) return page_error(request, options, picks.error());
  auto fields = question_fields(page, asked, *orgs, who.principal.organisation_id, *picks, errors);
  // A consent the caller's organisation recorded fills in the question it allows.
  data consents{data::type::list};
  for (const auto& c : picks->consents) {
    std::vector<std::string> categories;
    c.categories.for_each([&](sharing::Category k) {
      categories.push_back(page.text("sharing.category." + std::string(sharing::name_of(k))));
    });
    std::string joined;
    for (const auto& k : categories) joined += (joined.empty() ? "" : ", ") + k;
    data item;
    item.set("href", "/may-i-share?consent=" + std::to_string(c.id));
    item.set("text", page.text("agreements.decision.consent.use",
                               {{"consent", std::to_string(c.id)}, {"case", std::to_string(c.case_id)},
                                {"categories", joined}}));
    consents.push_back(item);
  }
  page.set("has_consents", !picks->consents.empty());
  page.set("consents_heading", page.text("agreements.decision.consent.heading"));
  page.set("consents", consents);
  page.set("form", form_data(page, "/may-i-share", fields, who.session.csrf_token, page.text("agreements.decision.submit")));
  if (answer) {
    page.set("has_answer", true);
    page.set("answer_heading", page.text("agreements.decision.answer"));
    page.set("permit", answer->permit);
    page.set("verdict", page.text(answer->permit ? "agreements.decision.permit" : "agreements.decision.deny"));
    data lines{data::type::list};
    for (const auto& line : i18n::render_explanation_lines(answer->explanation, page.lang())) lines.push_back(data(line));
    page.set("lines", lines);
    page.set("nothing_shared", page.text("agreements.decision.nothing_shared"));
  }
  return no_store(page.render("decisions/may_i_share", status));
}

}  // namespace

void register_decision_pages(http::Router& router, const Options& options, const AgreementsContext& ctx) {
  router.add("GET", "/may-i-share", [ctx, options](http::Request& request) {
    PageAccess access = page_access(ctx.accounts, options, request, nullptr);
    if (!access.who) return std::move(*access.response);
    if (auto r = app::authorize(access.who->principal, access::Action::ask_sharing_decision,
                                access::Target{access.who->principal.organisation_id, std::nullopt});
        !r) {
      return page_error(request, options, r.error());
    }
    Asked asked;
    if (auto consent = request.query_param("consent")) {
      // Pre-filled from one of the caller's own consents, if it is one they may pick.
      auto picks = ctx.decisions->choices(access.who->principal);
      if (!picks) return page_error(request, options, picks.error());
      for (const auto& c : picks->consents) {
        if (std::to_string(c.id) != *consent) continue;
        asked.person = std::to_string(c.case_id);
        for (const auto& r : c.recipients) {
          if (r.kind == app::consents::ConsentRecipient::Kind::organisation) {
            asked.recipient = std::to_string(r.organisation);
            break;
          }
        }
        asked.categories = c.categories;
        c.purposes.for_each([&](sharing::Purpose p) {
          if (asked.purpose.empty()) asked.purpose = std::string(sharing::name_of(p));
        });
      }
    }
    return render(request, options, ctx, *access.who, asked, std::nullopt, {}, 200);
  });
  router.add("POST", "/may-i-share", [ctx, options](http::Request& request) {
    auto form = http::Form::parse(request.body);
    if (!form) return page_error(request, options, Error{"invalid_input", "the form could not be read"});
    PageAccess access = page_access(ctx.accounts, options, request, &*form);
    if (!access.who) return std::move(*access.response);
    const Authenticated& who = *access.who;
    Page page(request, options, "decisions");

    Asked asked;
    asked.recipient = form->value("recipient");
    asked.person = form->value("person");
    for (const auto& c : form->all("categories")) {
      if (auto t = sharing::parse_term<sharing::Category>(c)) asked.categories.add(*t);
    }
    asked.purpose = form->value("purpose");
    asked.ground = form->value("ground");
    asked.danger = form->value("danger");
    asked.cannot_protect = form->value("cannot_protect") == "1";
    asked.higher_value = form->value("higher_value");
    asked.other_means_exhausted = form->value("other_means_exhausted") == "1";

    std::map<std::string, std::string> errors;
    app::decisions::Question q;
    auto recipient = parse_record_id(asked.recipient);
    if (!recipient) errors["recipient"] = page.text("agreements.decision.error.recipient");
    q.recipient = recipient.value_or(0);
    if (asked.person == "none") {
      q.about = app::decisions::Question::About::person_without_case;
    } else if (!asked.person.empty()) {
      auto case_id = parse_record_id(asked.person);
      if (!case_id) errors["person"] = page.text("agreements.decision.error.person");
      q.about = app::decisions::Question::About::case_person;
      q.case_id = case_id.value_or(0);
    }
    if (asked.categories.empty()) errors["categories"] = page.text("agreements.decision.error.categories");
    q.categories = asked.categories;
    auto purpose = sharing::parse_term<sharing::Purpose>(asked.purpose);
    if (!purpose) errors["purpose"] = page.text("agreements.decision.error.purpose");
    q.purpose = purpose.value_or(sharing::Purpose::care);
    if (!asked.ground.empty()) q.ground = sharing::parse_term<sharing::Ground>(asked.ground);
    q.justification.danger = sharing::parse_term<sharing::Danger>(asked.danger);
    q.justification.cannot_protect = asked.cannot_protect;
    q.justification.higher_value = asked.higher_value;
    q.justification.other_means_exhausted = asked.other_means_exhausted;
    if (!errors.empty()) return render(request, options, ctx, who, asked, std::nullopt, errors, 422);

    auto answer = ctx.decisions->ask(who.principal, q, audit_origin(request));
    if (!answer) {
      if (answer.error().code == "invalid_input") {
        errors["recipient"] = page.text("agreements.decision.error.recipient");
        return render(request, options, ctx, who, asked, std::nullopt, errors, 422);
      }
      if (answer.error().code == "not_found") {  // a case the caller may not (or no longer) see
        errors["person"] = page.text("agreements.decision.error.person");
        return render(request, options, ctx, who, asked, std::nullopt, errors, 422);
      }
      return page_error(request, options, answer.error());
    }
    return render(request, options, ctx, who, asked, *answer, {}, 200);
  });
}

}  // namespace tafel::web
