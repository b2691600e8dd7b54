#include "web/viewer.h"

#include "core/access/role.h"
#include "web/language.h"

namespace tafel::web {
namespace {

// The page to come back to after logging in: this request's own target.
std::string come_back_to(const http::Request& request) {
  return url_encode(local_path(request.target).value_or("/"));
}

}  // namespace

http::Response see_other(std::string_view location) {
  http::Response response = http::Response::redirect(std::string(location));
  response.set_header("Cache-Control", "no-store");
  return response;
}

std::string safe_next(std::optional<std::string> next, std::string_view fallback) {
  if (next) {
    if (auto local = local_path(*next)) return *local;
  }
  return std::string(fallback);
}

PageGate require_viewer(const AccountsContext& context, const http::Request& request) {
  PageGate gate;
  std::string token = session_token(context, request);
  if (token.empty()) {
    gate.response = see_other("/login?next=" + come_back_to(request));
    return gate;
  }
  auto who = context.accounts->authenticate(token);
  if (!who) {
    gate.response = http::Response::error(500, "internal_error", "the session store did not answer");
    return gate;
  }
  if (!*who) {
    gate.response = see_other("/login?next=" + come_back_to(request));
    return gate;
  }
  const auto& a = **who;
  if (access::sees_personal_data(a.principal.role) && !a.principal.second_factor_passed) {
    gate.response = see_other((a.user.second_factor_enrolled ? "/login/second-factor?next=" : "/account/second-factor?next=") +
                              come_back_to(request));
    return gate;
  }
  gate.viewer = std::move(**who);
  return gate;
}

std::optional<app::accounts::Authenticated> optional_viewer(const AccountsContext& context,
                                                           const http::Request& request) {
  std::string token = session_token(context, request);
  if (token.empty()) return std::nullopt;
  auto who = context.accounts->authenticate(token);
  if (!who || !*who) return std::nullopt;
  if (access::sees_personal_data((**who).principal.role) && !(**who).principal.second_factor_passed) return std::nullopt;
  return std::move(**who);
}

void show_viewer(Page& page, const http::Request& request, const Options& options) {
  if (!options.accounts) return;
  if (auto who = optional_viewer(*options.accounts, request)) page.set_viewer(*who);
}

bool form_csrf_ok(const app::accounts::Authenticated& who, const http::Request& request, const http::Form& form) {
  return csrf_ok(who, request, form.value("csrf_token"));
}

}  // namespace tafel::web
