#pragma once
// The notifications of the signed-in user (app/notify): the page /notifications
// (unread first; mark one or all read with POST forms carrying the CSRF token) and
// the JSON API GET /api/v1/notifications and POST /api/v1/notifications/{id}/read
// (browser sessions only, described in the OpenAPI document).

#include "app/notify/notification_service.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// Registers the page and API routes. `context` and `service` must outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/notification_api_docs.cc).
void document_notification_answers(http::ApiDocument& document);

void register_notification_routes(http::Router& router, http::ApiDocument& document, const Options& options,
                                  const AccountsContext& context, app::notify::NotificationService& service);

}  // namespace tafel::web
