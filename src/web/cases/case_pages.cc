// The case pages (web/cases/case_routes.h). The identity is rendered only in answer
// to the explicit POST "show identity" (audited by the service), never on a GET, so
// a page reload, the browser history or a prefetch never reads it.

#include "i18n/sharing_explanation.h"
#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/cases/case_routes.h"
#include "web/page.h"
#include "web/viewer.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace tafel::web {

namespace {

using app::accounts::Authenticated;
using kainjow::mustache::data;
namespace cs = tafel::cases;

struct Ctx {
  AccountsContext accounts;
  app::cases::CaseService* cases = nullptr;
  app::tables::TableService* tables = nullptr;
  Options options;
};

app::cases::Caller caller_of(const http::Request& r, const Authenticated& who) {
  return {who.principal, audit_origin(r)};
}

std::map<access::OrganisationId, std::string> organisation_names(const Ctx& ctx, const access::Principal& who) {
  std::map<access::OrganisationId, std::string> out;
  if (auto orgs = ctx.accounts.directory->organisations(who)) {
    for (const auto& o : *orgs) out[o.id] = o.name;
  }
  return out;
}

std::string name_in(const std::map<access::OrganisationId, std::string>& names, access::OrganisationId id) {
  auto it = names.find(id);
  return it == names.end() ? "#" + std::to_string(id) : it->second;
}

std::string problem_text(const Page& page, const Error& e) {
  for (std::string_view k : {"invalid_input", "forbidden", "not_found", "invalid_state", "identity_unreadable",
                            "sharing_denied", "sharing_unavailable"}) {
    if (e.code == k) return page.text("cases.error." + e.code);
  }
  return page.text("cases.error.other");
}

std::string case_label(const Page& page, std::int64_t id) { return page.text("cases.case_number", {{"id", id}}); }

Page case_page_of(const http::Request& r, const Ctx& ctx, const Authenticated& who, const std::string& title) {
  Page page(r, ctx.options, "tables");
  page.set_viewer(who);
  page.set_title(title);
  page.set("heading", title);
  return page;
}

// GET /tables/{id}/cases
http::Response list_page(const Ctx& ctx, const http::Request& r, const Authenticated& who, std::int64_t table_id) {
  auto caller = caller_of(r, who);
  auto table = ctx.tables->table({who.principal, caller.origin}, table_id);
  if (!table) return page_error(r, ctx.options, table.error());
  auto list = ctx.cases->cases_at(caller, table_id);
  if (!list) return page_error(r, ctx.options, list.error());
  Page probe(r, ctx.options, "tables");
  Page page = case_page_of(r, ctx, who, probe.text("cases.index.title", {{"table", table->name}}));
  page.set("intro", page.text("cases.index.intro"));
  page.set("back_href", "/tables/" + std::to_string(table_id));
  page.set("back_text", page.text("cases.back_to_table"));
  page.set("can_open", ctx.cases->may_open_at(caller, table_id));
  page.set("open_href", "/tables/" + std::to_string(table_id) + "/cases/new");
  page.set("open_text", page.text("cases.index.open"));
  page.set("cases_closed", !table->cases_open());
  page.set("cases_closed_text", page.text("cases.index.cases_closed"));
  data rows{data::type::list};
  for (const auto& c : *list) {
    data row;
    row.set("href", "/cases/" + std::to_string(c.id));
    row.set("label", case_label(page, c.id));
    row.set("state", page.text(c.open() ? "cases.state.open" : "cases.state.closed"));
    row.set("informed", page.text("cases.informed." + std::string(cs::name_of(c.informed))));
    rows.push_back(row);
  }
  page.set("rows", rows);
  page.set("empty", list->empty());
  page.set("empty_text", page.text("cases.index.empty"));
  for (const char* key : {"case", "state", "informed"}) page.set(std::string("h_") + key, page.text(std::string("cases.head.") + key));
  return no_store(page.render("cases/index"));
}

void identity_labels(Page& page) {
  for (const char* key : {"name", "birth_date", "address", "national_number", "details", "national_number_hint"}) {
    page.set(std::string("l_") + key, page.text(std::string("cases.field.") + key));
  }
}

// GET and POST /tables/{id}/cases/new
http::Response new_page(const Ctx& ctx, const http::Request& r, const Authenticated& who, const http::Form& f,
                        std::int64_t table_id, bool post) {
  auto caller = caller_of(r, who);
  std::optional<Error> problem;
  if (post) {
    app::cases::CaseDraft draft;
    draft.identity = {f.value("name"), f.value("birth_date"), f.value("address"), f.value("national_number"),
                      f.value("details")};
    draft.minor = f.value("minor") == "1";
    draft.vulnerable = f.value("vulnerable") == "1";
    for (const auto& v : f.all("care")) draft.tracks.push_back({std::atoll(v.c_str()), cs::Track::care});
    for (const auto& v : f.all("safety")) draft.tracks.push_back({std::atoll(v.c_str()), cs::Track::safety});
    auto opened = ctx.cases->open_case(caller, table_id, std::move(draft));
    if (opened) return see_other("/cases/" + std::to_string(opened->id) + "?done=opened");
    if (opened.error().code == "not_authenticated" || opened.error().code == "second_factor_required") {
      return page_error(r, ctx.options, opened.error());
    }
    problem = opened.error();
  }
  auto table = ctx.tables->table({who.principal, caller.origin}, table_id);
  if (!table) return page_error(r, ctx.options, table.error());
  if (!ctx.cases->may_open_at(caller, table_id)) return page_error(r, ctx.options, Error{"forbidden", "open_case"});
  Page probe(r, ctx.options, "tables");
  Page page = case_page_of(r, ctx, who, probe.text("cases.new.title", {{"table", table->name}}));
  page.set("back_href", "/tables/" + std::to_string(table_id) + "/cases");
  page.set("back_text", page.text("cases.back_to_list"));
  page.set("action", "/tables/" + std::to_string(table_id) + "/cases/new");
  page.set("has_problem", problem.has_value());
  page.set("problem_title", page.text("cases.error.title"));
  page.set("problem", problem ? problem_text(page, *problem) + (problem->code == "invalid_input" ? " (" + problem->message + ")" : "") : "");
  identity_labels(page);
  auto names = organisation_names(ctx, who.principal);
  data orgs{data::type::list};
  for (auto org : table->members) {
    data o;
    o.set("id", std::to_string(org));
    o.set("name", name_in(names, org));
    const std::string id = std::to_string(org);
    auto checked = [&](const char* track) {
      auto all = f.all(track);
      return std::find(all.begin(), all.end(), id) != all.end();
    };
    o.set("care_checked", post ? checked("care") : org == who.principal.organisation_id);
    o.set("safety_checked", post && checked("safety"));
    orgs.push_back(o);
  }
  for (const auto& [field, value] : {std::pair<const char*, std::string>{"name", f.value("name")},
                                     {"birth_date", f.value("birth_date")}, {"address", f.value("address")},
                                     {"national_number", f.value("national_number")}, {"details", f.value("details")}}) {
    page.set(std::string("v_") + field, value);
  }
  page.set("organisations", orgs);
  page.set("minor_checked", f.value("minor") == "1");
  page.set("vulnerable_checked", f.value("vulnerable") == "1");
  for (const char* key : {"flags", "minor", "vulnerable", "tracks", "tracks_hint", "care", "safety", "organisation",
                          "submit", "sealed_note"}) {
    page.set(std::string("l_") + key, page.text(std::string("cases.form.") + key));
  }
  return no_store(page.render("cases/new", problem ? case_status_for(*problem) : 200));
}

// GET /cases/{id}, and the answer to its POST forms (`identity` when shown).
http::Response case_view(const Ctx& ctx, const http::Request& r, const Authenticated& who, std::int64_t id,
                         const std::optional<app::cases::Identity>& identity, const std::optional<Error>& problem,
                         const std::string& done = {}, const std::optional<sharing::Explanation>& refusal = {}) {
  auto caller = caller_of(r, who);
  auto c = ctx.cases->summary(caller, id);
  if (!c) return page_error(r, ctx.options, c.error());
  Page probe(r, ctx.options, "tables");
  Page page = case_page_of(r, ctx, who, case_label(probe, id));
  const std::string base = "/cases/" + std::to_string(id);
  page.set("base", base);
  page.set("back_href", "/tables/" + std::to_string(c->table_id) + "/cases");
  page.set("back_text", page.text("cases.back_to_list"));
  page.set("has_done", !done.empty());
  page.set("done_text", done.empty() ? "" : page.text("cases.done." + done));
  page.set("has_problem", problem.has_value());
  page.set("problem_title", page.text("cases.error.title"));
  page.set("problem", problem ? problem_text(page, *problem) : "");
  data refusal_lines{data::type::list};
  if (refusal) {
    for (const auto& line : i18n::render_explanation_lines(*refusal, page.lang())) refusal_lines.push_back(data(line));
  }
  page.set("has_refusal", refusal.has_value());
  page.set("refusal", refusal_lines);
  auto names = organisation_names(ctx, who.principal);
  auto join = [&](cs::Track t) {
    std::string out;
    for (auto org : c->organisations_on(t)) out += (out.empty() ? "" : ", ") + name_in(names, org);
    return out.empty() ? page.text("cases.summary.none") : out;
  };
  page.set("summary_heading", page.text("cases.summary.heading"));
  page.set("case_id", std::to_string(c->id));
  page.set("contributions_link", page.text("cases.links.contributions"));
  page.set("consents_link", page.text("cases.links.consents"));
  // Consents are read by practitioners of the recording organisation (core/consents).
  page.set("show_consents", who.principal.role == access::Role::organisation_admin ||
                                who.principal.role == access::Role::member);
  data facts{data::type::list};
  auto fact = [&](const std::string& key, const std::string& value, const std::string& fid) {
    data d;
    d.set("label", page.text("cases.summary." + key));
    d.set("value", value);
    d.set("id", fid);
    facts.push_back(d);
  };
  fact("state", page.text(c->open() ? "cases.state.open" : "cases.state.closed"), "case-state");
  fact("minor", page.text(c->minor ? "cases.yes" : "cases.no"), "case-minor");
  fact("vulnerable", page.text(c->vulnerable ? "cases.yes" : "cases.no"), "case-vulnerable");
  fact("care_track", join(cs::Track::care), "case-care");
  fact("safety_track", join(cs::Track::safety), "case-safety");
  fact("opened_by", name_in(names, c->opened_by_organisation), "case-opened-by");
  fact("informed", page.text("cases.informed." + std::string(cs::name_of(c->informed))), "case-informed");
  page.set("facts", facts);

  const bool may_identity = ctx.cases->may(caller, *c, cs::CaseRight::view_identity);
  const bool may_manage = ctx.cases->may(caller, *c, cs::CaseRight::manage_case);
  page.set("identity_heading", page.text("cases.identity.heading"));
  page.set("may_identity", may_identity);
  page.set("show_text", page.text("cases.identity.show"));
  page.set("show_hint", page.text("cases.identity.audited_hint"));
  page.set("identity_hidden_text", page.text("cases.identity.not_for_you"));
  page.set("shown", identity.has_value());
  identity_labels(page);
  if (identity) {
    page.set("v_name", identity->name);
    page.set("v_birth_date", identity->birth_date);
    page.set("v_address", identity->address);
    page.set("v_national_number", identity->national_number);
    page.set("v_details", identity->details);
    page.set("audited", page.text("cases.identity.audited"));
    page.set("edit_heading", page.text("cases.identity.edit"));
    page.set("save_text", page.text("cases.identity.save"));
  }
  page.set("may_manage", may_manage && c->open());
  page.set("informed_heading", page.text("cases.informed.heading"));
  std::vector<std::pair<std::string, std::string>> options;
  for (auto v : {cs::Informed::yes, cs::Informed::no_investigation, cs::Informed::no_safety}) {
    options.emplace_back(std::string(cs::name_of(v)), page.text("cases.informed." + std::string(cs::name_of(v))));
  }
  data radios{data::type::list};
  for (const auto& [value, label] : options) {
    data d;
    d.set("value", value);
    d.set("label", label);
    d.set("checked", value == cs::name_of(c->informed));
    radios.push_back(d);
  }
  page.set("informed_options", radios);
  page.set("informed_save", page.text("cases.informed.save"));
  page.set("close_heading", page.text("cases.close.heading"));
  page.set("close_text", page.text("cases.close.button"));
  return no_store(page.render("cases/case", problem ? case_status_for(*problem) : 200));
}

}  // namespace

void register_case_pages(http::Router& router, const Options& options, const AccountsContext& context,
                         app::cases::CaseService& service, app::tables::TableService& tables) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, &tables, options});
  using Body = std::function<http::Response(const Ctx&, http::Request&, const Authenticated&, const http::Form&,
                                            std::int64_t)>;
  auto page = [&](std::string method, std::string pattern, Body handler) {
    router.add(method, pattern,
               signed_in_page(context, options, [ctx, handler](http::Request& r, const Authenticated& who,
                                                                const http::Form& f) {
                 auto id = api::parse_id(r.param("id"));
                 if (!id) return page_error(r, ctx->options, Error{"not_found", "no such record"});
                 return handler(*ctx, r, who, f, *id);
               }));
  };
  page("GET", "/tables/{id}/cases", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&,
                                       std::int64_t id) { return list_page(c, r, w, id); });
  page("GET", "/tables/{id}/cases/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f,
                                           std::int64_t id) { return new_page(c, r, w, f, id, false); });
  page("POST", "/tables/{id}/cases/new", [](const Ctx& c, http::Request& r, const Authenticated& w,
                                            const http::Form& f, std::int64_t id) { return new_page(c, r, w, f, id, true); });
  page("GET", "/cases/{id}", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&,
                                std::int64_t id) {
    std::string done = r.query_param("done").value_or("");
    if (done != "opened" && done != "informed" && done != "closed" && done != "saved") done.clear();
    return case_view(c, r, w, id, std::nullopt, std::nullopt, done);
  });
  page("POST", "/cases/{id}/identity", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&,
                                          std::int64_t id) {
    sharing::Explanation refusal;
    auto identity = c.cases->identity(caller_of(r, w), id, &refusal);
    if (!identity) {
      if (identity.error().code == "not_found" || identity.error().code == "not_authenticated") {
        return page_error(r, c.options, identity.error());
      }
      std::optional<sharing::Explanation> why;
      if (identity.error().code == "sharing_denied") why = std::move(refusal);
      return case_view(c, r, w, id, std::nullopt, identity.error(), {}, why);
    }
    return case_view(c, r, w, id, *identity, std::nullopt);
  });
  page("POST", "/cases/{id}/identity/edit", [](const Ctx& c, http::Request& r, const Authenticated& w,
                                               const http::Form& f, std::int64_t id) {
    app::cases::Identity identity{f.value("name"), f.value("birth_date"), f.value("address"),
                                  f.value("national_number"), f.value("details")};
    auto saved = c.cases->set_identity(caller_of(r, w), id, identity);
    if (!saved) {
      if (saved.error().code == "not_found" || saved.error().code == "not_authenticated") {
        return page_error(r, c.options, saved.error());
      }
      return case_view(c, r, w, id, std::nullopt, saved.error());
    }
    return see_other("/cases/" + std::to_string(id) + "?done=saved");
  });
  page("POST", "/cases/{id}/informed", [](const Ctx& c, http::Request& r, const Authenticated& w,
                                          const http::Form& f, std::int64_t id) {
    auto informed = cs::parse_informed(f.value("informed"));
    auto done = c.cases->record_informed(caller_of(r, w), id, informed.value_or(cs::Informed::not_recorded));
    if (!done) {
      if (done.error().code == "not_found" || done.error().code == "not_authenticated") {
        return page_error(r, c.options, done.error());
      }
      return case_view(c, r, w, id, std::nullopt, done.error());
    }
    return see_other("/cases/" + std::to_string(id) + "?done=informed");
  });
  page("POST", "/cases/{id}/close", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&,
                                       std::int64_t id) {
    auto done = c.cases->close(caller_of(r, w), id);
    if (!done) {
      if (done.error().code == "not_found" || done.error().code == "not_authenticated") {
        return page_error(r, c.options, done.error());
      }
      return case_view(c, r, w, id, std::nullopt, done.error());
    }
    return see_other("/cases/" + std::to_string(id) + "?done=closed");
  });
}

}  // namespace tafel::web
