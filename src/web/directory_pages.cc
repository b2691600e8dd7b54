#include "web/directory_pages.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"
#include "web/account_pages.h"
#include "web/account_pages_support.h"
#include "web/language.h"
#include "web/organisation_pages.h"
#include "web/viewer.h"


// Fields are written with designated initializers naming only what differs from the
// defaults of web::Field; g++ 12 warns about every member left out.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace tafel::web {
namespace {

namespace dir = tafel::directory;
using app::accounts::Authenticated;
using kainjow::mustache::data;

// A "tel:" link target: only the digits and a leading '+'.
std::string tel_href(std::string_view number) {
  std::string out = "tel:";
  for (char c : number) {
    if ((c >= '0' && c <= '9') || (c == '+' && out.size() == 4)) out += c;
  }
  return out;
}

data line(std::string text, std::string href = {}) {
  data l;
  l.set("text", std::move(text));
  l.set("has_href", !href.empty());
  l.set("href", std::move(href));
  return l;
}

data summary_row(std::string key, data lines) {
  data row;
  row.set("key", std::move(key));
  row.set("lines", std::move(lines));
  return row;
}

std::string language_names(const Page& page, const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + page.text("web.lang." + c);
  return out;
}

data person_lines(const access::User& person) {
  data lines{data::type::list};
  lines.push_back(line(person.display_name));
  if (!person.phone.empty()) lines.push_back(line(person.phone, tel_href(person.phone)));
  lines.push_back(line(person.email, "mailto:" + person.email));
  return lines;
}

data link_item(std::string href, std::string text) {
  data l;
  l.set("href", std::move(href));
  l.set("text", std::move(text));
  return l;
}

// --- /directory --------------------------------------------------------------------------------

http::Response search_page(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                           const http::Request& request) {
  auto topics = ctx.directory->topics(who.principal);
  if (!topics) return page_error(request, options, topics.error());
  auto areas = ctx.directory->areas(who.principal);
  if (!areas) return page_error(request, options, areas.error());

  Page page(request, options, "directory");
  page.set_viewer(who);
  page.set_title(page.text("directory.search.title"));
  page.set("heading", page.text("directory.search.title"));
  page.set("intro", page.text("directory.search.intro"));

  dir::SearchFilter filter;
  std::vector<std::string> errors;
  const std::string topic = request.query_param("topic").value_or("");
  const std::string area = request.query_param("area").value_or("");
  const std::string sector = request.query_param("sector").value_or("");
  const std::string language = request.query_param("language").value_or("");
  if (!topic.empty()) {
    for (const auto& t : *topics) {
      if (t.key == topic || std::to_string(t.id) == topic) filter.topic = t.id;
    }
    if (!filter.topic) errors.push_back("topic");
  }
  if (!area.empty()) {
    filter.area = parse_record_id(area);
    if (!filter.area) errors.push_back("area");
  }
  if (!sector.empty()) {
    filter.sector = sharing::parse_term<sharing::Sector>(sector);
    if (!filter.sector) errors.push_back("sector");
  }
  if (!language.empty()) {
    if (i18n::is_supported(language)) filter.language = language;
    else errors.push_back("language");
  }

  std::vector<Choice> topic_choices = {{"", page.text("directory.search.any_topic"), topic.empty()}};
  for (const auto& t : *topics) {
    topic_choices.push_back({t.key, t.label(page.lang()), t.key == topic || std::to_string(t.id) == topic});
  }
  std::vector<Choice> area_choices = {{"", page.text("directory.search.any_area"), area.empty()}};
  for (const auto& a : *areas) area_choices.push_back({std::to_string(a.id), area_label(page, a), std::to_string(a.id) == area});
  std::vector<Choice> language_list = {{"", page.text("directory.search.any_language"), language.empty()}};
  for (auto& c : language_choices(page, {language})) language_list.push_back(c);
  std::vector<Field> fields = {
      {.name = "topic", .label = page.text("directory.search.topic"), .type = "select", .choices = topic_choices},
      {.name = "area", .label = page.text("directory.search.area"), .type = "select", .choices = area_choices},
      {.name = "sector", .label = page.text("directory.search.sector"), .type = "select",
       .choices = sector_choices(page, sector, page.text("directory.search.any_sector"))},
      {.name = "language", .label = page.text("directory.search.language"), .type = "select",
       .hint = page.text("directory.search.language_hint"), .choices = language_list},
  };
  for (auto& f : fields) {
    if (std::find(errors.begin(), errors.end(), f.name) != errors.end()) {
      f.error = page.text("directory.search.error");
    }
  }
  page.set("form", form_data(page, "/directory", fields, "", page.text("directory.search.submit")));
  if (!errors.empty()) return no_store(page.render("directory/directory_search", 400));

  // One page at a time, by id (issue 21): a national directory holds tens of thousands.
  constexpr std::size_t kDirectoryPage = 50;
  const auto after = parse_record_id(request.query_param("after").value_or("")).value_or(0);
  auto found = ctx.directory->search_page(who.principal, filter, after, kDirectoryPage);
  if (!found) return page_error(request, options, found.error());
  const auto* hits = &found->hits;
  if (found->next) {
    std::string next = "/directory?after=" + std::to_string(*found->next);
    for (const auto& [name, value] : {std::pair{"topic", topic}, {"area", area}, {"sector", sector},
                                      {"language", language}}) {
      if (!value.empty()) next += std::string("&") + name + "=" + url_encode(value);
    }
    page.set("next_href", next);
    page.set("next_text", page.text("directory.search.next"));
  }
  data cards{data::type::list};
  for (const auto& h : *hits) {
    bool may_edit = static_cast<bool>(
        app::authorize(who.principal, access::Action::manage_contact_points, {h.organisation.id, {}}));
    cards.push_back(contact_card(page, h, may_edit ? "/contact-points/" + std::to_string(h.contact_point.id) + "/edit"
                                                   : std::string()));
  }
  page.set("results_heading",
           page.text("directory.search.results", {{"count", static_cast<std::int64_t>(hits->size())}}));
  page.set("cards", cards);
  page.set("has_cards", !hits->empty());
  page.set("none", page.text("directory.search.none"));
  return no_store(page.render("directory/directory_search"));
}

// --- /organisations/{id} ----------------------------------------------------------------------------

http::Response profile_page(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                            const http::Request& request) {
  auto id = parse_record_id(request.param("id"));
  if (!id) return page_error(request, options, Error{"not_found", "no such organisation"});
  auto profile = ctx.directory->profile(who.principal, *id);
  if (!profile) return page_error(request, options, profile.error());
  const dir::Organisation& org = profile->organisation;

  Page page(request, options, "directory");
  page.set_viewer(who);
  page.set_title(org.name);
  page.set("heading", org.name);
  page.set("caption", page.text("directory.profile_page.caption"));
  page.set("success_label", page.text("accounts.form.success"));
  if (request.query_param("saved")) {
    page.set("has_success", true);
    page.set("success_text", page.text("directory.profile_page.saved"));
  } else if (request.query_param("deleted")) {
    page.set("has_success", true);
    page.set("success_text", page.text("directory.profile_page.deleted"));
  }
  const i18n::Arg name{"name", org.name};

  // What the partner is for, can, cannot and must: grouped as the core returns them.
  data sections{data::type::list};
  for (auto kind : {dir::ProfileStatement::Kind::purpose, dir::ProfileStatement::Kind::can,
                    dir::ProfileStatement::Kind::cannot, dir::ProfileStatement::Kind::must}) {
    data items{data::type::list};
    for (const auto& s : profile->statements) {
      if (s.kind == kind) items.push_back(page.text("directory.profile." + std::string(s.key), {name}));
    }
    if (items.is_empty_list()) continue;
    data section;
    section.set("title", page.text("directory.profile.heading." + std::string(dir::name_of(kind)), {name}));
    section.set("kind", std::string(dir::name_of(kind)));
    section.set("items", items);
    sections.push_back(section);
  }
  page.set("sections", sections);
  page.set("finality_heading", page.text("directory.profile_page.finality"));
  page.set("finality", org.finality);

  std::string area_names;
  for (const auto& a : profile->areas) area_names += (area_names.empty() ? "" : ", ") + area_label(page, a);
  data facts{data::type::list};
  auto fact = [&](std::string key, data lines) { facts.push_back(summary_row(page.text(key), std::move(lines))); };
  auto single = [&](std::string text, std::string href = {}) {
    data lines{data::type::list};
    lines.push_back(line(std::move(text), std::move(href)));
    return lines;
  };
  fact("directory.org_form.sector", single(page.text("directory.sector." + std::string(sharing::name_of(org.sector)))));
  fact("directory.org_form.mission", single(page.text("directory.mission." + std::string(sharing::name_of(org.mission)))));
  fact("directory.org_form.secrecy", single(page.text("directory.secrecy." + std::string(sharing::name_of(org.secrecy)))));
  fact("directory.org_form.reporting_duty",
       single(page.text(org.reporting_duty ? "directory.reporting_duty.yes" : "directory.reporting_duty.no")));
  fact("directory.org_form.languages", single(language_names(page, org.languages)));
  if (!area_names.empty()) fact("directory.org_form.areas", single(area_names));
  if (!org.address.empty()) fact("directory.org_form.address", single(org.address));
  if (!org.phone.empty()) fact("directory.org_form.phone", single(org.phone, tel_href(org.phone)));
  if (!org.website.empty()) fact("directory.org_form.website", single(org.website, org.website));
  page.set("facts_heading", page.text("directory.profile_page.facts"));
  page.set("facts", facts);

  // Coverage warnings, only present for those who may see them.
  std::map<access::UserId, std::string> people;
  for (const auto& c : profile->contact_points) {
    people[c.primary.id] = c.primary.display_name;
    for (const auto& d : c.deputies) people[d.id] = d.display_name;
  }
  data warnings{data::type::list};
  for (const auto& w : profile->warnings) {
    data item;
    if (w.kind == dir::CoverageWarning::Kind::no_deputy) {
      for (const auto& c : profile->contact_points) {
        if (c.contact_point.id != w.contact_point_id) continue;
        item.set("text", page.text("directory.coverage.no_deputy", {{"topic", c.topic.label(page.lang())},
                                                                     {"area", c.area.name},
                                                                     {"person", c.primary.display_name}}));
      }
    } else {
      item.set("text", page.text("directory.coverage.overloaded_person",
                                 {{"person", people[w.person]}, {"count", std::int64_t{w.count}}}));
    }
    item.set("warning_prefix", page.text("accounts.form.warning_prefix"));
    warnings.push_back(item);
  }
  page.set("has_warnings", !warnings.is_empty_list());
  page.set("warnings", warnings);
  page.set("warnings_heading", page.text("directory.profile_page.warnings"));

  const bool may_edit = static_cast<bool>(app::authorize(who.principal, access::Action::edit_organisation, {org.id, {}}));
  const bool may_manage_cps =
      static_cast<bool>(app::authorize(who.principal, access::Action::manage_contact_points, {org.id, {}}));
  data cards{data::type::list};
  for (const auto& c : profile->contact_points) {
    cards.push_back(contact_card(
        page, c, may_manage_cps ? "/contact-points/" + std::to_string(c.contact_point.id) + "/edit" : std::string()));
  }
  page.set("contact_points_heading", page.text("directory.profile_page.contact_points"));
  page.set("cards", cards);
  page.set("has_cards", !cards.is_empty_list());
  page.set("none", page.text("directory.profile_page.no_contact_points"));

  data links{data::type::list};
  const std::string base = "/organisations/" + std::to_string(org.id);
  if (may_edit) links.push_back(link_item(base + "/edit", page.text("directory.org_form.edit_title")));
  if (app::authorize(who.principal, access::Action::view_users, {org.id, {}})) {
    links.push_back(link_item(base + "/users", page.text("directory.users.title")));
  }
  if (may_manage_cps) links.push_back(link_item(base + "/contact-points/new", page.text("directory.cp_form.new_title")));
  page.set("has_links", !links.is_empty_list());
  page.set("links", links);
  page.set("manage_label", page.text("directory.profile_page.manage"));
  return no_store(page.render("directory/directory_profile"));
}

}  // namespace

data contact_card(const Page& page, const app::directory::ContactPointView& v, const std::string& edit_href) {
  data card;
  std::string title = page.text("directory.card.title", {{"topic", v.topic.label(page.lang())},
                                                        {"organisation", v.organisation.name}});
  card.set("title", title);
  card.set("card_id", "contact-point-" + std::to_string(v.contact_point.id));
  card.set("has_edit", !edit_href.empty());
  card.set("edit_href", edit_href);
  card.set("edit_text", page.text("directory.card.edit"));
  data rows{data::type::list};
  data org_lines{data::type::list};
  org_lines.push_back(line(v.organisation.name, "/organisations/" + std::to_string(v.organisation.id)));
  rows.push_back(summary_row(page.text("directory.card.organisation"), org_lines));
  data area_lines{data::type::list};
  area_lines.push_back(line(area_label(page, v.area)));
  rows.push_back(summary_row(page.text("directory.card.area"), area_lines));
  rows.push_back(summary_row(page.text("directory.card.primary"), person_lines(v.primary)));
  data deputy_lines{data::type::list};
  for (const auto& d : v.deputies) {
    data lines = person_lines(d);
    for (const auto& l : lines.list_value()) deputy_lines.push_back(l);
  }
  if (v.deputies.empty()) deputy_lines.push_back(line(page.text("directory.card.no_deputy")));
  rows.push_back(summary_row(page.text("directory.card.deputies"), deputy_lines));
  if (!v.contact_point.office_hours.empty()) {
    data l{data::type::list};
    l.push_back(line(v.contact_point.office_hours));
    rows.push_back(summary_row(page.text("directory.card.office_hours"), l));
  }
  if (!v.contact_point.emergency_line.empty()) {
    data l{data::type::list};
    l.push_back(line(v.contact_point.emergency_line, tel_href(v.contact_point.emergency_line)));
    rows.push_back(summary_row(page.text("directory.card.emergency_line"), l));
  }
  data lang_lines{data::type::list};
  lang_lines.push_back(line(language_names(page, v.contact_point.languages)));
  rows.push_back(summary_row(page.text("directory.card.languages"), lang_lines));
  card.set("rows", rows);
  return card;
}

void register_directory_pages(http::Router& router, const AccountsContext& ctx, const Options& options) {
  router.add("GET", "/directory", [ctx, options](http::Request& request) {
    auto access = page_access(ctx, options, request, nullptr);
    if (access.response) return *access.response;
    return search_page(ctx, options, *access.who, request);
  });
  router.add("GET", "/organisations/{id}", [ctx, options](http::Request& request) {
    auto access = page_access(ctx, options, request, nullptr);
    if (access.response) return *access.response;
    return profile_page(ctx, options, *access.who, request);
  });
}

}  // namespace tafel::web
