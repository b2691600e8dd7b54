#pragma once
// The audit trail's JSON API (docs/audit.md, "Views"), and what it shares with the
// audit pages: reading a filter from the query string, CSV, times.
//
//   GET /api/v1/audit/entries                 entries matching a filter, newest first
//   GET /api/v1/audit/persons/{id}/report     GDPR art. 15 access report of one person
//   GET /api/v1/audit/export                  CSV of a filter (DPO), recorded as "export"
//
// Authentication: the session cookie, or an API token with scope "audit:read".
// Authorisation and recording happen in app::audit::AuditViews.

#include <cstdint>
#include <string>
#include <vector>

#include "app/audit/audit_reader.h"
#include "app/audit/audit_views.h"
#include "core/audit/entry.h"
#include "core/result.h"
#include "http/openapi.h"
#include "http/request.h"
#include "http/router.h"
#include "web/accounts_session.h"

namespace tafel::web {

// The query parameters every audit view understands: from, to (UTC: "YYYY-MM-DD",
// where `to` includes that whole day, or "YYYY-MM-DDTHH:MM[:SS]"), actor,
// organisation, action (a stored action name), object_type, object_id, before (a
// sequence number: older entries than it) and limit (1..1000, default 100). Fails with
// "invalid_input" naming the parameter.
Result<app::audit::AuditFilter> audit_filter_from(const http::Request& request);

// The same filter as a query string ("from=...&actor=..."), without before/limit.
std::string audit_filter_query(const http::Request& request);

// "YYYY-MM-DD HH:MM:SS" in UTC.
std::string format_utc(std::int64_t time_us);

// RFC 4180 CSV with a header row: seq, time_utc, actor, organisation, action,
// object_type, object_id, ground, rule, outcome, request_id, source. Every field is
// quoted; a field starting with = + - @ gets a leading apostrophe so that a
// spreadsheet never runs it as a formula.
std::string audit_csv(const std::vector<core::audit::Entry>& entries);

// Registers and documents the three API routes. `views` must outlive the router.
void register_audit_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                        app::audit::AuditViews& views);

}  // namespace tafel::web
