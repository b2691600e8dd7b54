#pragma once
// The audit trail's pages (docs/audit.md, "Views"), for signed-in users:
//
//   GET /audit               entries with a filter form (DPO: every entry;
//                            organisation admin: their own organisation's users)
//   GET /audit/person/{id}   the access report of one person (GDPR art. 15), with a
//                            print layout (web/scss/_print.scss)
//   GET /audit.csv           the filtered entries as CSV (DPO), recorded as "export"
//
// All three work without JavaScript. Authorisation and recording happen in
// app::audit::AuditViews.

#include "app/audit/audit_views.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// Registers the three pages. `views` must outlive the router.
void register_audit_pages(http::Router& router, const AccountsContext& context, app::audit::AuditViews& views,
                          const Options& options);

// Registers every audit route: these pages and the JSON API (web/audit_api.h).
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/audit_api_docs.cc).
void document_audit_answers(http::ApiDocument& document);

void register_audit_routes(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                           app::audit::AuditViews& views, const Options& options);

}  // namespace tafel::web
