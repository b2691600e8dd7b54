#pragma once
// The login pages: e-mail and password, then the second factor, and logout.
//
//   GET  /login                 the form (?next= a local page to return to)
//   POST /login                 checks e-mail and password; 303 to next, to the code
//                               page, or to enrolment; the same answer for an unknown
//                               e-mail and a wrong password; 429 when throttled
//   GET  /login/second-factor   the code form for a session awaiting its second factor
//   POST /login/second-factor   checks a TOTP or recovery code (CSRF: the pending
//                               session's token); 303 to next
//   POST /logout                ends the session (CSRF) and clears the cookie
//
// POST /login has no session yet, hence no CSRF token: it refuses a request whose
// Origin header names another site (login CSRF).

#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

void register_login_pages(http::Router& router, const AccountsContext& context, const Options& options);

}  // namespace tafel::web
