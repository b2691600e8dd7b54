// Registers the situation pages (web/situations/situation_routes.h); each handler
// runs for a signed-in user with a valid CSRF token on POST (signed_in_page).

#include "web/account_pages_support.h"
#include "web/situations/situation_pages.h"
#include "web/situations/situation_routes.h"

namespace tafel::web {

using app::accounts::Authenticated;
using namespace situation_pages;

void register_situation_pages(http::Router& router, const Options& options, const AccountsContext& context,
                              app::situations::SituationService& service, SituationSection section,
                              TableAccess may_open_table) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, options, std::move(section), std::move(may_open_table)});
  auto page = [&](std::string method, std::string pattern, auto handler) {
    router.add(method, pattern,
               signed_in_page(context, options, [ctx, handler](http::Request& r, const Authenticated& who, const http::Form& f) {
                 std::int64_t id = 0;
                 if (!r.param("id").empty()) {
                   id = id_or_zero(r.param("id"));
                   if (id == 0) return page_error(r, ctx->options, Error{"not_found", "no such situation"});
                 }
                 return handler(*ctx, r, who, f, id);
               }));
  };
  page("GET", "/situations", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return list_page(c, r, w);
  });
  page("GET", "/situations/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return form_get(c, r, w, 0);
  });
  page("POST", "/situations/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t) {
    return form_post(c, r, w, f, 0);
  });
  page("GET", "/situations/{id}", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return detail_page(c, r, w, id);
  });
  page("GET", "/situations/{id}/edit", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return form_get(c, r, w, id);
  });
  page("POST", "/situations/{id}/edit", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
    return form_post(c, r, w, f, id);
  });
  for (std::string part : {"stage", "actions", "voices", "goals"}) {
    page("POST", "/situations/{id}/" + part,
         [part](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
           return detail_post(c, r, w, f, id, part);
         });
  }
  page("POST", "/situations/{id}/actions/{action}/status",
       [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
         return detail_post(c, r, w, f, id, "action-status");
       });
}

}  // namespace tafel::web
