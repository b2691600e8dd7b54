#pragma once
// The routes of the consent registry (issue 12, point 5; docs/consents.md). Every
// decision is app::consents::ConsentService's; these adapters read requests and render.
//
// JSON API (consent_api.cc), browser sessions only, documented in OpenAPI:
//   GET  /api/v1/consents?state=&case=       the organisation's consents (expiring soon
//                                            first), or with case= that case's consents
//                                            (summaries for other organisations')
//   POST /api/v1/consents                    record a requested consent
//   GET  /api/v1/consents/{id}
//   POST /api/v1/consents/{id}/give | /refuse | /withdraw
//   PUT  /api/v1/consents/{id}/evidence      the signed form as the raw body (PDF, JPEG, PNG)
//   GET  /api/v1/consents/{id}/evidence      the signed form (audited)
//
// Pages (consent_pages.cc), POST forms with the CSRF token:
//   GET  /consents?state=&case=              list; with case= the case's section
//   GET  /consents/new?case=N, POST /consents/new
//   GET  /consents/{id}                      detail: give, refuse, withdraw, upload evidence
//   POST /consents/{id}/give | /refuse | /withdraw
//   POST /consents/{id}/evidence             multipart/form-data upload (field "file")
//   GET  /consents/{id}/evidence             download (audited)
//   GET  /consents/{id}/form?lang=nl|fr|en   printable consent form, the name left blank

#include <cstdint>

#include <kainjow/mustache.hpp>

#include "app/consents/consent_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web {

// The HTTP status of an error of the consent service.
int consent_status_for(const Error& error);

// Registers the API routes above. `service` and the services in `context` must
// outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/consents/consent_api_docs.cc).
void document_consent_answers(http::ApiDocument& document);

void register_consent_api(http::Router& router, http::ApiDocument& document, const AccountsContext& context,
                          app::consents::ConsentService& service);

// Registers the pages above.
void register_consent_pages(http::Router& router, const Options& options, const AccountsContext& context,
                            app::consents::ConsentService& service);

}  // namespace tafel::web

namespace tafel::web::consents {

// For the case page (issue 12, point 2): the consents of `case_id` as the caller may
// see them, as view data for a section of the case page:
//   heading, rows[{href (own organisation's only), state, state_class, recorded_by,
//   recipients, categories, purposes, period, expiring}], empty, empty_text,
//   can_record, new_href, new_text, head_* column labels.
// `organisation_name` names organisations (ids the caller cannot name show as "#id").
// Fails like ConsentService::case_consents ("not_found" when the case is not visible).
Result<kainjow::mustache::data> case_consents_section(
    const Page& page, app::consents::ConsentService& service, const app::consents::Caller& caller,
    std::int64_t case_id, const std::function<std::string(access::OrganisationId)>& organisation_name);

}  // namespace tafel::web::consents
