#pragma once
// The JSON API of consultation tables (issue 6) under /api/v1/tables, the personal
// calendar-feed token under /api/v1/me, and the secret-token feed at
// GET /calendar/{token} (public: the unguessable token is the credential, and it is
// revocable). Every handler identifies the caller (accounts_session.h), checks the
// CSRF token on changes, and leaves every decision to app::tables::TableService.
//
//   GET  /api/v1/tables                          the caller's tables
//   POST /api/v1/tables                          create (the caller chairs unless a chair is named)
//   GET  /api/v1/tables/{id}, PUT /api/v1/tables/{id}
//   POST /api/v1/tables/{id}/secrecy-text        new version of the secrecy text
//   POST /api/v1/tables/{id}/series              recurring series (RFC 5545 rule, local start)
//   POST /api/v1/tables/{id}/meetings            single meeting
//   POST /api/v1/tables/{id}/meetings/{meeting}/{move|cancel|open|close}
//   POST /api/v1/tables/{id}/meetings/{meeting}/items, .../items/{item}/time-used
//   GET  /api/v1/tables/{id}/meetings/{meeting}/items/{item}/case   personal details (gated, audited)
//   POST /api/v1/tables/{id}/meetings/{meeting}/{attendance|acknowledgement|decisions|actions}
//   PUT  /api/v1/tables/{id}/meetings/{meeting}/minutes             draft
//   POST /api/v1/tables/{id}/meetings/{meeting}/minutes/{corrections|approvals}
//   POST /api/v1/tables/{id}/actions/{action}/status
//   GET  /api/v1/tables/{id}/calendar            the table's iCalendar feed
//   POST /api/v1/me/calendar-token, DELETE /api/v1/me/calendar-token
//   GET  /api/v1/me/meetings, /api/v1/me/actions, /api/v1/me/overdue-actions

#include "app/tables/table_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"

namespace tafel::web {

// Registers (and documents) the routes above. `service` and the services in
// `context` must outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/tables/table_api_docs.cc).
void document_table_answers(http::ApiDocument& document);

void register_table_routes(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                           app::tables::TableService& service);

// The HTTP status of an error of the tables service.
int table_status_for(const Error& error);

}  // namespace tafel::web
