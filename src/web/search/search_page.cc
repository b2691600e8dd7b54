// GET /search (issue 14): the search page, for every signed-in user, without
// JavaScript. The header's box (layout.mustache) sends its words here.

#include <ctime>

#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/page.h"
#include "web/accounts_session.h"
#include "web/search/search_routes.h"

namespace tafel::web {

namespace sr = app::search;
using kainjow::mustache::data;

namespace {

constexpr sr::Kind kKinds[] = {sr::Kind::minutes,   sr::Kind::decision,      sr::Kind::action,
                               sr::Kind::situation, sr::Kind::contact_point, sr::Kind::agreement,
                               sr::Kind::contribution};

std::string day_of(std::int64_t at_us) {
  if (at_us <= 0) return "";
  std::time_t seconds = static_cast<std::time_t>(at_us / 1'000'000);
  std::tm t{};
  gmtime_r(&seconds, &t);
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &t);
  return out;
}

http::Response search_page(http::Request& request, const Options& options, const app::accounts::Authenticated& who,
                           sr::SearchService& service) {
  Page page(request, options, "search");
  page.set_viewer(who);
  page.set_title(page.text("search.page.title"));
  for (const char* key : {"title", "intro", "label_q", "hint", "label_kind", "kind_any", "label_from", "label_to",
                          "submit", "results_heading", "empty_query", "no_results", "invalid"}) {
    page.set(std::string("t_") + key, page.text(std::string("search.page.") + key));
  }
  const std::string q = request.query_param("q").value_or("");
  const std::string kind = request.query_param("kind").value_or("");
  const std::string from = request.query_param("from").value_or("");
  const std::string to = request.query_param("to").value_or("");
  page.set("q", q);
  page.set("from", from);
  page.set("to", to);
  data kinds{data::type::list};
  for (auto k : kKinds) {
    data option;
    option.set("value", std::string(sr::name_of(k)));
    option.set("label", page.text("search.kind." + std::string(sr::name_of(k))));
    option.set("selected", kind == sr::name_of(k));
    kinds.push_back(option);
  }
  page.set("kinds", kinds);

  auto query = search_request_of(request, 50);
  const bool invalid = !query.has_value();
  page.set("invalid", invalid);
  const bool asked = !tafel::search::parse_query(q).empty();
  page.set("asked", asked && !invalid);
  page.set("not_asked", !asked);
  int status = invalid ? 400 : 200;
  data results{data::type::list};
  if (asked && !invalid) {
    auto found = service.search(who.principal, *query, audit_origin(request));
    if (!found) return page_error(request, options, found.error());
    for (const auto& r : *found) {
      data item;
      item.set("kind_label", page.text("search.kind." + std::string(sr::name_of(r.document.kind))));
      item.set("title", r.document.title);
      item.set("link", search_link(r.document));
      item.set("when", day_of(r.document.at_us));
      data parts{data::type::list};
      for (const auto& part : r.parts) {
        data p;
        p.set("text", part.text);
        p.set("marked", part.marked);
        parts.push_back(p);
      }
      item.set("parts", parts);
      results.push_back(item);
    }
    page.set("none", found->empty());
    // Announced to screen readers when the results change as the person types.
    page.set("count", page.text("search.page.count", {{"n", static_cast<std::int64_t>(found->size())}}));
  }
  page.set("results", results);
  auto response = page.render("search/index");
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void register_search_page(http::Router& router, const Options& options, const AccountsContext& context,
                          app::search::SearchService& service) {
  sr::SearchService* s = &service;
  router.add("GET", "/search", signed_in_page(context, options, [options, s](http::Request& r,
                                                                            const app::accounts::Authenticated& who,
                                                                            const http::Form&) {
               return search_page(r, options, who, *s);
             }));
}

}  // namespace tafel::web
