#pragma once
// What the necessity pages share (report_pages.cc, flow_page.cc, dpo_pages.cc): their
// context, the caller of a request, organisation names, and the rows that show a
// report's checklist and a review's exchange. Not a public header: include it only
// from web/necessity/*.cc.

#include <map>
#include <string>

#include <kainjow/mustache.hpp>

#include "app/accounts/account_service.h"
#include "app/necessity/necessity_service.h"
#include "http/form.h"
#include "http/request.h"
#include "http/response.h"
#include "web/accounts_session.h"
#include "web/necessity/necessity_routes.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web::necessity_pages {

struct Ctx {
  AccountsContext accounts;
  app::necessity::NecessityService* service = nullptr;
  Options options;
};

app::necessity::Caller caller_of(const http::Request& request, const app::accounts::Authenticated& who);

// The names of the organisations the caller may see.
std::map<access::OrganisationId, std::string> organisation_names(const Ctx& ctx, const access::Principal& who);
std::string name_in(const std::map<access::OrganisationId, std::string>& names, access::OrganisationId id);

// "2026-12-07 14:05 UTC" from microseconds since the epoch.
std::string time_text(std::int64_t at_us);

// The translated state of a report's review ("necessity.state.<state>").
std::string state_text(const Page& page, const std::optional<tafel::necessity::Review>& review);

// The report's checklist as summary-list rows {key, value}.
kainjow::mustache::data report_rows(const Page& page, const tafel::necessity::Report& report,
                                    const std::map<access::OrganisationId, std::string>& names);

// The review's exchange as rows {kind, text, when}.
kainjow::mustache::data step_rows(const Page& page, const tafel::necessity::Review& review);

// The translated sentence for a failure ("necessity.error.<code>" for known codes).
std::string problem_text(const Page& page, const Error& error);

// Sets the notice banner from the "done" query parameter ("necessity.done.<done>").
void set_notice(Page& page, const http::Request& request);

// The handlers (report_pages.cc, flow_page.cc, dpo_pages.cc).
http::Response list_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who);
http::Response report_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           std::int64_t id);
http::Response answer_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           const http::Form& form, std::int64_t id);
http::Response flow_get(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who);
http::Response flow_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                         const http::Form& form);
http::Response queue_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who);
http::Response review_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           std::int64_t id);
// `part` is "question", "accept" or "not-accept".
http::Response review_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           const http::Form& form, std::int64_t id, const std::string& part);

}  // namespace tafel::web::necessity_pages
