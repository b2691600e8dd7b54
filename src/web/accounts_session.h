#pragma once
// Who is asking: the glue between HTTP requests and the account service, shared by
// the JSON API (accounts_api) and the account and directory pages.
//
// Browser sessions ride on a cookie. Over HTTPS (TLS here, or a trusted reverse
// proxy's X-Forwarded-Proto: Request::https) it is "__Host-tafel_session" with
// Secure, HttpOnly, SameSite=Strict and Path=/ (the __Host- prefix pins it to this
// host and path). Browsers refuse __Host- cookies without Secure, and Secure cookies
// over plain HTTP, so on plain-HTTP loopback (demo, tests) the fallback
// "tafel_session" is used with the same flags minus Secure. Integrations send
// "Authorization: Bearer tafel_..." instead; such requests carry no cookie and
// need no CSRF token.
//
// CSRF: every state-changing request authenticated by the cookie must carry the
// session's token, in the X-CSRF-Token header (API, htmx) or the csrf_token form
// field (plain HTML forms). SameSite=Strict already blocks cross-site posts in
// current browsers; the token covers older ones and same-site subdomains.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/audit/audit_trail.h"
#include "app/accounts/account_service.h"
#include "app/directory/directory_service.h"
#include "core/result.h"
#include "http/request.h"
#include "http/response.h"

namespace tafel::web {

struct AccountsContext {
  app::accounts::AccountService* accounts = nullptr;
  app::directory::DirectoryService* directory = nullptr;
  app::accounts::SecurityLog* security_log = nullptr;
  bool tls = false;   // the server itself speaks TLS (requests then have https set too)
  bool demo = false;  // demo instance (pages say so)
  // Renders the enrolment QR code (crypto::qr_svg, wired by the CLI so that the web
  // adapter does not link libqrencode). May be empty: the API then omits the image.
  std::function<Result<std::string>(std::string_view)> qr_svg;
  // The signed-in user's unread notifications for the header (one COUNT query;
  // app/notify), nullopt when it cannot be read. May be empty: no count shown.
  std::function<std::optional<std::int64_t>(const access::Principal&)> unread_notifications;
};

// True when the request reached tafel over HTTPS (see Request::https), so that the
// session cookie is "__Host-...; Secure".
bool is_https(const AccountsContext& context, const http::Request& request);

// "__Host-tafel_session" over HTTPS, else "tafel_session".
std::string_view session_cookie_name(bool tls);
// The Set-Cookie value that stores `token` (session cookie: no Max-Age; the server
// enforces idle and absolute timeouts).
std::string session_cookie(bool tls, std::string_view token);
// The Set-Cookie value that removes the session cookie.
std::string clear_session_cookie(bool tls);

// The session token sent with the request, or empty.
std::string session_token(const AccountsContext& context, const http::Request& request);

// The identity behind the request's bearer token or session cookie; nullopt when
// there is neither or it is not valid (expired, revoked).
Result<std::optional<app::accounts::Authenticated>> identify(const AccountsContext& context,
                                                            const http::Request& request);

// True unless the request's Origin header names another origin than this request's
// own scheme (is_https) and Host: the login CSRF guard of POST /login and
// POST /api/v1/session. Browsers send Origin on every cross-site POST; its absence
// (old clients, curl, integrations) is accepted; "null" is not.
bool same_origin(const AccountsContext& context, const http::Request& request);

// True for GET and HEAD, which never change state.
bool is_safe_method(std::string_view method);

// True when the request may change state for `who`: bearer-token requests always;
// session requests when `submitted` (header or form field) equals the session's token.
bool csrf_ok(const app::accounts::Authenticated& who, const http::Request& request, std::string_view form_token = {});

// The HTTP status for an expected failure from the account or directory services.
int status_for(const Error& error);

// The client address for throttling and security events.
std::string client_address(const http::Request& request);

// Where a request came from, for the audit trail: its request id and client address
// (the trail stores only a keyed pseudonym of the address).
app::audit::Origin audit_origin(const http::Request& request);

}  // namespace tafel::web
