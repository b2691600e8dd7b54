#include "web/login_pages.h"

#include <algorithm>
#include <chrono>

#include "http/form.h"
#include "web/language.h"
#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {
namespace {

using app::accounts::LoginOutcome;

struct LoginForm {
  std::string next = "/";
  std::string email;
  std::string error;   // catalog key
  std::string notice;  // catalog key
  std::int64_t minutes = 0;
};

http::Response login_page(const http::Request& request, const Options& options, const LoginForm& form, int status) {
  Page page(request, options, "");
  page.set_title(page.text("session.login.title"));
  page.set("heading", page.text("session.login.title"));
  page.set("intro", page.text("session.login.intro"));
  page.set("email_label", page.text("session.login.email"));
  page.set("password_label", page.text("session.login.password"));
  page.set("submit", page.text("session.login.submit"));
  page.set("error_title", page.text("session.login.error_title"));
  if (!form.error.empty()) page.set("error", page.text(form.error, {{"minutes", form.minutes}}));
  if (!form.notice.empty()) page.set("notice", page.text(form.notice));
  page.set("next", form.next);
  page.set("email", form.email);
  http::Response response = page.render("session/login", status);
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response code_page(const http::Request& request, const Options& options, const std::string& next,
                         const std::string& csrf_token, bool refused, int status) {
  Page page(request, options, "");
  page.set_title(page.text("session.second_factor.title"));
  page.set("heading", page.text("session.second_factor.title"));
  page.set("intro", page.text("session.second_factor.intro"));
  page.set("code_label", page.text("session.second_factor.code"));
  page.set("code_hint", page.text("session.second_factor.hint"));
  page.set("submit", page.text("session.second_factor.submit"));
  page.set("error_title", page.text("session.login.error_title"));
  if (refused) page.set("error", page.text("accounts.second_factor.refused"));
  page.set("next", next);
  page.set("csrf_token", csrf_token);
  http::Response response = page.render("session/second_factor", status);
  response.set_header("Cache-Control", "no-store");
  return response;
}

std::int64_t minutes_until(std::int64_t at_us) {
  std::int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  return std::max<std::int64_t>(1, (at_us - now + 59'999'999) / 60'000'000);
}

// Where a completed login goes, by outcome.
http::Response after_login(const AccountsContext& context, const http::Request& request, const LoginOutcome& outcome,
                           const std::string& next) {
  std::string location = next;
  if (outcome.status == LoginOutcome::Status::second_factor_needed) {
    location = "/login/second-factor?next=" + url_encode(next);
  } else if (outcome.status == LoginOutcome::Status::enrolment_needed) {
    location = "/account/second-factor?next=" + url_encode(next);
  }
  http::Response response = see_other(location);
  response.add_header("Set-Cookie", session_cookie(is_https(context, request), outcome.session_token));
  return response;
}

http::Response csrf_refused(const http::Request& request, const Options& options) {
  LoginForm form;
  form.error = "session.csrf";
  form.next = "/";
  return login_page(request, options, form, 403);
}

}  // namespace

void register_login_pages(http::Router& router, const AccountsContext& context, const Options& options) {
  router.add("GET", "/login", [context, options](http::Request& request) {
    LoginForm form;
    form.next = safe_next(request.query_param("next"));
    if (auto who = optional_viewer(context, request)) return see_other(form.next);
    if (request.query_param("logged_out")) form.notice = "session.logged_out";
    return login_page(request, options, form, 200);
  });

  router.add("POST", "/login", [context, options](http::Request& request) {
    LoginForm form;
    if (!same_origin(context, request)) {
      form.error = "session.login.forbidden_origin";
      return login_page(request, options, form, 403);
    }
    auto fields = http::Form::parse(request.body);
    if (!fields) {
      form.error = "session.login.bad_form";
      return login_page(request, options, form, 400);
    }
    form.next = safe_next(fields->get("next"));
    form.email = fields->value("email");
    std::string password = fields->value("password");
    if (form.email.empty() || password.empty()) {
      form.error = "session.login.missing";
      return login_page(request, options, form, 400);
    }
    auto outcome = context.accounts->login(form.email, password, client_address(request), session_token(context, request));
    if (!outcome) return http::Response::error(500, "internal_error", "the login could not be recorded");
    switch (outcome->status) {
      case LoginOutcome::Status::refused:
        form.error = "accounts.login.refused";
        return login_page(request, options, form, 401);
      case LoginOutcome::Status::throttled: {
        form.error = "accounts.login.throttled";
        form.minutes = minutes_until(outcome->retry_at);
        http::Response response = login_page(request, options, form, 429);
        response.set_header("Retry-After", std::to_string(form.minutes * 60));
        return response;
      }
      default:
        return after_login(context, request, *outcome, form.next);
    }
  });

  router.add("GET", "/login/second-factor", [context, options](http::Request& request) {
    std::string next = safe_next(request.query_param("next"));
    std::string token = session_token(context, request);
    auto who = token.empty() ? Result<std::optional<app::accounts::Authenticated>>(std::nullopt)
                             : context.accounts->authenticate(token);
    if (!who) return http::Response::error(500, "internal_error", "the session store did not answer");
    if (!*who) return see_other("/login?next=" + url_encode(next));
    if ((**who).principal.second_factor_passed) return see_other(next);
    return code_page(request, options, next, (**who).session.csrf_token, false, 200);
  });

  router.add("POST", "/login/second-factor", [context, options](http::Request& request) {
    auto fields = http::Form::parse(request.body);
    if (!fields) return http::Response::error(400, "bad_form", "the form data is not valid");
    std::string next = safe_next(fields->get("next"));
    std::string token = session_token(context, request);
    auto who = token.empty() ? Result<std::optional<app::accounts::Authenticated>>(std::nullopt)
                             : context.accounts->authenticate(token);
    if (!who) return http::Response::error(500, "internal_error", "the session store did not answer");
    if (!*who) return see_other("/login?next=" + url_encode(next));
    if (!form_csrf_ok(**who, request, *fields)) return csrf_refused(request, options);
    auto outcome = context.accounts->verify_second_factor(token, fields->value("code"), client_address(request));
    if (!outcome) return http::Response::error(500, "internal_error", "the login could not be recorded");
    switch (outcome->status) {
      case LoginOutcome::Status::complete:
        return after_login(context, request, *outcome, next);
      case LoginOutcome::Status::throttled: {
        LoginForm form;
        form.next = next;
        form.error = "accounts.login.throttled";
        form.minutes = minutes_until(outcome->retry_at);
        return login_page(request, options, form, 429);
      }
      default:
        return code_page(request, options, next, (**who).session.csrf_token, true, 401);
    }
  });

  router.add("POST", "/logout", [context, options](http::Request& request) {
    auto fields = http::Form::parse(request.body);
    std::string token = session_token(context, request);
    if (token.empty()) return see_other("/login");
    auto who = context.accounts->authenticate(token);
    if (who && *who) {
      if (!fields || !form_csrf_ok(**who, request, *fields)) return csrf_refused(request, options);
    }
    if (auto done = context.accounts->logout(token, client_address(request)); !done) {
      return http::Response::error(500, "internal_error", "the logout could not be recorded");
    }
    http::Response response = see_other("/login?logged_out=1");
    response.add_header("Set-Cookie", clear_session_cookie(is_https(context, request)));
    return response;
  });
}

}  // namespace tafel::web
