#include "web/account_pages.h"

#include <algorithm>

#include "app/authorization.h"
#include "web/account_pages_support.h"
#include "web/language.h"
#include "web/viewer.h"


// Fields are written with designated initializers naming only what differs from the
// defaults of web::Field; g++ 12 warns about every member left out.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace tafel::web {
namespace {

using app::accounts::Authenticated;
using kainjow::mustache::data;

// A page of the own-account area for `who`, with the shared template's defaults.
Page account_page(const http::Request& request, const Options& options, const Authenticated& who,
                  std::string_view title_key) {
  return form_page(request, options, who, "account", title_key);
}

http::Response render(const Page& page, std::string_view name, int status = 200) {
  return no_store(page.render(name, status));
}

// Groups a base32 secret in blocks of four, as authenticator apps show it.
std::string grouped(std::string_view secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

// --- /account ---------------------------------------------------------------------

http::Response overview(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                        const http::Request& request) {
  Page page = account_page(request, options, who, "accounts.overview.title");
  page.set("has_caption", true);
  page.set("caption", who.user.display_name);
  std::vector<std::string> intro = {
      page.text("accounts.overview.email", {{"email", who.user.email}}),
      page.text("accounts.overview.role", {{"role", page.text("accounts.role." + std::string(access::name_of(who.user.role)))}}),
      page.text(who.user.second_factor_enrolled ? "accounts.overview.second_factor_on"
                                                : "accounts.overview.second_factor_off")};
  page.set("intro", string_list(intro));
  data links{data::type::list};
  auto link = [&](std::string href, std::string text) {
    data l;
    l.set("href", std::move(href));
    l.set("text", std::move(text));
    links.push_back(l);
  };
  link("/account/password", page.text("accounts.password.title"));
  link("/account/tokens", page.text("accounts.tokens.title"));
  if (!who.user.second_factor_enrolled) link(std::string(kSecondFactorPath), page.text("accounts.second_factor.title"));
  link("/directory", page.text("directory.search.title"));
  if (app::authorize(who.principal, access::Action::view_users, {who.user.organisation_id, {}})) {
    link("/organisations/" + std::to_string(who.user.organisation_id) + "/users", page.text("directory.users.title"));
  }
  if (app::authorize(who.principal, access::Action::view_coverage, {})) {
    link("/coverage", page.text("directory.coverage_page.title"));
  }
  link("/organisations", page.text("directory.organisations.title"));
  page.set("has_links", true);
  page.set("links", links);
  (void)ctx;
  return render(page, "accounts/account_form");
}

// --- /account/second-factor -------------------------------------------------------------

// The enrolment page: the QR code of a fresh secret, the secret as text, the code form.
http::Response enrolment_form(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                              const http::Request& request, std::string code_error, int status) {
  Page page(request, options, "account");
  // A session awaiting its second factor may only enrol: no signed-in navigation.
  if (who.principal.second_factor_passed || !access::sees_personal_data(who.principal.role)) page.set_viewer(who);
  page.set_title(page.text("accounts.second_factor.title"));
  page.set("heading", page.text("accounts.second_factor.title"));
  const std::string next = safe_next(request.query_param("next"), "/account");
  if (who.user.second_factor_enrolled) {
    page.set("enrolled", true);
    page.set("enrolled_text", page.text("accounts.second_factor.already"));
    page.set("continue_href", next);
    page.set("continue_text", page.text("accounts.second_factor.continue"));
    return render(page, "accounts/account_second_factor", status == 200 ? 200 : 409);
  }
  auto enrolment = ctx.accounts->begin_enrolment(who);
  if (!enrolment) return page_error(request, options, enrolment.error());
  page.set("enrolled", false);
  page.set("intro", page.text("accounts.second_factor.intro"));
  page.set("step_scan", page.text("accounts.second_factor.step_scan"));
  page.set("step_type", page.text("accounts.second_factor.step_type"));
  page.set("step_code", page.text("accounts.second_factor.step_code"));
  if (ctx.qr_svg) {
    if (auto svg = ctx.qr_svg(enrolment->otpauth_uri)) {
      page.set("has_qr", true);
      page.set("qr_src", "data:image/svg+xml;base64," + base64(*svg));
      page.set("qr_alt", page.text("accounts.second_factor.qr_alt"));
    }
  }
  page.set("secret_label", page.text("accounts.second_factor.secret_label"));
  page.set("secret", grouped(enrolment->secret_base32));
  std::vector<Field> fields = {{.name = "code",
                                .label = page.text("accounts.second_factor.code_label"),
                                .type = "text",
                                .hint = page.text("accounts.second_factor.code_hint"),
                                .error = std::move(code_error),
                                .autocomplete = "one-time-code",
                                .width_class = "govuk-input--width-5"}};
  std::string action(kSecondFactorPath);
  if (next != "/account") action += "?next=" + url_encode(next);
  page.set("form", form_data(page, action, fields, who.session.csrf_token,
                             page.text("accounts.second_factor.submit")));
  return render(page, "accounts/account_second_factor", status);
}

http::Response confirm_enrolment(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                                 const http::Request& request, const http::Form& form) {
  std::string code = form.value("code");
  code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
  auto done = ctx.accounts->confirm_enrolment(who, code, client_address(request));
  if (!done) {
    if (done.error().code != "invalid_code" && done.error().code != "not_started") {
      return page_error(request, options, done.error());
    }
    std::string message =
        i18n::Catalog::builtin().translate(request_language(request), "accounts.second_factor.code_wrong");
    return enrolment_form(ctx, options, who, request, message, 400);
  }
  Page page(request, options, "account");
  // The session was renewed: show the header for the new one (its CSRF token).
  if (auto renewed = ctx.accounts->authenticate(done->login.session_token); renewed && *renewed) {
    page.set_viewer(**renewed);
  }
  page.set_title(page.text("accounts.recovery.title"));
  page.set("heading", page.text("accounts.recovery.title"));
  page.set("enrolled", true);
  page.set("done", true);
  page.set("done_label", page.text("accounts.form.success"));
  page.set("done_text", page.text("accounts.recovery.done"));
  page.set("recovery_intro", page.text("accounts.recovery.intro"));
  page.set("recovery_codes", string_list(done->recovery_codes));
  page.set("recovery_once", page.text("accounts.recovery.once"));
  page.set("continue_href", safe_next(request.query_param("next"), "/account"));
  page.set("continue_text", page.text("accounts.second_factor.continue"));
  auto response = render(page, "accounts/account_second_factor");
  response.add_header("Set-Cookie", session_cookie(is_https(ctx, request), done->login.session_token));
  return response;
}

// --- /account/password ------------------------------------------------------------------

std::vector<Field> password_fields(const Page& page) {
  return {{.name = "current", .label = page.text("accounts.password.current"), .type = "password",
           .autocomplete = "current-password"},
          {.name = "new", .label = page.text("accounts.password.new"), .type = "password",
           .hint = page.text("accounts.password.new_hint"), .autocomplete = "new-password"},
          {.name = "confirm", .label = page.text("accounts.password.confirm"), .type = "password",
           .autocomplete = "new-password"}};
}

http::Response password_page(const Options& options, const Authenticated& who, const http::Request& request,
                             const http::Form* form, const AccountsContext* ctx) {
  if (auto allowed = app::authorize(who.principal, access::Action::manage_own_account); !allowed) {
    return page_error(request, options, allowed.error());
  }
  Page page = account_page(request, options, who, "accounts.password.title");
  page.set("has_back", true);
  page.set("back_href", "/account");
  page.set("back_text", page.text("accounts.form.back"));
  auto fields = password_fields(page);
  int status = 200;
  if (form) {
    std::string current = form->value("current"), next = form->value("new");
    if (current.empty()) fields[0].error = page.text("accounts.password.current_missing");
    if (next != form->value("confirm")) fields[2].error = page.text("accounts.password.mismatch");
    if (!has_errors(fields)) {
      auto changed = ctx->accounts->change_password(who, current, next, client_address(request));
      if (changed) {
        page.set("has_success", true);
        page.set("success_text", page.text("accounts.password.changed"));
      } else if (changed.error().code == "wrong_password") {
        fields[0].error = page.text("accounts.password.wrong");
      } else if (changed.error().code == "weak_password") {
        fields[1].error = page.text("accounts.password.weak");
      } else {
        return page_error(request, options, changed.error());
      }
    }
    if (has_errors(fields)) status = 400;
  }
  page.set("intro", string_list({page.text("accounts.password.intro")}));
  page.set("has_form", true);
  page.set("form", form_data(page, "/account/password", fields, who.session.csrf_token,
                             page.text("accounts.password.submit")));
  return render(page, "accounts/account_form", status);
}

// --- /account/tokens -----------------------------------------------------------------------

http::Response tokens_page(const AccountsContext& ctx, const Options& options, const Authenticated& who,
                           const http::Request& request, const http::Form* form) {
  if (auto allowed = app::authorize(who.principal, access::Action::manage_own_account); !allowed) {
    return page_error(request, options, allowed.error());
  }
  Page page = account_page(request, options, who, "accounts.tokens.title");
  page.set("has_back", true);
  page.set("back_href", "/account");
  page.set("back_text", page.text("accounts.form.back"));
  page.set("intro", string_list({page.text("accounts.tokens.intro")}));
  // What the rights below allow: the API reference (the scope of each operation).
  kainjow::mustache::data docs;
  docs.set("href", "/api/docs");
  docs.set("text", page.text("api.docs.tokens_hint"));
  page.set("intro_link", docs);

  std::vector<Choice> scopes;
  for (std::string_view scope : app::accounts::kApiScopes) {
    std::string key(scope);
    std::replace(key.begin(), key.end(), ':', '_');
    scopes.push_back({std::string(scope), page.text("accounts.tokens.scope." + key), false});
  }
  std::vector<Field> fields = {
      {.name = "name", .label = page.text("accounts.tokens.name"), .hint = page.text("accounts.tokens.name_hint"),
       .width_class = "govuk-input--width-20"},
      {.name = "scopes", .label = page.text("accounts.tokens.scopes"), .type = "checkboxes", .choices = scopes}};
  int status = 200;
  if (form) {
    fields[0].value = form->value("name");
    auto chosen = form->all("scopes");
    for (auto& c : fields[1].choices) c.selected = std::count(chosen.begin(), chosen.end(), c.value) > 0;
    if (fields[0].value.empty()) fields[0].error = page.text("accounts.tokens.name_missing");
    if (chosen.empty()) fields[1].error = page.text("accounts.tokens.scopes_missing");
    if (!has_errors(fields)) {
      auto created = ctx.accounts->create_api_token(who, fields[0].value, chosen, client_address(request));
      if (created) {
        page.set("has_secret", true);
        page.set("secret_title", page.text("accounts.tokens.created", {{"name", fields[0].value}}));
        page.set("secret_items", string_list({created->token}));
        page.set("secret_text", page.text("accounts.tokens.once"));
        fields[0].value.clear();
        for (auto& c : fields[1].choices) c.selected = false;
      } else if (created.error().code == "invalid_input") {
        attach_error(page, fields, created.error(), "accounts.tokens.error", "name");
      } else {
        return page_error(request, options, created.error());
      }
    }
    if (has_errors(fields)) status = 400;
  }
  if (request.query_param("revoked")) {
    page.set("has_success", true);
    page.set("success_text", page.text("accounts.tokens.revoked"));
  }

  auto tokens = ctx.accounts->list_api_tokens(who);
  if (!tokens) return page_error(request, options, tokens.error());
  data rows{data::type::list};
  for (const auto& t : *tokens) {
    std::string scope_text;
    for (const auto& s : t.scopes) scope_text += (scope_text.empty() ? "" : ", ") + s;
    data action = t.revoked ? text_cell(page.text("accounts.tokens.status_revoked"))
                            : button_cell(page.text("accounts.tokens.revoke"), t.name,
                                          "/account/tokens/" + std::to_string(t.id) + "/revoke",
                                          who.session.csrf_token);
    std::string last_used = t.last_used_at ? date_of(t.last_used_at) : page.text("accounts.tokens.never");
    rows.push_back(row_data({text_cell(t.name), text_cell(scope_text), text_cell(date_of(t.created_at)),
                             text_cell(last_used), action}));
  }
  page.set("has_table", true);
  page.set("table", table_data(page.text("accounts.tokens.list"),
                               {page.text("accounts.tokens.name"), page.text("accounts.tokens.scopes"),
                                page.text("accounts.tokens.created_at"), page.text("accounts.tokens.last_used"),
                                page.text("accounts.tokens.action")},
                               rows, page.text("accounts.tokens.none")));
  page.set("has_form", true);
  page.set("has_form_heading", true);
  page.set("form_heading", page.text("accounts.tokens.new"));
  page.set("form", form_data(page, "/account/tokens", fields, who.session.csrf_token,
                             page.text("accounts.tokens.submit")));
  return render(page, "accounts/account_form", status);
}

}  // namespace

void register_own_account_pages(http::Router& router, const AccountsContext& context, const Options& options) {
  router.add("GET", "/account", [context, options](http::Request& request) {
    auto access = page_access(context, options, request, nullptr);
    if (access.response) return *access.response;
    if (auto allowed = app::authorize(access.who->principal, access::Action::manage_own_account); !allowed) {
      return page_error(request, options, allowed.error());
    }
    return overview(context, options, *access.who, request);
  });
  router.add("GET", std::string(kSecondFactorPath), [context, options](http::Request& request) {
    auto access = page_access(context, options, request, nullptr, true);
    if (access.response) return *access.response;
    if (auto allowed = app::authorize(access.who->principal, access::Action::complete_second_factor); !allowed) {
      return page_error(request, options, allowed.error());
    }
    return enrolment_form(context, options, *access.who, request, {}, 200);
  });
  router.add("POST", std::string(kSecondFactorPath), [context, options](http::Request& request) {
    auto parsed = http::Form::parse(request.body);
    if (!parsed) return page_error(request, options, Error{"invalid_input", "bad form"});
    const http::Form& form = *parsed;
    auto access = page_access(context, options, request, &form, true);
    if (access.response) return *access.response;
    if (auto allowed = app::authorize(access.who->principal, access::Action::complete_second_factor); !allowed) {
      return page_error(request, options, allowed.error());
    }
    if (access.who->user.second_factor_enrolled) return enrolment_form(context, options, *access.who, request, {}, 409);
    return confirm_enrolment(context, options, *access.who, request, form);
  });
  router.add("GET", "/account/password", [context, options](http::Request& request) {
    auto access = page_access(context, options, request, nullptr);
    if (access.response) return *access.response;
    return password_page(options, *access.who, request, nullptr, &context);
  });
  router.add("POST", "/account/password", [context, options](http::Request& request) {
    auto parsed = http::Form::parse(request.body);
    if (!parsed) return page_error(request, options, Error{"invalid_input", "bad form"});
    const http::Form& form = *parsed;
    auto access = page_access(context, options, request, &form);
    if (access.response) return *access.response;
    return password_page(options, *access.who, request, &form, &context);
  });
  router.add("GET", "/account/tokens", [context, options](http::Request& request) {
    auto access = page_access(context, options, request, nullptr);
    if (access.response) return *access.response;
    return tokens_page(context, options, *access.who, request, nullptr);
  });
  router.add("POST", "/account/tokens", [context, options](http::Request& request) {
    auto parsed = http::Form::parse(request.body);
    if (!parsed) return page_error(request, options, Error{"invalid_input", "bad form"});
    const http::Form& form = *parsed;
    auto access = page_access(context, options, request, &form);
    if (access.response) return *access.response;
    return tokens_page(context, options, *access.who, request, &form);
  });
  router.add("POST", "/account/tokens/{id}/revoke", [context, options](http::Request& request) {
    auto parsed = http::Form::parse(request.body);
    if (!parsed) return page_error(request, options, Error{"invalid_input", "bad form"});
    const http::Form& form = *parsed;
    auto access = page_access(context, options, request, &form);
    if (access.response) return *access.response;
    auto id = parse_record_id(request.param("id"));
    if (!id) return page_error(request, options, Error{"not_found", "no such token"});
    if (auto r = context.accounts->revoke_api_token(*access.who, *id, client_address(request)); !r) {
      return page_error(request, options, r.error());
    }
    return see_other("/account/tokens?revoked=1");
  });
}

void register_account_pages(http::Router& router, const AccountsContext& context, const Options& options) {
  register_own_account_pages(router, context, options);
  register_organisation_pages(router, context, options);
  register_directory_pages(router, context, options);
}

}  // namespace tafel::web
