// GET /care/services: the catalogue, read-only, one keyset page of at most 1,000
// services in id order (?after= for the next). Every signed-in user may read it; the
// finder with its filters and the forms to keep a service current come later
// (docs/care.md).

#include <map>

#include "web/account_pages_support.h"
#include "web/api_support.h"
#include "web/care/care_routes.h"
#include "web/page.h"

namespace tafel::web {

using app::accounts::Authenticated;
using kainjow::mustache::data;
namespace cc = tafel::care;

namespace {

template <typename T, typename Label>
std::string joined(const std::vector<T>& items, Label label) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : ", ") + label(x);
  return out;
}

http::Response services_page(const Options& options, app::care::CatalogueService& service, const http::Request& request,
                             const Authenticated& who) {
  Page page(request, options, "care");
  page.set_viewer(who);
  page.set_title(page.text("care.services.title"));
  app::care::Caller caller{who.principal, audit_origin(request)};
  std::int64_t after = api::parse_id(request.query_param("after").value_or("")).value_or(0);
  auto list = service.list(caller, std::nullopt, after, app::care::CataloguePage::kMaxPage);
  if (!list) return page_error(request, options, list.error());
  auto services = care::with_organisations(service, caller, std::move(list->services));
  if (!services) return page_error(request, options, services.error());
  const std::string today = service.today();
  data rows{data::type::list};
  for (const auto& [s, organisation] : *services) {
    data r;
    r.set("id", std::to_string(s.id));
    r.set("name", s.name);
    r.set("organisation", organisation.name);
    r.set("needs", joined(s.needs, [&](cc::Need n) { return page.text("care.need." + std::string(cc::name_of(n))); }));
    r.set("groups", joined(s.target_groups, [&](cc::TargetGroup g) {
            return page.text("care.target_group." + std::string(cc::name_of(g)));
          }));
    r.set("languages", joined(s.languages, [](const std::string& l) { return l; }));
    r.set("places", std::to_string(s.capacity.places));
    r.set("waiting", std::to_string(s.capacity.waiting));
    r.set("wait", s.capacity.median_wait_days
                      ? page.text("care.services.wait_days", {{"days", *s.capacity.median_wait_days}})
                      : page.text("care.services.wait_unknown"));
    r.set("stale", cc::is_stale(s.capacity, today));
    rows.push_back(r);
  }
  page.set("heading", page.text("care.services.title"));
  page.set("intro", page.text("care.services.intro"));
  page.set("head_name", page.text("care.services.name"));
  page.set("head_organisation", page.text("care.services.organisation"));
  page.set("head_for", page.text("care.services.for"));
  page.set("head_languages", page.text("care.services.languages"));
  page.set("head_places", page.text("care.services.places"));
  page.set("head_waiting", page.text("care.services.waiting"));
  page.set("head_wait", page.text("care.services.wait"));
  page.set("stale_text", page.text("care.capacity.stale"));
  page.set("rows", rows);
  page.set("empty", services->empty());
  page.set("empty_text", page.text("care.services.empty"));
  if (list->next) {
    page.set("next", "/care/services?after=" + std::to_string(*list->next));
    page.set("next_text", page.text("care.services.next"));
  }
  return no_store(page.render("care/services"));
}

}  // namespace

void register_care_pages(http::Router& router, const Options& options, const AccountsContext& context,
                         app::care::CatalogueService& service) {
  app::care::CatalogueService* s = &service;
  router.add("GET", "/care/services",
             signed_in_page(context, options, [options, s](http::Request& r, const Authenticated& who, const http::Form&) {
               return services_page(options, *s, r, who);
             }));
}

}  // namespace tafel::web
