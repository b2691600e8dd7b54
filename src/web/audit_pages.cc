#include "web/audit_pages.h"

#include <chrono>

#include "web/audit_api.h"
#include "web/language.h"
#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

using kainjow::mustache::data;
using core::audit::Action;
using core::audit::Entry;

constexpr Action kActions[] = {
    Action::login,         Action::login_failed,  Action::logout,       Action::lockout,
    Action::second_factor, Action::view,          Action::search,       Action::create,
    Action::update,        Action::remove,        Action::export_data,  Action::sharing_decision,
    Action::agreement_signature, Action::sign,    Action::acknowledge,  Action::rights_change,
    Action::audit_verify,  Action::audit_export,
};

std::string action_label(const Page& page, Action action) {
  return page.text("audit.action." + std::string(core::audit::action_name(action)));
}

std::string outcome_label(const Page& page, core::audit::Outcome outcome) {
  return page.text("audit.outcome." + std::string(core::audit::outcome_name(outcome)));
}

std::string object_text(const Entry& e) {
  if (e.object_type.empty()) return e.object_id;
  return e.object_id.empty() ? e.object_type : e.object_type + " " + e.object_id;
}

// A failed use case as a page: the sign-in and permission answers by status, the
// rest as the generic error page of the router.
http::Response refused(const http::Request& request, const Options& options, const Error& error) {
  const int status = status_for(error);
  if (status == 401 || status == 403) {
    Page page(request, options, "audit");
    page.set_title(page.text("audit.forbidden.title"));
    page.set("heading", page.text("audit.forbidden.title"));
    page.set("intro", page.text("audit.forbidden.text"));
    page.set("home_label", page.text("audit.forbidden.home"));
    return page.render("audit/forbidden", 403);
  }
  if (error.code == "invalid_input") return http::Response::error(400, "invalid_input", error.message);
  return http::Response::error(500, "audit_unavailable", "the audit log is unavailable");
}

void set_table_headers(Page& page) {
  for (const char* h : {"seq", "time", "actor", "organisation", "action", "object", "ground", "outcome", "request",
                        "count", "first", "last", "grounds"}) {
    page.set(std::string("h_") + h, page.text(std::string("audit.column.") + h));
  }
}

http::Response list_page(const AccountsContext& context, app::audit::AuditViews& views, const Options& options,
                         const http::Request& request) {
  auto gate = require_viewer(context, request);
  if (!gate.viewer) return std::move(gate.response);
  const app::accounts::Authenticated& who = *gate.viewer;
  Page page(request, options, "audit");
  page.set_viewer(who);
  page.set_title(page.text("audit.list.title"));
  page.set("heading", page.text("audit.list.title"));
  page.set("intro", page.text("audit.list.intro"));
  page.set("filter_legend", page.text("audit.filter.legend"));
  for (const char* f : {"from", "to", "actor", "organisation", "action", "object_type", "object_id"}) {
    page.set(std::string(f) + "_label", page.text(std::string("audit.filter.") + f));
    page.set(f, request.query_param(f).value_or(""));
  }
  page.set("submit", page.text("audit.filter.submit"));
  page.set("reset_label", page.text("audit.filter.reset"));
  page.set("table_caption", page.text("audit.list.caption"));
  page.set("error_title", page.text("audit.error_title"));
  set_table_headers(page);

  const bool organisation_admin = who.principal.role == access::Role::organisation_admin;
  if (organisation_admin) {
    page.set("scope_note", page.text("audit.list.scope_organisation"));
    page.set("organisation_fixed", page.text("audit.filter.organisation_fixed"));
    page.set("organisation", std::to_string(who.principal.organisation_id));
  }
  const std::string selected_action = request.query_param("action").value_or("");
  data options_list{data::type::list};
  {
    data any;
    any.set("value", "");
    any.set("label", page.text("audit.filter.any_action"));
    options_list.push_back(any);
  }
  for (Action a : kActions) {
    data option;
    option.set("value", std::string(core::audit::action_name(a)));
    option.set("label", action_label(page, a));
    if (selected_action == core::audit::action_name(a)) option.set("selected", true);
    options_list.push_back(option);
  }
  page.set("action_options", options_list);

  auto filter = audit_filter_from(request);
  if (!filter) {
    page.set("error", page.text("audit.filter.invalid"));
    page.set("rows", data{data::type::list});
    return page.render("audit/list", 400);
  }
  const std::size_t limit = filter->limit;
  auto entries = views.entries(who.principal, *filter, audit_origin(request));
  if (!entries) return refused(request, options, entries.error());

  const bool dpo = who.principal.role == access::Role::dpo;
  const std::string query = audit_filter_query(request);
  if (dpo) {
    page.set("csv_href", "/audit.csv" + (query.empty() ? std::string() : "?" + query));
    page.set("csv_label", page.text("audit.list.csv"));
  }
  data rows{data::type::list};
  for (const auto& e : *entries) {
    data row;
    row.set("seq", std::to_string(e.seq));
    row.set("time", format_utc(e.time_us));
    row.set("actor", e.actor);
    row.set("organisation", e.organisation);
    row.set("action", action_label(page, e.action));
    row.set("object", object_text(e));
    if (dpo && e.object_type == "person" && !e.object_id.empty()) {
      row.set("report_href", "/audit/person/" + url_encode(e.object_id));
    }
    row.set("ground", e.ground);
    row.set("rule", e.rule);
    row.set("outcome", outcome_label(page, e.outcome));
    row.set("request_id", e.request_id);
    rows.push_back(row);
  }
  page.set("rows", rows);
  if (entries->empty()) page.set("empty", page.text("audit.list.empty"));
  if (entries->size() == limit && !entries->empty()) {
    page.set("older_href", "/audit?" + (query.empty() ? std::string() : query + "&") +
                               "before=" + std::to_string(entries->back().seq));
    page.set("older_label", page.text("audit.list.older"));
  }
  http::Response response = page.render("audit/list");
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response person_page(const AccountsContext& context, app::audit::AuditViews& views, const Options& options,
                           const http::Request& request) {
  auto gate = require_viewer(context, request);
  if (!gate.viewer) return std::move(gate.response);
  const app::accounts::Authenticated& who = *gate.viewer;
  auto report = views.access_report(who.principal, request.param("id"), audit_origin(request));
  if (!report) return refused(request, options, report.error());

  Page page(request, options, "audit");
  page.set_viewer(who);
  page.set_title(page.text("audit.person.title", {{"person", report->person_id}}));
  page.set("heading", page.text("audit.person.title", {{"person", report->person_id}}));
  page.set("intro", page.text("audit.person.intro"));
  page.set("person_label", page.text("audit.person.person"));
  page.set("person", report->person_id);
  page.set("generated_label", page.text("audit.person.generated"));
  const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  page.set("generated", format_utc(now_us) + " UTC");
  page.set("generated_by_label", page.text("audit.person.generated_by"));
  page.set("generated_by", std::to_string(who.principal.user_id));
  page.set("print_hint", page.text("audit.person.print_hint"));
  if (report->truncated) page.set("truncated", page.text("audit.person.truncated"));
  page.set("organisations_heading", page.text("audit.person.organisations"));
  page.set("entries_heading", page.text("audit.person.entries"));
  page.set("none", page.text("audit.person.none"));
  page.set("back_label", page.text("audit.person.back"));
  set_table_headers(page);

  data organisations{data::type::list};
  for (const auto& o : report->organisations) {
    data row;
    row.set("organisation", o.organisation);
    row.set("count", std::to_string(o.count));
    row.set("first", format_utc(o.first_us));
    row.set("last", format_utc(o.last_us));
    std::string grounds;
    for (const auto& g : o.grounds) grounds += (grounds.empty() ? "" : ", ") + g;
    row.set("grounds", grounds.empty() ? page.text("audit.person.no_ground") : grounds);
    organisations.push_back(row);
  }
  page.set("organisations", organisations);
  page.set("has_organisations", !report->organisations.empty());
  data entries{data::type::list};
  for (const auto& e : report->entries) {
    data row;
    row.set("time", format_utc(e.time_us));
    row.set("organisation", e.organisation);
    row.set("actor", e.actor);
    row.set("action", action_label(page, e.action));
    row.set("ground", e.ground);
    row.set("rule", e.rule);
    row.set("outcome", outcome_label(page, e.outcome));
    entries.push_back(row);
  }
  page.set("entries", entries);
  page.set("has_entries", !report->entries.empty());
  http::Response response = page.render("audit/person");
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response csv_page(const AccountsContext& context, app::audit::AuditViews& views, const Options& options,
                        const http::Request& request) {
  auto gate = require_viewer(context, request);
  if (!gate.viewer) return std::move(gate.response);
  auto filter = audit_filter_from(request);
  if (!filter) return http::Response::error(400, "invalid_input", filter.error().message);
  auto entries = views.export_entries(gate.viewer->principal, *filter, audit_origin(request));
  if (!entries) return refused(request, options, entries.error());
  http::Response response = http::Response::text(200, audit_csv(*entries));
  response.set_header("Content-Type", "text/csv; charset=utf-8");
  response.set_header("Content-Disposition", "attachment; filename=\"tafel-audit.csv\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void register_audit_pages(http::Router& router, const AccountsContext& context, app::audit::AuditViews& views,
                          const Options& options) {
  router.add("GET", "/audit", [context, &views, options](http::Request& request) {
    return list_page(context, views, options, request);
  });
  router.add("GET", "/audit/person/{id}", [context, &views, options](http::Request& request) {
    return person_page(context, views, options, request);
  });
  router.add("GET", "/audit.csv", [context, &views, options](http::Request& request) {
    return csv_page(context, views, options, request);
  });
}

void register_audit_routes(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                           app::audit::AuditViews& views, const Options& options) {
  register_audit_pages(router, context, views, options);
  register_audit_api(router, document, context, views);
  document_audit_answers(document);
}

}  // namespace tafel::web
