#include "web/tables/table_pages_support.h"

#include "web/pages.h"
#include "web/tables/table_api.h"

namespace tafel::web::table_pages {

Caller caller_of(const http::Request& request, const Authenticated& who) {
  return Caller{who.principal, {request.request_id, client_address(request)}};
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "10/02/2026 19:00": the Belgian way of writing a date, in every language.
std::string when(const tb::LocalTime& t) {
  return two(t.day) + "/" + two(t.month) + "/" + std::to_string(t.year) + " " + two(t.hour) + ":" + two(t.minute);
}

std::string date_text(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string base_of(std::int64_t table) { return "/tables/" + std::to_string(table); }
std::string base_of(std::int64_t table, std::int64_t meeting) {
  return base_of(table) + "/meetings/" + std::to_string(meeting);
}

data cell(std::string text, std::string href) {
  data c;
  c.set("has_href", !href.empty());
  set_moved(c, "text", data(text));
  set_moved(c, "href", data(href));
  return c;
}

// --- errors -------------------------------------------------------------------------

// The translated sentence for a failure of the tables service; the generic one for
// codes without their own.
std::string problem_text(const Page& page, const Error& e) {
  static constexpr std::string_view kKnown[] = {
      "invalid_input",   "invalid_rule",     "invalid_time",     "cases_not_allowed", "conflict",
      "meeting_not_open", "meeting_not_planned", "meeting_closed", "meeting_not_held", "secrecy_not_acknowledged",
      "not_shared",      "not_present",      "minutes_frozen",   "minutes_not_frozen", "already_approved",
      "not_attending",   "no_attendance",    "no_minutes",       "no_secrecy_text",   "table_role",
      "already_declined", "meeting_not_closed", "recipient_not_police", "feedback_not_draft",
      "feedback_not_awaiting", "already_answered", "sharing_unavailable", "attendance_frozen",
      "basis_not_approved", "feedback_pending"};
  for (auto k : kKnown) {
    if (e.code == k) return page.text("tables.error." + e.code);
  }
  if (e.code == "forbidden") return page.text("tables.error.table_role");
  return page.text("tables.error.generic");
}

// The error page for failures that leave nothing to show (refused, unknown record).
http::Response refusal(const http::Request& request, const Options& options, const Error& e) {
  int status = table_status_for(e);
  if (status == 401) return login_redirect(request);
  return no_store(error_page(request, options, status));
}

bool refused(const Error& e) { return e.code == "forbidden" || e.code == "not_found" || e.code == "not_authenticated"; }

Page table_page_of(const http::Request& request, const Options& options, const Authenticated& who,
                   const std::string& title) {
  Page page(request, options, "tables");
  page.set_viewer(who);
  page.set_title(title);
  page.set("heading", title);
  page.set("csrf", who.session.csrf_token);
  page.set("warning_prefix", page.text("tables.warning_prefix"));
  return page;
}

void set_problem(Page& page, const std::string& problem) {
  page.set("has_problem", !problem.empty());
  page.set("problem", problem);
  page.set("problem_label", page.text("tables.problem"));
}

void set_notice(Page& page, const http::Request& request) {
  static constexpr std::string_view kDone[] = {"created",  "saved",    "approved",  "frozen",   "revoked",
                                               "carried", "declined", "withdrawn", "answered", "submitted",
                                               "basis_approved"};
  std::string notice;
  if (auto done = request.query_param("done")) {
    for (auto k : kDone) {
      if (*done == k) notice = page.text("tables.done." + std::string(k));
    }
  }
  page.set("has_notice", !notice.empty());
  page.set("notice", notice);
  page.set("notice_label", page.text("tables.notice"));
}

int int_of(const std::string& text, int fallback) {
  auto v = parse_record_id(text);
  return v && *v < 100'000 ? static_cast<int>(*v) : fallback;
}

std::optional<Ids> ids_of(const http::Request& request) {
  Ids ids;
  for (auto [name, out] : {std::pair{"id", &ids.table}, std::pair{"meeting", &ids.meeting},
                           std::pair{"item", &ids.item}, std::pair{"action", &ids.action},
                           std::pair{"feedback", &ids.feedback}}) {
    const std::string& text = request.param(name);
    if (text.empty()) continue;
    auto v = parse_record_id(text);
    if (!v) return std::nullopt;
    *out = *v;
  }
  return ids;
}

http::Response not_found(const http::Request& request, const Ctx& ctx) {
  return refusal(request, ctx.options, Error{"not_found", "no such record"});
}

}  // namespace tafel::web::table_pages
