// GET /situations: the situations the caller may see, with filters by stage, area
// and "my organisation" (a GET form, so a filtered list can be bookmarked).

#include "web/account_pages_support.h"
#include "web/situations/page_support.h"
#include "web/situations/situation_pages.h"

namespace tafel::web::situation_pages {

using kainjow::mustache::data;
namespace st = tafel::situations;

http::Response list_page(const Ctx& ctx, const http::Request& request, const app::accounts::Authenticated& who) {
  Page page(request, ctx.options, "situations");
  page.set_viewer(who);
  page.set_title(page.text("situations.index.title"));
  Names names(ctx, who.principal);

  app::situations::SituationFilter filter;
  std::string stage = request.query_param("stage").value_or("");
  std::string area = request.query_param("area").value_or("");
  filter.stage = st::parse_stage(stage);
  if (!filter.stage) stage.clear();
  for (const auto& [id, name] : names.areas()) {
    if (std::to_string(id) == area) filter.area = id;
  }
  if (filter.area == 0) area.clear();
  filter.mine = request.query_param("mine").value_or("") == "1";
  // The page shows the newest 1,000 at most (a keyset page; no links to older pages yet).
  filter.limit = app::situations::SituationFilter::kMaxSituationPage;

  auto list = ctx.situations->list(caller_of(request, who), filter);
  if (!list) return page_error(request, ctx.options, list.error());

  std::vector<std::pair<std::string, std::string>> stages{{"", page.text("situations.filter.any_stage")}};
  for (auto s : st::kStages) stages.emplace_back(std::string(st::name_of(s)), page.text("situations.stage." + std::string(st::name_of(s))));
  std::vector<std::pair<std::string, std::string>> areas{{"", page.text("situations.filter.any_area")}};
  for (const auto& [id, name] : names.areas()) areas.emplace_back(std::to_string(id), name);

  data rows{data::type::list};
  for (const auto& s : *list) {
    data r;
    r.set("href", "/situations/" + std::to_string(s.id));
    r.set("title", s.title);
    r.set("stage", page.text("situations.stage." + std::string(st::name_of(s.stage))));
    std::string place = names.area(s.area);
    if (!s.address.empty()) place += (place.empty() ? "" : ", ") + s.address;
    r.set("place", place);
    r.set("owner", names.organisation(s.owner));
    rows.push_back(r);
  }
  bool can_create = who.principal.role == access::Role::platform_admin ||
                    who.principal.role == access::Role::organisation_admin || who.principal.role == access::Role::member;
  page.set("heading", page.text("situations.index.title"));
  page.set("intro", page.text("situations.index.intro"));
  page.set("can_create", can_create);
  page.set("create_text", page.text("situations.index.create"));
  page.set("filter_heading", page.text("situations.filter.heading"));
  page.set("stage_label", page.text("situations.filter.stage"));
  page.set("stages", choices(stages, stage));
  page.set("area_label", page.text("situations.filter.area"));
  page.set("areas", choices(areas, area));
  page.set("mine_label", page.text("situations.filter.mine"));
  page.set("mine", filter.mine);
  page.set("filter_button", page.text("situations.filter.apply"));
  page.set("head_title", page.text("situations.field.title"));
  page.set("head_stage", page.text("situations.field.stage"));
  page.set("head_place", page.text("situations.field.place"));
  page.set("head_owner", page.text("situations.field.owner"));
  page.set("rows", rows);
  page.set("empty", list->empty());
  page.set("empty_text", page.text("situations.index.empty"));
  return no_store(page.render("situations/index"));
}

}  // namespace tafel::web::situation_pages
