// Registers the necessity and DPO review pages (web/necessity/necessity_routes.h);
// each handler runs for a signed-in user with a valid CSRF token on POST.

#include "web/account_pages_support.h"
#include "web/necessity/necessity_routes.h"
#include "web/necessity/page_support.h"

namespace tafel::web {

using app::accounts::Authenticated;
using namespace necessity_pages;

void register_necessity_pages(http::Router& router, const Options& options, const AccountsContext& context,
                              app::necessity::NecessityService& service) {
  auto ctx = std::make_shared<Ctx>(Ctx{context, &service, options});
  auto page = [&](std::string method, std::string pattern, auto handler) {
    router.add(method, pattern,
               signed_in_page(context, options, [ctx, handler](http::Request& r, const Authenticated& who, const http::Form& f) {
                 std::int64_t id = 0;
                 if (!r.param("id").empty()) {
                   id = parse_record_id(r.param("id")).value_or(0);
                   if (id == 0) return page_error(r, ctx->options, Error{"not_found", "no such record"});
                 }
                 return handler(*ctx, r, who, f, id);
               }));
  };
  page("GET", "/necessity", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return list_page(c, r, w);
  });
  page("GET", "/necessity/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return flow_get(c, r, w);
  });
  page("POST", "/necessity/new", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t) {
    return flow_post(c, r, w, f);
  });
  page("GET", "/necessity/{id}", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return report_page(c, r, w, id);
  });
  page("POST", "/necessity/{id}/answer",
       [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
         return answer_post(c, r, w, f, id);
       });
  page("GET", "/dpo/reviews", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t) {
    return queue_page(c, r, w);
  });
  page("GET", "/dpo/reviews/{id}", [](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form&, std::int64_t id) {
    return review_page(c, r, w, id);
  });
  for (std::string part : {"question", "accept", "not-accept"}) {
    page("POST", "/dpo/reviews/{id}/" + part,
         [part](const Ctx& c, http::Request& r, const Authenticated& w, const http::Form& f, std::int64_t id) {
           return review_post(c, r, w, f, id, part);
         });
  }
}

}  // namespace tafel::web
