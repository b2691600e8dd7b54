#pragma once
// The signed-in user of an HTML page, and what a page does when there is none.
//
// Every page that needs a login starts with
//
//   auto gate = require_viewer(context, request);
//   if (!gate.viewer) return std::move(gate.response);
//   const app::accounts::Authenticated& who = *gate.viewer;
//   Page page(request, options, "directory");
//   page.set_viewer(who);   // header shows the user, forms get {{layout.csrf_token}}
//
// and passes `who.principal` to the use case, which authorises through
// app::authorize. State-changing pages are POST forms carrying
//   <input type="hidden" name="csrf_token" value="{{layout.csrf_token}}">
// checked with form_csrf_ok() before anything else.
//
// Main navigation for signed-in users (Page, page.cc): "directory" /directory,
// "tables" /tables, "situations" /situations, "agreements" /agreements, "decisions" /may-i-share,
// "audit" /audit, "account" /account.

#include <optional>

#include "app/accounts/account_service.h"
#include "http/form.h"
#include "http/request.h"
#include "http/response.h"
#include "web/accounts_session.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web {

struct PageGate {
  // The signed-in user, when the page may be shown.
  std::optional<app::accounts::Authenticated> viewer;
  // Otherwise what to answer: 303 to /login?next=<this page> for a visitor without a
  // session; 303 to /login/second-factor or /account/second-factor for a user whose
  // role sees personal data and who has not passed (or not enrolled) the second
  // factor; 500 when the session store fails.
  http::Response response;
};

// The signed-in user behind the request's session cookie (pages never accept API
// tokens), or the redirect that gets them there.
PageGate require_viewer(const AccountsContext& context, const http::Request& request);

// Like require_viewer, but a visitor without a session is fine (public pages that
// show more when signed in): viewer is nullopt and response unused in that case.
std::optional<app::accounts::Authenticated> optional_viewer(const AccountsContext& context,
                                                           const http::Request& request);

// For public pages: shows the signed-in user in the header when there is one
// (options.accounts set and a valid session); otherwise leaves the page as it is.
void show_viewer(Page& page, const http::Request& request, const Options& options);

// True when the form's csrf_token field matches the viewer's session.
bool form_csrf_ok(const app::accounts::Authenticated& who, const http::Request& request, const http::Form& form);

// 303 See Other to `location` with Cache-Control: no-store (after a POST).
http::Response see_other(std::string_view location);

// `next` when it is a local path ("/x?y"), else `fallback`; guards every redirect
// that takes its target from the request against open redirects.
std::string safe_next(std::optional<std::string> next, std::string_view fallback = "/");

}  // namespace tafel::web
