#pragma once
// The page handlers of situations, registered by pages.cc. Not a public header:
// include it only from web/situations/*.cc.

#include "app/accounts/account_service.h"
#include "http/form.h"
#include "http/response.h"
#include "web/situations/page_support.h"

namespace tafel::web::situation_pages {

// GET /situations (list_page.cc).
http::Response list_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who);

// GET and POST /situations/new and /situations/{id}/edit (situation_forms.cc);
// `id` 0 for a new situation.
http::Response form_get(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                        std::int64_t id);
http::Response form_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                         const http::Form& form, std::int64_t id);

// GET /situations/{id} and its POST forms: stage, actions, action status, voices,
// goals (situation_page.cc). `part` names the POST form ("stage", "actions",
// "action-status", "voices", "goals").
http::Response detail_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           std::int64_t id);
http::Response detail_post(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who,
                           const http::Form& form, std::int64_t id, const std::string& part);

}  // namespace tafel::web::situation_pages
