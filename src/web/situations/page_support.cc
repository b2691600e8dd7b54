#include "web/situations/page_support.h"

#include "web/account_pages_support.h"
#include "web/api_support.h"

namespace tafel::web::situation_pages {

using kainjow::mustache::data;

app::situations::Caller caller_of(const http::Request& request, const app::accounts::Authenticated& who) {
  return app::situations::Caller{who.principal, audit_origin(request)};
}

Names::Names(const Ctx& ctx, const access::Principal& who) {
  if (auto orgs = ctx.accounts.directory->organisations(who)) {
    for (const auto& o : *orgs) organisations_[o.id] = o.name;
  }
  if (auto areas = ctx.accounts.directory->areas(who)) {
    for (const auto& a : *areas) areas_[a.id] = a.name;
  }
}

std::string Names::organisation(access::OrganisationId id) const {
  auto it = organisations_.find(id);
  return it == organisations_.end() ? "#" + std::to_string(id) : it->second;
}

std::string Names::area(std::int64_t id) const {
  if (id == 0) return "";
  auto it = areas_.find(id);
  return it == areas_.end() ? "#" + std::to_string(id) : it->second;
}

std::string problem_text(const Page& page, const Error& e) {
  static constexpr std::string_view kKnown[] = {"invalid_input", "conflict", "stage_incomplete", "last_stage",
                                                "identifier_suspected", "forbidden", "not_found"};
  for (auto k : kKnown) {
    if (e.code == k) return page.text("situations.error." + e.code);
  }
  return page.text("situations.error.other");
}

data segments(const std::string& text, const std::vector<app::situations::Flag>& flags, const std::string& field) {
  data list{data::type::list};
  std::size_t at = 0;
  auto add = [&](std::size_t from, std::size_t to, bool mark) {
    if (to <= from) return;
    data d;
    d.set("text", text.substr(from, to - from));
    d.set("mark", mark);
    list.push_back(d);
  };
  for (const auto& f : flags) {
    if (f.field != field || f.span.start < at || f.span.end > text.size()) continue;
    add(at, f.span.start, false);
    add(f.span.start, f.span.end, true);
    at = f.span.end;
  }
  add(at, text.size(), false);
  return list;
}

std::string field_label(const Page& page, const std::string& field) {
  return page.text("situations.field." + field);
}

std::string field_id(const std::string& field) {
  std::string id = "field-" + field;
  for (auto& c : id) {
    if (c == '.') c = '-';
  }
  return id;
}

data flag_lines(const Page& page, const std::vector<app::situations::Flag>& flags) {
  data list{data::type::list};
  for (const auto& f : flags) {
    data d;
    d.set("text", page.text("situations.flag.line", {{"field", field_label(page, f.field)},
                                                      {"kind", page.text("situations.kind." +
                                                                         std::string(tafel::situations::name_of(f.span.kind)))}}));
    d.set("href", "#" + field_id(f.field));
    list.push_back(d);
  }
  return list;
}


std::int64_t id_or_zero(std::string_view text) { return api::parse_id(text).value_or(0); }

std::string date_text(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace tafel::web::situation_pages
