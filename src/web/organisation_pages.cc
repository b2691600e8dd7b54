#include "web/organisation_pages.h"

#include <algorithm>

#include "app/authorization.h"
#include "core/directory/organisation.h"
#include "web/account_pages.h"
#include "web/pages.h"
#include "web/viewer.h"


// Fields are written with designated initializers naming only what differs from the
// defaults of web::Field; g++ 12 warns about every member left out.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace tafel::web {

std::vector<Choice> language_choices(const Page& page, const std::vector<std::string>& selected) {
  std::vector<Choice> out;
  for (std::string_view code : i18n::kLanguages) {
    std::string c(code);
    out.push_back({c, page.text("web.lang." + c), std::count(selected.begin(), selected.end(), c) > 0});
  }
  return out;
}

std::vector<Choice> sector_choices(const Page& page, std::string_view selected, std::string any_label) {
  std::vector<Choice> out;
  if (!any_label.empty()) out.push_back({"", std::move(any_label), selected.empty()});
  for (std::string_view name : sharing::Terms<sharing::Sector>::names) {
    out.push_back({std::string(name), page.text("directory.sector." + std::string(name)), name == selected});
  }
  return out;
}

std::string area_label(const Page& page, const directory::Area& area) {
  if (area.kind == directory::AreaKind::district) {
    return page.text("directory.pages.area_district", {{"name", area.name}});
  }
  return area.name;
}

namespace {

namespace dir = tafel::directory;
using app::accounts::Authenticated;
using kainjow::mustache::data;

constexpr std::string_view kCoverageMessages = "directory.coverage.";

Page org_page(const http::Request& request, const Options& options, const Authenticated& who,
              std::string_view title_key) {
  return form_page(request, options, who, "directory", title_key);
}

http::Response render(const Page& page, int status = 200) {
  return no_store(page.render("accounts/account_form", status));
}

void back_link(Page& page, std::string href) {
  page.set("has_back", true);
  page.set("back_href", std::move(href));
  page.set("back_text", page.text("accounts.form.back"));
}

// --- organisation form ---------------------------------------------------------------------

// `facts_editable`: the caller may change the facts the sharing engine decides on
// (a platform admin); others see them read-only.
std::vector<Field> organisation_fields(const Page& page, const dir::Organisation& o,
                                       const std::vector<dir::Area>& areas, bool facts_editable) {
  auto radio = [&](const auto& values, std::string_view prefix, std::string_view selected) {
    std::vector<Choice> out;
    for (std::string_view name : values) {
      out.push_back({std::string(name), page.text(std::string(prefix) + std::string(name)), name == selected});
    }
    return out;
  };
  std::vector<Choice> area_choices;
  for (const auto& a : areas) {
    bool chosen = std::count(o.areas.begin(), o.areas.end(), a.id) > 0;
    area_choices.push_back({std::to_string(a.id), area_label(page, a), chosen});
  }
  std::vector<Field> fields = {
      {.name = "name", .label = page.text("directory.org_form.name"), .value = o.name, .autocomplete = "organization"},
      {.name = "sector", .label = page.text("directory.org_form.sector"), .type = "select",
       .choices = sector_choices(page, sharing::name_of(o.sector))},
      {.name = "secrecy", .label = page.text("directory.org_form.secrecy"), .type = "radios",
       .hint = page.text("directory.org_form.secrecy_hint"),
       .choices = radio(sharing::Terms<sharing::Secrecy>::names, "directory.secrecy.", sharing::name_of(o.secrecy))},
      {.name = "reporting_duty", .label = page.text("directory.org_form.reporting_duty"), .type = "radios",
       .choices = {{"yes", page.text("directory.reporting_duty.yes"), o.reporting_duty},
                   {"no", page.text("directory.reporting_duty.no"), !o.reporting_duty}}},
      {.name = "mission", .label = page.text("directory.org_form.mission"), .type = "radios",
       .choices = radio(sharing::Terms<sharing::Mission>::names, "directory.mission.", sharing::name_of(o.mission))},
      {.name = "finality", .label = page.text("directory.org_form.finality"), .type = "textarea", .value = o.finality,
       .hint = page.text("directory.org_form.finality_hint")},
      {.name = "languages", .label = page.text("directory.org_form.languages"), .type = "checkboxes",
       .choices = language_choices(page, o.languages)},
      {.name = "areas", .label = page.text("directory.org_form.areas"), .type = "checkboxes",
       .choices = area_choices},
      {.name = "address", .label = page.text("directory.org_form.address"), .type = "textarea", .value = o.address},
      {.name = "phone", .label = page.text("directory.org_form.phone"), .type = "tel", .value = o.phone,
       .autocomplete = "tel", .width_class = "govuk-input--width-20"},
      {.name = "website", .label = page.text("directory.org_form.website"), .type = "url", .value = o.website,
       .hint = page.text("directory.org_form.website_hint"), .autocomplete = "url"},
  };
  if (!facts_editable) {
    auto shown = [&](const char* name, std::string value) {
      for (auto& f : fields) {
        if (f.name != name) continue;
        f.type = "readonly";
        f.value = std::move(value);
        f.hint = page.text("directory.org_form.facts_readonly_hint");
        f.choices.clear();
      }
    };
    shown("sector", page.text("directory.sector." + std::string(sharing::name_of(o.sector))));
    shown("secrecy", page.text("directory.secrecy." + std::string(sharing::name_of(o.secrecy))));
    shown("reporting_duty", page.text(o.reporting_duty ? "directory.reporting_duty.yes" : "directory.reporting_duty.no"));
    shown("mission", page.text("directory.mission." + std::string(sharing::name_of(o.mission))));
  }
  return fields;
}

// Reads the organisation form into `o`; vocabulary fields outside their closed set
// become field errors. Without `facts_editable` the sharing facts are not read: `o`
// keeps its stored ones.
void read_organisation(const Page& page, const http::Form& form, dir::Organisation& o, std::vector<Field>& fields,
                       bool facts_editable) {
  auto error_on = [&](std::string_view name, std::string_view key) {
    for (auto& f : fields) {
      if (f.name == name) f.error = page.text(key);
    }
  };
  o.name = form.value("name");
  if (facts_editable) {
    if (auto v = sharing::parse_term<sharing::Sector>(form.value("sector"))) o.sector = *v;
    else error_on("sector", "directory.org_form.error.sector");
    if (auto v = sharing::parse_term<sharing::Secrecy>(form.value("secrecy"))) o.secrecy = *v;
    else error_on("secrecy", "directory.org_form.error.secrecy");
    if (auto v = sharing::parse_term<sharing::Mission>(form.value("mission"))) o.mission = *v;
    else error_on("mission", "directory.org_form.error.mission");
    std::string duty = form.value("reporting_duty");
    if (duty == "yes" || duty == "no") o.reporting_duty = duty == "yes";
    else error_on("reporting_duty", "directory.org_form.error.reporting_duty");
  }
  o.finality = form.value("finality");
  o.languages = form.all("languages");
  o.areas.clear();
  for (const auto& a : form.all("areas")) {
    if (auto id = parse_record_id(a)) o.areas.push_back(*id);
  }
  o.address = form.value("address");
  o.phone = form.value("phone");
  o.website = form.value("website");
  if (o.name.empty()) error_on("name", "directory.org_form.error.name");
  if (o.finality.empty()) error_on("finality", "directory.org_form.error.finality");
  if (o.languages.empty()) error_on("languages", "directory.org_form.error.languages");
}

http::Response organisation_form(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                                 const http::Request& request, const http::Form* form, std::optional<dir::OrganisationId> id) {
  auto allowed = id ? app::authorize(who.principal, access::Action::edit_organisation, {*id, {}})
                    : app::authorize(who.principal, access::Action::create_organisation);
  if (!allowed) return page_error(request, options, allowed.error());
  dir::Organisation org;
  if (id) {
    auto profile = ctx.directory->profile(who.principal, *id);
    if (!profile) return page_error(request, options, profile.error());
    org = profile->organisation;
  } else {
    org.languages = {"nl"};
  }
  auto areas = ctx.directory->areas(who.principal);
  if (!areas) return page_error(request, options, areas.error());

  Page page = org_page(request, options, who, id ? "directory.org_form.edit_title" : "directory.org_form.new_title");
  if (id) {
    page.set("has_caption", true);
    page.set("caption", org.name);
    back_link(page, "/organisations/" + std::to_string(*id));
  } else {
    back_link(page, "/organisations");
  }
  int status = 200;
  const bool facts_editable = bool(app::authorize(who.principal, access::Action::edit_organisation_facts));
  auto fields = organisation_fields(page, org, *areas, facts_editable);
  if (form) {
    dir::Organisation typed = org;
    read_organisation(page, *form, typed, fields, facts_editable);
    std::vector<Field> errors = fields;
    fields = organisation_fields(page, typed, *areas, facts_editable);
    for (std::size_t i = 0; i < fields.size(); ++i) fields[i].error = errors[i].error;
    if (!has_errors(fields)) {
      if (id) {
        typed.id = *id;
        auto saved = ctx.directory->update_organisation(who.principal, typed, audit_origin(request));
        if (saved) return see_other("/organisations/" + std::to_string(*id) + "?saved=1");
        if (saved.error().code != "invalid_input" && saved.error().code != "duplicate_name") {
          return page_error(request, options, saved.error());
        }
        attach_error(page, fields, saved.error(), "directory.org_form.error", "name");
      } else {
        auto created = ctx.directory->create_organisation(who.principal, typed, audit_origin(request));
        if (created) return see_other("/organisations/" + std::to_string(*created) + "?saved=1");
        if (created.error().code != "invalid_input" && created.error().code != "duplicate_name") {
          return page_error(request, options, created.error());
        }
        attach_error(page, fields, created.error(), "directory.org_form.error", "name");
      }
    }
    status = 400;
  }
  page.set("has_form", true);
  page.set("form", form_data(page, id ? "/organisations/" + std::to_string(*id) + "/edit" : "/organisations", fields,
                             who.session.csrf_token, page.text("directory.org_form.submit")));
  return render(page, status);
}

http::Response organisations_list(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                                  const http::Request& request) {
  auto orgs = ctx.directory->organisations(who.principal);
  if (!orgs) return page_error(request, options, orgs.error());
  Page page = org_page(request, options, who, "directory.organisations.title");
  page.set("intro", string_list({page.text("directory.organisations.intro")}));
  data rows{data::type::list};
  for (const auto& o : *orgs) {
    std::string base = "/organisations/" + std::to_string(o.id);
    data manage = text_cell("");
    if (app::authorize(who.principal, access::Action::edit_organisation, {o.id, {}})) {
      manage = link_cell(page.text("directory.organisations.manage_users", {{"name", o.name}}), base + "/users");
    }
    rows.push_back(row_data({link_cell(o.name, base), text_cell(page.text("directory.sector." +
                                                                          std::string(sharing::name_of(o.sector)))),
                             manage}));
  }
  page.set("has_table", true);
  page.set("table", table_data(page.text("directory.organisations.caption"),
                               {page.text("directory.organisations.name"), page.text("directory.organisations.sector"),
                                page.text("directory.organisations.actions")},
                               rows, page.text("directory.organisations.none")));
  data links{data::type::list};
  if (app::authorize(who.principal, access::Action::create_organisation)) {
    data l;
    l.set("href", "/organisations/new");
    l.set("text", page.text("directory.org_form.new_title"));
    links.push_back(l);
  }
  if (app::authorize(who.principal, access::Action::view_coverage)) {
    data l;
    l.set("href", "/coverage");
    l.set("text", page.text("directory.coverage_page.title"));
    links.push_back(l);
  }
  page.set("has_links", !links.is_empty_list());
  page.set("links", links);
  return render(page);
}

// --- users -----------------------------------------------------------------------------------

std::string role_label(const Page& page, access::Role role) {
  return page.text("accounts.role." + std::string(access::name_of(role)));
}

// The roles `who` may give a user of organisation `org` who has role `current` (nullopt:
// a new user).
std::vector<Choice> role_choices(const Page& page, const Authenticated& who, access::OrganisationId org,
                                 access::Role selected, std::optional<access::Role> current = std::nullopt) {
  std::vector<Choice> out;
  for (access::Role role : access::kAllRoles) {
    if (!app::authorize(who.principal, access::Action::manage_users, {org, role, current})) continue;
    out.push_back({std::string(access::name_of(role)), role_label(page, role), role == selected});
  }
  return out;
}

std::vector<Choice> ui_language_choices(const Page& page, const std::string& selected) {
  return language_choices(page, {selected});
}

http::Response users_page(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                          const http::Request& request, const http::Form* form, dir::OrganisationId org_id) {
  if (auto allowed = app::authorize(who.principal, access::Action::view_users, {org_id, {}}); !allowed) {
    return page_error(request, options, allowed.error());
  }
  auto profile = ctx.directory->profile(who.principal, org_id);
  if (!profile) return page_error(request, options, profile.error());
  Page page = org_page(request, options, who, "directory.users.title");
  page.set("has_caption", true);
  page.set("caption", profile->organisation.name);
  back_link(page, "/organisations/" + std::to_string(org_id));
  const std::string base = "/organisations/" + std::to_string(org_id) + "/users";
  const bool may_manage =
      static_cast<bool>(app::authorize(who.principal, access::Action::manage_users, {org_id, access::Role::member}));

  std::vector<Field> fields = {
      {.name = "display_name", .label = page.text("directory.users.display_name"), .autocomplete = "off"},
      {.name = "email", .label = page.text("directory.users.email"), .type = "email", .autocomplete = "off"},
      {.name = "phone", .label = page.text("directory.users.phone"), .type = "tel",
       .hint = page.text("directory.users.phone_hint"), .autocomplete = "off", .width_class = "govuk-input--width-20"},
      {.name = "role", .label = page.text("directory.users.role"), .type = "select",
       .choices = role_choices(page, who, org_id, access::Role::member)},
      {.name = "language", .label = page.text("directory.users.language"), .type = "select",
       .choices = ui_language_choices(page, page.lang())},
  };
  int status = 200;
  if (form) {
    if (!may_manage) {
      return page_error(request, options, Error{"forbidden", "role"});
    }
    access::User u;
    u.organisation_id = org_id;
    u.display_name = fields[0].value = form->value("display_name");
    u.email = fields[1].value = form->value("email");
    u.phone = fields[2].value = form->value("phone");
    auto role = access::parse_role(form->value("role"));
    for (auto& c : fields[3].choices) c.selected = c.value == form->value("role");
    u.language = form->value("language");
    for (auto& c : fields[4].choices) c.selected = c.value == u.language;
    if (u.display_name.empty()) fields[0].error = page.text("directory.users.error.display_name");
    if (!role) fields[3].error = page.text("directory.users.error.role");
    if (!has_errors(fields)) {
      u.role = *role;
      auto created = ctx.accounts->create_user(who.principal, u, client_address(request));
      if (created) {
        page.set("has_secret", true);
        page.set("secret_title", page.text("directory.users.created", {{"name", u.display_name}}));
        page.set("secret_items", string_list({created->initial_password}));
        page.set("secret_text", page.text("directory.users.created_once"));
        for (auto& f : fields) f.value.clear();
      } else if (created.error().code == "invalid_email" || created.error().code == "duplicate_email") {
        fields[1].error = page.text("directory.users.error." + created.error().code);
      } else if (created.error().code == "invalid_input") {
        attach_error(page, fields, created.error(), "directory.users.error", "display_name");
      } else {
        return page_error(request, options, created.error());
      }
    }
    if (has_errors(fields)) status = 400;
  }

  auto users = ctx.accounts->list_users(org_id);
  if (!users) return page_error(request, options, users.error());
  data rows{data::type::list};
  for (const auto& u : *users) {
    std::string state = page.text(u.active ? "directory.users.active" : "directory.users.inactive");
    std::string factor = page.text(u.second_factor_enrolled ? "directory.users.factor_on" : "directory.users.factor_off");
    rows.push_back(row_data({may_manage ? link_cell(u.display_name, "/users/" + std::to_string(u.id))
                                        : text_cell(u.display_name),
                             text_cell(u.email), text_cell(role_label(page, u.role)), text_cell(factor),
                             text_cell(state)}));
  }
  page.set("has_table", true);
  page.set("table", table_data(page.text("directory.users.caption", {{"name", profile->organisation.name}}),
                               {page.text("directory.users.display_name"), page.text("directory.users.email"),
                                page.text("directory.users.role"), page.text("directory.users.factor"),
                                page.text("directory.users.state")},
                               rows, page.text("directory.users.none")));
  if (may_manage) {
    page.set("has_form", true);
    page.set("has_form_heading", true);
    page.set("form_heading", page.text("directory.users.new"));
    page.set("form", form_data(page, base, fields, who.session.csrf_token, page.text("directory.users.submit")));
  }
  return render(page, status);
}

http::Response user_page(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                         const http::Request& request, const http::Form* form, access::UserId user_id) {
  auto found = ctx.accounts->find_user(user_id);
  if (!found) return page_error(request, options, found.error());
  if (!*found) return page_error(request, options, Error{"not_found", "no such user"});
  access::User user = **found;
  if (auto allowed =
          app::authorize(who.principal, access::Action::manage_users, {user.organisation_id, user.role, user.role});
      !allowed) {
    return page_error(request, options, allowed.error());
  }
  Page page = org_page(request, options, who, "directory.user.title");
  page.set("has_caption", true);
  page.set("caption", user.email);
  back_link(page, "/organisations/" + std::to_string(user.organisation_id) + "/users");
  auto fields_for = [&](const access::User& u) {
    return std::vector<Field>{
        {.name = "display_name", .label = page.text("directory.users.display_name"), .value = u.display_name,
         .autocomplete = "off"},
        {.name = "phone", .label = page.text("directory.users.phone"), .type = "tel", .value = u.phone,
         .autocomplete = "off", .width_class = "govuk-input--width-20"},
        {.name = "language", .label = page.text("directory.users.language"), .type = "select",
         .choices = ui_language_choices(page, u.language)},
        {.name = "role", .label = page.text("directory.users.role"), .type = "select",
         .choices = role_choices(page, who, u.organisation_id, u.role, user.role)},
        {.name = "active", .label = page.text("directory.user.active"), .type = "radios",
         .hint = page.text("directory.user.active_hint"),
         .choices = {{"yes", page.text("directory.users.active"), u.active},
                     {"no", page.text("directory.users.inactive"), !u.active}}},
    };
  };
  int status = 200;
  std::vector<Field> fields = fields_for(user);
  if (form) {
    access::User changed = user;
    changed.display_name = form->value("display_name");
    changed.phone = form->value("phone");
    changed.language = form->value("language");
    auto role = access::parse_role(form->value("role"));
    std::string active = form->value("active");
    fields = fields_for(changed);
    if (!role) fields[3].error = page.text("directory.users.error.role");
    if (active != "yes" && active != "no") fields[4].error = page.text("directory.user.error.active");
    if (!has_errors(fields)) {
      changed.role = *role;
      changed.active = active == "yes";
      fields = fields_for(changed);
      auto updated = ctx.accounts->update_user(who.principal, changed, client_address(request));
      if (updated) {
        page.set("has_success", true);
        page.set("success_text", page.text("directory.user.saved"));
        user = *updated;
        fields = fields_for(user);
      } else if (updated.error().code == "invalid_input") {
        if (updated.error().message.starts_with("you cannot")) {
          fields[3].error = page.text("directory.user.error.self");
        } else {
          attach_error(page, fields, updated.error(), "directory.users.error", "display_name");
        }
      } else {
        return page_error(request, options, updated.error());
      }
    }
    if (has_errors(fields)) status = 400;
  }
  page.set("has_form", true);
  page.set("form", form_data(page, "/users/" + std::to_string(user.id), fields, who.session.csrf_token,
                             page.text("directory.user.submit")));
  // The reset form only where the reset is allowed (not a DPO's or an admin's, for
  // an organisation admin).
  if (!app::authorize(who.principal, access::Action::manage_users,
                      {user.organisation_id, user.role, user.role, access::UserChange::credentials})) {
    return render(page, status);
  }
  data reset;
  reset.set("heading", page.text("directory.user.reset_heading"));
  reset.set("text", page.text("directory.user.reset_text"));
  reset.set("action", "/users/" + std::to_string(user.id) + "/password-reset");
  reset.set("csrf_token", who.session.csrf_token);
  reset.set("has_checkbox", true);
  reset.set("checkbox_name", "reset_second_factor");
  reset.set("checkbox_label", page.text("directory.user.reset_second_factor"));
  reset.set("submit", page.text("directory.user.reset_submit"));
  page.set("has_second_form", true);
  page.set("second_form", reset);
  return render(page, status);
}

http::Response password_reset(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                              const http::Request& request, const http::Form& form, access::UserId user_id) {
  auto found = ctx.accounts->find_user(user_id);
  if (!found) return page_error(request, options, found.error());
  if (!*found) return page_error(request, options, Error{"not_found", "no such user"});
  auto password = ctx.accounts->reset_password(who.principal, user_id, form.get("reset_second_factor").has_value(),
                                               client_address(request));
  if (!password) return page_error(request, options, password.error());
  Page page = org_page(request, options, who, "directory.user.reset_done_title");
  page.set("has_caption", true);
  page.set("caption", (*found)->email);
  back_link(page, "/organisations/" + std::to_string((*found)->organisation_id) + "/users");
  page.set("has_secret", true);
  page.set("secret_title", page.text("directory.user.reset_done", {{"name", (*found)->display_name}}));
  page.set("secret_items", string_list({*password}));
  page.set("secret_text", page.text("directory.users.created_once"));
  return render(page);
}

// --- contact points ---------------------------------------------------------------------------

http::Response contact_point_form(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                                  const http::Request& request, const http::Form* form, dir::OrganisationId org_id,
                                  std::optional<dir::ContactPoint> existing) {
  if (auto allowed = app::authorize(who.principal, access::Action::manage_contact_points, {org_id, {}}); !allowed) {
    return page_error(request, options, allowed.error());
  }
  auto profile = ctx.directory->profile(who.principal, org_id);
  if (!profile) return page_error(request, options, profile.error());
  auto topics = ctx.directory->topics(who.principal);
  if (!topics) return page_error(request, options, topics.error());
  auto areas = ctx.directory->areas(who.principal);
  if (!areas) return page_error(request, options, areas.error());
  auto users = ctx.accounts->list_users(org_id);
  if (!users) return page_error(request, options, users.error());

  Page page =
      org_page(request, options, who, existing ? "directory.cp_form.edit_title" : "directory.cp_form.new_title");
  page.set("has_caption", true);
  page.set("caption", profile->organisation.name);
  back_link(page, "/organisations/" + std::to_string(org_id));

  dir::ContactPoint cp = existing.value_or(dir::ContactPoint{});
  cp.organisation_id = org_id;
  if (!existing) cp.languages = profile->organisation.languages;
  std::vector<std::string> errors;  // per field, filled when the form comes back
  if (form) {
    cp.topic_id = parse_record_id(form->value("topic")).value_or(0);
    cp.area_id = parse_record_id(form->value("area")).value_or(0);
    cp.primary = parse_record_id(form->value("primary")).value_or(0);
    cp.deputies.clear();
    for (const auto& d : form->all("deputies")) {
      if (auto id = parse_record_id(d); id && *id != cp.primary) cp.deputies.push_back(*id);
    }
    cp.office_hours = form->value("office_hours");
    cp.emergency_line = form->value("emergency_line");
    cp.languages = form->all("languages");
  }
  auto fields_for = [&](const dir::ContactPoint& c) {
    std::vector<Choice> topic_choices, area_choices, primary_choices, deputy_choices;
    for (const auto& t : *topics) {
      topic_choices.push_back({std::to_string(t.id), t.label(page.lang()), t.id == c.topic_id});
    }
    for (const auto& a : *areas) area_choices.push_back({std::to_string(a.id), area_label(page, a), a.id == c.area_id});
    for (const auto& u : *users) {
      if (!u.active) continue;
      primary_choices.push_back({std::to_string(u.id), u.display_name, u.id == c.primary});
      bool deputy = std::count(c.deputies.begin(), c.deputies.end(), u.id) > 0;
      deputy_choices.push_back({std::to_string(u.id), u.display_name, deputy});
    }
    return std::vector<Field>{
        {.name = "topic", .label = page.text("directory.cp_form.topic"), .type = "select", .choices = topic_choices},
        {.name = "area", .label = page.text("directory.cp_form.area"), .type = "select", .choices = area_choices},
        {.name = "primary", .label = page.text("directory.cp_form.primary"), .type = "select",
         .choices = primary_choices},
        {.name = "deputies", .label = page.text("directory.cp_form.deputies"), .type = "checkboxes",
         .hint = page.text("directory.cp_form.deputies_hint"), .choices = deputy_choices},
        {.name = "office_hours", .label = page.text("directory.cp_form.office_hours"), .value = c.office_hours,
         .hint = page.text("directory.cp_form.office_hours_hint")},
        {.name = "emergency_line", .label = page.text("directory.cp_form.emergency_line"), .type = "tel",
         .value = c.emergency_line, .hint = page.text("directory.cp_form.emergency_line_hint"),
         .width_class = "govuk-input--width-20"},
        {.name = "languages", .label = page.text("directory.cp_form.languages"), .type = "checkboxes",
         .choices = language_choices(page, c.languages)},
    };
  };
  auto fields = fields_for(cp);
  int status = 200;
  if (form) {
    if (cp.topic_id == 0) fields[0].error = page.text("directory.cp_form.error.topic");
    if (cp.area_id == 0) fields[1].error = page.text("directory.cp_form.error.area");
    if (cp.primary == 0) fields[2].error = page.text("directory.cp_form.error.primary");
    if (cp.languages.empty()) fields[6].error = page.text("directory.cp_form.error.languages");
    if (!has_errors(fields)) {
      auto saved = ctx.directory->save_contact_point(who.principal, cp, audit_origin(request));
      if (saved) return see_other("/organisations/" + std::to_string(org_id) + "?saved=1#contact-points");
      if (saved.error().code != "invalid_input") return page_error(request, options, saved.error());
      const std::string& m = saved.error().message;
      if (m.starts_with("office hours")) {
        fields[4].error = page.text("directory.cp_form.error.office_hours");
      } else if (m.starts_with("emergency line")) {
        fields[5].error = page.text("directory.cp_form.error.emergency_line");
      } else if (m.starts_with("languages")) {
        fields[6].error = page.text("directory.cp_form.error.languages");
      } else if (m.find("deput") != std::string::npos) {
        fields[3].error = page.text("directory.cp_form.error.deputies");
      } else {
        fields[2].error = page.text("directory.cp_form.error.people");
      }
    }
    status = 400;
  }
  std::string action = existing ? "/contact-points/" + std::to_string(existing->id) + "/edit"
                                : "/organisations/" + std::to_string(org_id) + "/contact-points";
  if (existing) {
    data links{data::type::list};
    data l;
    l.set("href", "/contact-points/" + std::to_string(existing->id) + "/delete");
    l.set("text", page.text("directory.cp_delete.link"));
    links.push_back(l);
    page.set("has_links", true);
    page.set("links", links);
  }
  page.set("has_form", true);
  page.set("form", form_data(page, action, fields, who.session.csrf_token, page.text("directory.cp_form.submit")));
  return render(page, status);
}

// GET: asks to confirm; POST: deletes the contact point (audited, see
// DirectoryService::delete_contact_point) and returns to the organisation's profile.
http::Response delete_contact_point(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                                    const http::Request& request, const http::Form* form) {
  auto id = parse_record_id(request.param("id"));
  if (!id) return page_error(request, options, Error{"not_found", "no such contact point"});
  auto current = ctx.directory->contact_point(who.principal, *id);
  if (!current) return page_error(request, options, current.error());
  const dir::OrganisationId org_id = current->contact_point.organisation_id;
  if (auto allowed = app::authorize(who.principal, access::Action::manage_contact_points, {org_id, {}}); !allowed) {
    return page_error(request, options, allowed.error());
  }
  if (form) {
    auto deleted = ctx.directory->delete_contact_point(who.principal, *id, audit_origin(request));
    if (!deleted) return page_error(request, options, deleted.error());
    return see_other("/organisations/" + std::to_string(org_id) + "?deleted=1#contact-points");
  }
  Page page = org_page(request, options, who, "directory.cp_delete.title");
  page.set("has_caption", true);
  page.set("caption", current->organisation.name);
  back_link(page, "/contact-points/" + std::to_string(*id) + "/edit");
  data intro{data::type::list};
  intro.push_back(data(page.text("directory.cp_delete.intro",
                                 {{"topic", current->topic.label(page.lang())},
                                  {"person", current->primary.display_name}})));
  page.set("intro", intro);
  page.set("has_form", true);
  page.set("form", form_data(page, "/contact-points/" + std::to_string(*id) + "/delete", {}, who.session.csrf_token,
                             page.text("directory.cp_delete.submit")));
  return render(page);
}

http::Response edit_contact_point(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                                  const http::Request& request, const http::Form* form) {
  auto id = parse_record_id(request.param("id"));
  if (!id) return page_error(request, options, Error{"not_found", "no such contact point"});
  auto current = ctx.directory->contact_point(who.principal, *id);
  if (!current) return page_error(request, options, current.error());
  return contact_point_form(ctx, options, who, request, form, current->contact_point.organisation_id,
                            current->contact_point);
}

// --- coverage -------------------------------------------------------------------------------------

http::Response coverage_page(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                             const http::Request& request) {
  auto warnings = ctx.directory->coverage(who.principal, std::nullopt);
  if (!warnings) return page_error(request, options, warnings.error());
  Page page = org_page(request, options, who, "directory.coverage_page.title");
  page.set("intro", string_list({page.text("directory.coverage_page.intro")}));
  data rows{data::type::list};
  for (const auto& w : *warnings) {
    std::string text;
    if (w.warning.kind == dir::CoverageWarning::Kind::no_deputy && w.contact_point) {
      text = page.text(std::string(kCoverageMessages) + "no_deputy",
                       {{"topic", w.contact_point->topic.label(page.lang())},
                        {"area", w.contact_point->area.name},
                        {"person", w.contact_point->primary.display_name}});
    } else {
      text = page.text(std::string(kCoverageMessages) + "overloaded_person",
                       {{"person", w.person ? w.person->display_name : std::string()},
                        {"count", std::int64_t{w.warning.count}}});
    }
    std::string kind = page.text(w.warning.kind == dir::CoverageWarning::Kind::no_deputy
                                     ? "directory.coverage_page.kind_no_deputy"
                                     : "directory.coverage_page.kind_overloaded");
    rows.push_back(row_data({link_cell(w.organisation.name, "/organisations/" + std::to_string(w.organisation.id)),
                             text_cell(kind), text_cell(text)}));
  }
  page.set("has_table", true);
  page.set("table", table_data(page.text("directory.coverage_page.caption"),
                               {page.text("directory.organisations.name"), page.text("directory.coverage_page.kind"),
                                page.text("directory.coverage_page.warning")},
                               rows, page.text("directory.coverage.none")));
  return render(page);
}

// Wraps a page handler: the signed-in user (or the redirect) first, the form for POSTs.
template <typename F>
http::Handler signed_in(const AccountsContext& ctx, const Options& options, F body) {
  // These pages tell a form submission from a GET by the form pointer.
  return signed_in_page(ctx, options, [body](http::Request& request, const Authenticated& who, const http::Form& form) {
    return body(request, who, request.method == "POST" ? &form : nullptr);
  });
}

}  // namespace

void register_organisation_pages(http::Router& router, const AccountsContext& ctx, const Options& options) {
  auto org_id = [](const http::Request& request) { return parse_record_id(request.param("id")); };
  auto not_found = [options](const http::Request& request) {
    return page_error(request, options, Error{"not_found", "no such record"});
  };
  router.add("GET", "/organisations", signed_in(ctx, options, [ctx, options](auto& request, auto& who, auto*) {
               return organisations_list(ctx, options, who, request);
             }));
  router.add("GET", "/organisations/new", signed_in(ctx, options, [ctx, options](auto& request, auto& who, auto* form) {
               return organisation_form(ctx, options, who, request, form, std::nullopt);
             }));
  router.add("POST", "/organisations", signed_in(ctx, options, [ctx, options](auto& request, auto& who, auto* form) {
               return organisation_form(ctx, options, who, request, form, std::nullopt);
             }));
  auto edit = [ctx, options, org_id, not_found](auto& request, auto& who, auto* form) {
    auto id = org_id(request);
    if (!id) return not_found(request);
    return organisation_form(ctx, options, who, request, form, *id);
  };
  router.add("GET", "/organisations/{id}/edit", signed_in(ctx, options, edit));
  router.add("POST", "/organisations/{id}/edit", signed_in(ctx, options, edit));
  auto users = [ctx, options, org_id, not_found](auto& request, auto& who, auto* form) {
    auto id = org_id(request);
    if (!id) return not_found(request);
    return users_page(ctx, options, who, request, form, *id);
  };
  router.add("GET", "/organisations/{id}/users", signed_in(ctx, options, users));
  router.add("POST", "/organisations/{id}/users", signed_in(ctx, options, users));
  auto user = [ctx, options, org_id, not_found](auto& request, auto& who, auto* form) {
    auto id = org_id(request);
    if (!id) return not_found(request);
    return user_page(ctx, options, who, request, form, *id);
  };
  router.add("GET", "/users/{id}", signed_in(ctx, options, user));
  router.add("POST", "/users/{id}", signed_in(ctx, options, user));
  router.add("POST", "/users/{id}/password-reset",
             signed_in(ctx, options, [ctx, options, org_id, not_found](auto& request, auto& who, auto* form) {
               auto id = org_id(request);
               if (!id) return not_found(request);
               return password_reset(ctx, options, who, request, *form, *id);
             }));
  auto new_cp = [ctx, options, org_id, not_found](auto& request, auto& who, auto* form) {
    auto id = org_id(request);
    if (!id) return not_found(request);
    return contact_point_form(ctx, options, who, request, form, *id, std::nullopt);
  };
  router.add("GET", "/organisations/{id}/contact-points/new", signed_in(ctx, options, new_cp));
  router.add("POST", "/organisations/{id}/contact-points", signed_in(ctx, options, new_cp));
  auto edit_cp = [ctx, options](auto& request, auto& who, auto* form) {
    return edit_contact_point(ctx, options, who, request, form);
  };
  router.add("GET", "/contact-points/{id}/edit", signed_in(ctx, options, edit_cp));
  router.add("POST", "/contact-points/{id}/edit", signed_in(ctx, options, edit_cp));
  auto delete_cp = [ctx, options](auto& request, auto& who, auto* form) {
    return delete_contact_point(ctx, options, who, request, form);
  };
  router.add("GET", "/contact-points/{id}/delete", signed_in(ctx, options, delete_cp));
  router.add("POST", "/contact-points/{id}/delete", signed_in(ctx, options, delete_cp));
  router.add("GET", "/coverage", signed_in(ctx, options, [ctx, options](auto& request, auto& who, auto*) {
               return coverage_page(ctx, options, who, request);
             }));
}

}  // namespace tafel::web
