#pragma once
// The JSON API of accounts and the directory, under /api/v1 (documented in the
// OpenAPI document, see http/openapi.h). Every handler identifies the caller
// (accounts_session.h), checks the API-token scope and the CSRF token, and lets the
// services decide through app::authorize on the record itself.
//
//   POST   /api/v1/session                      log in (e-mail, password) — public
//   POST   /api/v1/session/second-factor        TOTP or recovery code
//   DELETE /api/v1/session                      log out
//   GET    /api/v1/me                           the caller
//   POST   /api/v1/me/password                  change own password
//   POST   /api/v1/me/second-factor             start TOTP enrolment (secret, URI, QR SVG)
//   POST   /api/v1/me/second-factor/confirm     first code -> recovery codes, renewed session
//   GET    /api/v1/me/tokens, POST /api/v1/me/tokens, DELETE /api/v1/me/tokens/{id}
//   GET    /api/v1/organisations, POST /api/v1/organisations
//   GET    /api/v1/organisations/{id}           partner profile
//   PUT    /api/v1/organisations/{id}
//   GET    /api/v1/organisations/{id}/users, POST /api/v1/organisations/{id}/users
//   PATCH  /api/v1/users/{id}, POST /api/v1/users/{id}/password-reset
//   GET    /api/v1/organisations/{id}/coverage, GET /api/v1/coverage
//   GET    /api/v1/security-events?organisation=
//   GET    /api/v1/topics, POST /api/v1/topics, GET /api/v1/areas, POST /api/v1/areas
//   GET    /api/v1/contact-points?topic=&area=&sector=&language=   the directory search
//   POST   /api/v1/contact-points, GET/PUT/DELETE /api/v1/contact-points/{id}

#include <memory>

#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"

namespace tafel::web {

// Registers the API routes on `router` and describes them in `document`. The
// services in `context` must outlive the router.
void register_account_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context);

}  // namespace tafel::web
