#pragma once
// What the pages of consultation tables (web/tables/*_page.cc) share: the context of
// the routes, display names and formats, list sections, error answers, and the
// registration helpers. Not a public header: include it only from web/tables/*.cc.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "app/tables/table_service.h"
#include "http/form.h"
#include "http/router.h"
#include "web/account_pages_support.h"
#include "web/accounts_session.h"
#include "web/mustache_moves.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web::table_pages {

namespace tb = tafel::tables;
using app::accounts::Authenticated;
using app::tables::Caller;
using app::tables::TableService;
using kainjow::mustache::data;

// What every page handler needs, copied into the routes; the services it points to
// must outlive the router.
struct Ctx {
  AccountsContext accounts;
  TableService* tables = nullptr;
  Options options;
};

// The caller of the tables service for `who`'s request.
Caller caller_of(const http::Request& request, const Authenticated& who);

// --- names and formats ----------------------------------------------------------

// Organisation and user names for display, looked up once per request.
class Names {
 public:
  Names(const Ctx& ctx, const Authenticated& who) : ctx_(ctx) {
    if (auto orgs = ctx.accounts.directory->organisations(who.principal)) {
      for (const auto& o : *orgs) organisations_[o.id] = o.name;
    }
  }
  std::string organisation(access::OrganisationId id) const {
    auto it = organisations_.find(id);
    return it == organisations_.end() ? "#" + std::to_string(id) : it->second;
  }
  std::string user(access::UserId id) {
    if (id == 0) return "";
    if (auto it = users_.find(id); it != users_.end()) return it->second;
    std::string name = "#" + std::to_string(id);
    if (auto u = ctx_.accounts.accounts->find_user(id); u && *u) name = (*u)->display_name;
    users_[id] = name;
    return name;
  }
  const std::map<access::OrganisationId, std::string>& organisations() const { return organisations_; }

 private:
  const Ctx& ctx_;
  std::map<access::OrganisationId, std::string> organisations_;
  std::map<access::UserId, std::string> users_;
};

// "07" for 7: two digits.
std::string two(int v);

// "10/02/2026 19:00": the Belgian way of writing a date, in every language.
std::string when(const tb::LocalTime& t);

// "2026-02-10" as "10/02/2026"; any other text as it is.
std::string date_text(const std::string& iso);

// The address of a table's page, and of one of its meetings.
std::string base_of(std::int64_t table);
std::string base_of(std::int64_t table, std::int64_t meeting);

// --- generic lists ----------------------------------------------------------------

// A cell of a list: its text, linked to `href` when one is given.
data cell(std::string text, std::string href = {});

// A titled list of rows as the tables templates show it, with the text shown when
// it is empty and an optional note.
struct Section {
  Section(std::string id_text, std::string heading_text, std::vector<std::string> head_texts)
      : id(std::move(id_text)), heading(std::move(heading_text)), head(std::move(head_texts)) {}

  std::string id;
  std::string heading;
  std::vector<std::string> head;
  data rows{data::type::list};
  std::string empty_text;
  std::string note;
  std::string next_href;  // a link to the section's next page, if it has one
  std::string next_text;

  // Adds a row of `cells` (cell(...) values), moved in.
  template <typename... Cells>
  void row(Cells&&... cells) {
    data r;
    data list{data::type::list};
    (push_moved(list, data(std::forward<Cells>(cells))), ...);
    set_moved(r, "cells", std::move(list));
    push_moved(rows, std::move(r));
  }
  // The section as templates print it; its rows move into it (build once).
  data build() {
    data s;
    s.set("id", id);
    s.set("heading", heading);
    s.set("head", string_list(head));
    s.set("empty", rows.is_empty_list());
    set_moved(s, "rows", std::move(rows));
    s.set("empty_text", empty_text);
    s.set("has_note", !note.empty());
    s.set("note", note);
    s.set("has_next", !next_href.empty());  // an empty string is truthy to mustache
    s.set("next_href", next_href);
    s.set("next_text", next_text);
    return s;
  }
};

using web::choices;  // web/page.h

// --- errors -------------------------------------------------------------------------

// The translated sentence for a failure of the tables service; the generic one for
// codes without their own.
std::string problem_text(const Page& page, const Error& e);

// The error page for failures that leave nothing to show (refused, unknown record).
http::Response refusal(const http::Request& request, const Options& options, const Error& e);

// True for the failures that show nothing of the record: refused or unknown.
bool refused(const Error& e);

// A tables page for `who` with its title, heading, CSRF token and shared labels.
Page table_page_of(const http::Request& request, const Options& options, const Authenticated& who,
                   const std::string& title);

// Shows `problem` (when not empty) at the top of the page.
void set_problem(Page& page, const std::string& problem);

// Shows the notice of a finished change named by the "done" query parameter.
void set_notice(Page& page, const http::Request& request);

template <typename T>
Result<void> as_void(const Result<T>& r) {
  if (!r) return tl::unexpected(r.error());
  return {};
}

// The small number in `text`, or `fallback` when it is not one.
int int_of(const std::string& text, int fallback);

// --- pages shown by more than one file ----------------------------------------------------

// The table page (table_page.cc), with `problem` shown and answered with `status`.
http::Response table_view(const http::Request& request, const Ctx& ctx, const Authenticated& who, std::int64_t id,
                          const std::string& problem = {}, int status = 200);

// The meeting page (meeting_page.cc), with `problem` shown and answered with `status`.
http::Response meeting_view(const http::Request& request, const Ctx& ctx, const Authenticated& who,
                            std::int64_t table_id, std::int64_t meeting_id, const std::string& problem = {},
                            int status = 200);

// --- registration -------------------------------------------------------------------------

using Form = http::Form;

// The ids in the path.
struct Ids {
  std::int64_t table = 0, meeting = 0, item = 0, action = 0, feedback = 0;
};

// The ids in `request`'s path, or nullopt when one is not a record id.
std::optional<Ids> ids_of(const http::Request& request);

// The handler of a signed-in page: resolves the viewer (and, for POST, the form and
// its CSRF token) before `handler` runs.
template <typename Handler>
http::Handler guarded(const Ctx& ctx, Handler handler) {
  return signed_in_page(ctx.accounts, ctx.options, handler);
}

// The error page for a path whose ids are not record ids.
http::Response not_found(const http::Request& request, const Ctx& ctx);

// The routes of each file, registered by register_table_pages (table_pages.cc).
void register_table_list_pages(http::Router& router, const Ctx& ctx);
void register_table_view_pages(http::Router& router, const Ctx& ctx);
void register_meeting_pages(http::Router& router, const Ctx& ctx);
void register_meeting_changes(http::Router& router, const Ctx& ctx);
void register_minutes_pages(http::Router& router, const Ctx& ctx);
void register_feedback_pages(http::Router& router, const Ctx& ctx);

}  // namespace tafel::web::table_pages
