// The contribution pages: the "Contributions" section of a situation page, a case's
// contributions (/cases/{id}/contributions), the add form with its second step (the
// obligations of the engine's permits to meet), and the export download or its
// refusal with the engine's explanation.

#include <map>

#include "i18n/sharing_explanation.h"
#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/contributions/contribution_json.h"
#include "web/contributions/contribution_routes.h"
#include "web/viewer.h"

namespace tafel::web {

namespace cb = tafel::contributions;
using app::accounts::Authenticated;
using app::contributions::Caller;
using app::contributions::ContributionService;
using kainjow::mustache::data;
using namespace contribution_support;

namespace {

struct Ctx {
  AccountsContext accounts;
  ContributionService* service = nullptr;
  Options options;
};

// What an add form came back with: the typed values and the engine's answer.
struct Returned {
  std::map<std::string, std::string> values;
  cb::Confirmations given;
  std::vector<std::string> unmet;
  std::vector<app::contributions::RecipientDecision> decisions;
  bool saved = false;  // stored: the decisions are shown as what happened
  std::string problem;
};

Caller caller_of(const http::Request& request, const Authenticated& who) {
  return Caller{who.principal, audit_origin(request)};
}

std::map<access::OrganisationId, std::string> organisation_names(const Ctx& ctx, const access::Principal& who) {
  std::map<access::OrganisationId, std::string> names;
  if (auto orgs = ctx.accounts.directory->organisations(who)) {
    for (const auto& o : *orgs) names[o.id] = o.name;
  }
  return names;
}

std::string name_in(const std::map<access::OrganisationId, std::string>& names, access::OrganisationId id) {
  auto it = names.find(id);
  return it == names.end() ? "#" + std::to_string(id) : it->second;
}

std::string date_of(std::int64_t at_us) {
  std::string iso = sharing::format_date(at_us);  // YYYY-MM-DD
  return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
}

data lines_of(const sharing::Explanation& e, const std::string& lang) {
  data list{data::type::list};
  for (const auto& line : i18n::render_explanation_lines(e, lang)) list.push_back(data(line));
  return list;
}

data decisions_data(const Page& page, const std::map<access::OrganisationId, std::string>& names,
                    const std::vector<app::contributions::RecipientDecision>& decisions) {
  data list{data::type::list};
  for (const auto& d : decisions) {
    data x;
    x.set("recipient", name_in(names, d.recipient));
    x.set("permit", d.permit);
    x.set("outcome", page.text(d.permit ? "contributions.decision.permit" : "contributions.decision.deny",
                               {{"organisation", name_in(names, d.recipient)}}));
    x.set("lines", lines_of(d.explanation, page.lang()));
    list.push_back(x);
  }
  return list;
}

data item_data(const Page& page, const std::map<access::OrganisationId, std::string>& names,
               const app::contributions::Viewed& v, const access::Principal& who) {
  const cb::Contribution& c = v.contribution;
  data d;
  d.set("id", std::to_string(c.id));
  d.set("title", page.text("contributions.item.title", {{"kind", page.text("contributions.kind." + std::string(cb::name_of(c.kind)))},
                                                          {"organisation", name_in(names, c.source)},
                                                          {"date", date_of(c.created_at_us)}}));
  std::string meta = page.text("contributions.classification." + std::string(cb::name_of(c.classification))) + " · " +
                     page.text("sharing.purpose." + std::string(sharing::name_of(c.purpose)));
  if (c.case_id != 0) meta += " · " + page.text("contributions.track." + std::string(cb::name_of(c.track)));
  d.set("meta", meta);
  d.set("readable", v.readable);
  data parts{data::type::list};
  for (const auto& p : c.parts) {
    data x;
    x.set("category", page.text("sharing.category." + std::string(sharing::name_of(p.category))));
    x.set("text", p.text);
    parts.push_back(x);
  }
  d.set("parts", parts);
  d.set("withheld", page.text("contributions.item.withheld"));
  d.set("refusal", v.refusal ? lines_of(*v.refusal, page.lang()) : data(data::type::list));
  const cb::Share* mine = c.share_to(who.organisation_id);
  bool restricted = mine && mine->use_restricted;
  bool awaiting = false;
  data shares{data::type::list};
  for (const auto& s : c.shares) {
    if (!v.own) continue;
    if (s.status == cb::ShareStatus::awaiting_dpo) awaiting = true;
    if (s.use_restricted) restricted = true;
    std::string line = page.text("contributions.share." + std::string(cb::name_of(s.status)),
                                 {{"organisation", name_in(names, s.recipient)},
                                  {"ground", s.ground.empty() ? std::string() : page.text("sharing.ground." + s.ground)}});
    if (s.status == cb::ShareStatus::denied && !s.reasons.empty()) {
      std::string reasons;
      for (const auto& r : s.reasons) reasons += (reasons.empty() ? "" : ", ") + page.text("contributions.reason." + r);
      line += " " + page.text("contributions.share.reasons", {{"reasons", reasons}});
    }
    shares.push_back(data(line));
  }
  d.set("shares", shares);
  d.set("has_shares", v.own && !c.shares.empty());
  d.set("use_restricted", restricted);
  d.set("use_restricted_label", page.text("contributions.item.use_restricted"));
  d.set("awaiting_dpo", awaiting);
  d.set("awaiting_label", page.text("contributions.item.awaiting_dpo"));
  d.set("secret", c.classification == cb::Classification::secret);
  d.set("can_export", v.readable && (who.role == access::Role::member || who.role == access::Role::organisation_admin));
  d.set("export_text", page.text("contributions.item.export"));
  d.set("export_label", page.text("contributions.item.export_of", {{"id", std::to_string(c.id)}}));
  return d;
}

// The section's view model: the items and the add form.
data section_data(const Page& page, const std::map<access::OrganisationId, std::string>& names,
                  const std::vector<app::contributions::Viewed>& items, const access::Principal& who,
                  const std::string& action, bool can_add, bool with_tracks, const Returned& back) {
  data s;
  s.set("heading", page.text("contributions.heading"));
  s.set("intro", page.text("contributions.intro"));
  data list{data::type::list};
  for (const auto& v : items) list.push_back(item_data(page, names, v, who));
  s.set("items", list);
  s.set("has_items", !items.empty());
  s.set("none", page.text("contributions.none"));
  s.set("can_add", can_add);
  s.set("action", action);
  s.set("add_heading", page.text("contributions.form.heading"));
  auto value = [&](const std::string& key, const std::string& fallback = {}) {
    auto it = back.values.find(key);
    return it == back.values.end() ? fallback : it->second;
  };
  s.set("has_problem", !back.problem.empty());
  s.set("problem_label", page.text("contributions.problem"));
  s.set("problem", back.problem);
  s.set("has_tracks", with_tracks);
  s.set("track_label", page.text("contributions.form.track"));
  s.set("tracks", choices({{"care", page.text("contributions.track.care")}, {"safety", page.text("contributions.track.safety")}},
                          value("track", "care")));
  s.set("kind_label", page.text("contributions.form.kind"));
  s.set("kinds", choices({{"note", page.text("contributions.kind.note")}, {"fact", page.text("contributions.kind.fact")}},
                         value("kind", "note")));
  s.set("classification_label", page.text("contributions.form.classification"));
  s.set("classification_hint", page.text("contributions.form.classification_hint"));
  std::vector<std::pair<std::string, std::string>> classes;
  for (auto c : {cb::Classification::public_info, cb::Classification::internal, cb::Classification::confidential,
                 cb::Classification::secret}) {
    classes.emplace_back(cb::name_of(c), page.text("contributions.classification." + std::string(cb::name_of(c))));
  }
  s.set("classifications", choices(classes, value("classification", "internal")));
  s.set("purpose_label", page.text("contributions.form.purpose"));
  std::vector<std::pair<std::string, std::string>> purposes;
  for (std::size_t i = 0; i < sharing::term_count<sharing::Purpose>(); ++i) {
    auto p = static_cast<sharing::Purpose>(i);
    purposes.emplace_back(sharing::name_of(p), page.text("sharing.purpose." + std::string(sharing::name_of(p))));
  }
  s.set("purposes", choices(purposes, value("purpose", "care")));
  s.set("parts_legend", page.text("contributions.form.parts"));
  s.set("parts_hint", page.text("contributions.form.parts_hint"));
  data parts{data::type::list}, travel{data::type::list};
  for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
    auto c = static_cast<sharing::Category>(i);
    std::string name(sharing::name_of(c));
    data p;
    p.set("category", name);
    p.set("label", page.text("sharing.category." + name));
    p.set("value", value("part_" + name));
    parts.push_back(p);
    if (!value("part_" + name).empty()) {
      data t;
      t.set("category", name);
      t.set("label", page.text("sharing.category." + name));
      t.set("checked", !back.given.travelling || back.given.travelling->has(c));
      travel.push_back(t);
    }
  }
  s.set("parts", parts);
  std::vector<std::string> required;
  for (const auto& d : back.decisions) {
    if (d.permit) required.insert(required.end(), d.obligations.begin(), d.obligations.end());
  }
  auto needs = [&](std::string_view o) { return std::find(required.begin(), required.end(), o) != required.end(); };
  const bool step_two = !back.unmet.empty();
  s.set("step_two", step_two);
  s.set("has_sent", back.saved);
  s.set("sent_heading", page.text("contributions.sent.heading"));
  s.set("decisions_heading", page.text("contributions.form.decisions"));
  s.set("decisions", decisions_data(page, names, back.decisions));
  s.set("obligations_intro", page.text("contributions.form.obligations_intro"));
  s.set("needs_pick", step_two && needs("minimum_necessary"));
  s.set("pick_legend", page.text("contributions.obligation.minimum_necessary"));
  s.set("travel", travel);
  s.set("needs_judgement", step_two && needs("professional_judgement"));
  s.set("judgement_label", page.text("contributions.obligation.professional_judgement"));
  s.set("judgement_checked", back.given.professional_judgement);
  s.set("needs_reporting", step_two && needs("recipient_reporting_duty"));
  s.set("reporting_warning", page.text("contributions.obligation.recipient_reporting_duty_warning"));
  s.set("reporting_label", page.text("contributions.obligation.recipient_reporting_duty"));
  s.set("warning_label", page.text("contributions.warning"));
  s.set("needs_reasoning", step_two && needs("record_reasoning"));
  s.set("reasoning_label", page.text("contributions.obligation.record_reasoning"));
  s.set("reasoning_value", back.given.reasoning);
  s.set("submit", page.text(step_two ? "contributions.form.send" : "contributions.form.submit"));
  return s;
}

std::string problem_text(const Page& page, const Error& e) {
  for (std::string_view k : {"invalid_input", "forbidden", "not_found", "conflict"}) {
    if (e.code == k) return page.text("contributions.error." + e.code);
  }
  return page.text("contributions.error.other");
}

// The draft and confirmations of an add form, and what to show again.
app::contributions::Draft draft_of(const http::Form& form, Returned& back) {
  app::contributions::Draft d;
  for (const char* key : {"kind", "classification", "purpose", "track"}) back.values[key] = form.value(key);
  d.kind = cb::parse_kind(form.value("kind")).value_or(cb::Kind::note);
  d.classification = cb::parse_classification(form.value("classification")).value_or(cb::Classification::internal);
  d.purpose = sharing::parse_term<sharing::Purpose>(form.value("purpose")).value_or(sharing::Purpose::care);
  d.track = cb::parse_track(form.value("track")).value_or(cb::Track::care);
  for (std::size_t i = 0; i < sharing::term_count<sharing::Category>(); ++i) {
    auto c = static_cast<sharing::Category>(i);
    std::string text = form.value("part_" + std::string(sharing::name_of(c)));
    back.values["part_" + std::string(sharing::name_of(c))] = text;
    if (!text.empty()) d.parts.push_back({c, text});
  }
  back.given = confirmations_of(form);
  return d;
}

// Runs the add; fills `back` with what to show. Returns the status to answer with,
// or 0 when the caller should go back to the page (stored, everything permitted).
int run_add(const Ctx& ctx, const Page& page, const Caller& caller, app::contributions::Draft d, Returned& back) {
  auto sent = ctx.service->add(caller, d, back.given);
  if (!sent) {
    back.problem = problem_text(page, sent.error());
    const auto& c = sent.error().code;
    return c == "forbidden" ? 403 : c == "not_found" ? 404 : c == "invalid_input" ? 400 : 500;
  }
  back.decisions = sent->decisions;
  back.unmet = sent->unmet;
  if (!sent->contribution) {
    back.problem = page.text("contributions.form.obligations_problem");
    return 422;
  }
  back.saved = true;
  back.values.clear();
  back.given = {};
  bool all_permitted = std::all_of(back.decisions.begin(), back.decisions.end(), [](const auto& x) { return x.permit; });
  return all_permitted ? 0 : 200;
}

// --- cases ---------------------------------------------------------------------

http::Response case_page(const Ctx& ctx, const http::Request& request, const Authenticated& who, std::int64_t id,
                         const Returned& back, int status) {
  auto items = ctx.service->for_case(caller_of(request, who), id);
  if (!items) return page_error(request, ctx.options, items.error());
  Page page(request, ctx.options, "cases");
  page.set_viewer(who);
  std::string title = page.text("contributions.case.title", {{"case", std::to_string(id)}});
  page.set_title(title);
  page.set("heading", title);
  page.set("back", page.text("contributions.case.back"));
  page.set("back_href", "/cases/" + std::to_string(id));
  auto names = organisation_names(ctx, who.principal);
  bool practitioner = who.principal.role == access::Role::member || who.principal.role == access::Role::organisation_admin;
  page.set("contributions", section_data(page, names, *items, who.principal,
                                         "/cases/" + std::to_string(id) + "/contributions", practitioner, true, back));
  return no_store(page.render("contributions/case", status));
}

http::Response case_post(const Ctx& ctx, const http::Request& request, const Authenticated& who,
                         const http::Form& form, std::int64_t id) {
  Page page(request, ctx.options, "cases");
  Returned back;
  auto d = draft_of(form, back);
  d.case_id = id;
  int status = run_add(ctx, page, caller_of(request, who), d, back);
  if (status == 0) return see_other("/cases/" + std::to_string(id) + "/contributions#contributions");
  if (status == 403 || status == 404 || status == 500) {
    return page_error(request, ctx.options, Error{status == 403 ? "forbidden" : status == 404 ? "not_found" : "internal", ""});
  }
  return case_page(ctx, request, who, id, back, status);
}

// --- situations ------------------------------------------------------------------

// The add form of a situation came back (obligations to meet, a problem, or some
// recipients refused): a page of its own with the situation's section.
http::Response situation_post(const Ctx& ctx, const http::Request& request, const Authenticated& who,
                              const http::Form& form, std::int64_t id) {
  Page page(request, ctx.options, "situations");
  Returned back;
  auto d = draft_of(form, back);
  d.situation = id;
  int status = run_add(ctx, page, caller_of(request, who), d, back);
  const std::string base = "/situations/" + std::to_string(id);
  if (status == 0) return see_other(base + "#contributions");
  if (status == 403 || status == 404 || status == 500) {
    return page_error(request, ctx.options, Error{status == 403 ? "forbidden" : status == 404 ? "not_found" : "internal", ""});
  }
  auto items = ctx.service->for_situation(caller_of(request, who), id);
  if (!items) return page_error(request, ctx.options, items.error());
  page.set_viewer(who);
  std::string title = page.text("contributions.situation.title");
  page.set_title(title);
  page.set("heading", title);
  page.set("back", page.text("contributions.situation.back"));
  page.set("back_href", base);
  auto names = organisation_names(ctx, who.principal);
  page.set("contributions", section_data(page, names, *items, who.principal, base + "/contributions", true, false, back));
  return no_store(page.render("contributions/case", status));
}

// --- export ----------------------------------------------------------------------

http::Response export_page(const Ctx& ctx, const http::Request& request, const Authenticated& who, std::int64_t id) {
  Page page(request, ctx.options, "");
  auto p = ctx.service->export_contribution(caller_of(request, who), id, page.text("contributions.export.destination"));
  if (!p) return page_error(request, ctx.options, p.error());
  if (p->permitted) {
    http::Response out = http::Response::text(200, markdown_of(p->viewed));
    out.set_header("Content-Type", "text/markdown; charset=utf-8");
    out.set_header("Content-Disposition", "attachment; filename=\"contribution-" + std::to_string(id) + ".md\"");
    return no_store(std::move(out));
  }
  page.set_viewer(who);
  page.set_title(page.text("contributions.export.refused"));
  page.set("heading", page.text("contributions.export.refused"));
  page.set("explanation", lines_of(*p->refusal, page.lang()));
  page.set("back", page.text("contributions.export.back"));
  const auto& c = p->viewed.contribution;
  page.set("back_href", c.situation ? "/situations/" + std::to_string(c.situation) + "#contributions"
                                    : "/cases/" + std::to_string(c.case_id) + "/contributions");
  return no_store(page.render("contributions/refused", 403));
}

}  // namespace

SituationSection situation_section(const Options& options, const AccountsContext& context,
                                   ContributionService& service) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, options});
  return [ctx](Page& page, const http::Request& request, const Authenticated& who, std::int64_t situation) {
    auto items = ctx->service->for_situation(caller_of(request, who), situation);
    if (!items) return;  // the situation page itself answered the rights; show no section
    auto names = organisation_names(*ctx, who.principal);
    bool practitioner = who.principal.role == access::Role::member || who.principal.role == access::Role::organisation_admin;
    page.set("contributions", section_data(page, names, *items, who.principal,
                                           "/situations/" + std::to_string(situation) + "/contributions", practitioner,
                                           false, {}));
  };
}

void register_contribution_pages(http::Router& router, const Options& options, const AccountsContext& context,
                                 ContributionService& service) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, options});
  auto page = [&](std::string method, std::string pattern, auto handler) {
    router.add(method, pattern,
               signed_in_page(context, options, [ctx, handler](http::Request& r, const Authenticated& who, const http::Form& f) {
                 auto id = api::parse_id(r.param("id"));
                 if (!id) return page_error(r, ctx->options, Error{"not_found", "no such record"});
                 return handler(*ctx, r, who, f, *id);
               }));
  };
  page("GET", "/cases/{id}/contributions", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return case_page(c, r, w, id, {}, 200);
  });
  page("POST", "/cases/{id}/contributions", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
    return case_post(c, r, w, f, id);
  });
  page("POST", "/situations/{id}/contributions", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
    return situation_post(c, r, w, f, id);
  });
  page("GET", "/contributions/{id}/export", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return export_page(c, r, w, id);
  });
}

}  // namespace tafel::web
