#include "web/accounts_session.h"

namespace tafel::web {

std::string_view session_cookie_name(bool tls) { return tls ? "__Host-tafel_session" : "tafel_session"; }

std::string session_cookie(bool tls, std::string_view token) {
  std::string cookie = std::string(session_cookie_name(tls)) + "=" + std::string(token) +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (tls) cookie += "; Secure";
  return cookie;
}

std::string clear_session_cookie(bool tls) {
  std::string cookie = std::string(session_cookie_name(tls)) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (tls) cookie += "; Secure";
  return cookie;
}

bool is_https(const AccountsContext& context, const http::Request& request) { return request.https || context.tls; }

std::string session_token(const AccountsContext& context, const http::Request& request) {
  return request.cookie(session_cookie_name(is_https(context, request))).value_or("");
}

Result<std::optional<app::accounts::Authenticated>> identify(const AccountsContext& context,
                                                            const http::Request& request) {
  if (auto authorization = request.header("authorization")) {
    std::string_view value = *authorization;
    if (value.size() > 7 && (value.substr(0, 7) == "Bearer " || value.substr(0, 7) == "bearer ")) {
      return context.accounts->authenticate_api_token(value.substr(7));
    }
    return std::optional<app::accounts::Authenticated>{};
  }
  std::string token = session_token(context, request);
  if (token.empty()) return std::optional<app::accounts::Authenticated>{};
  return context.accounts->authenticate(token);
}

bool same_origin(const AccountsContext& context, const http::Request& request) {
  auto origin = request.header("origin");
  if (!origin) return true;
  auto lower = [](std::string_view text) {
    std::string out(text);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  };
  auto host = request.header("host");
  if (!host || host->empty()) return false;
  std::string expected = std::string(is_https(context, request) ? "https://" : "http://") + lower(*host);
  return lower(*origin) == expected;
}

bool is_safe_method(std::string_view method) { return method == "GET" || method == "HEAD"; }

bool csrf_ok(const app::accounts::Authenticated& who, const http::Request& request, std::string_view form_token) {
  if (who.token) return true;
  std::string_view submitted = request.header("x-csrf-token").value_or(form_token);
  return app::accounts::AccountService::csrf_matches(who.session, submitted);
}

int status_for(const Error& error) {
  const std::string& c = error.code;
  if (c == "not_authenticated") return 401;
  if (c == "second_factor_required" || c == "forbidden" || c == "csrf") return 403;
  if (c == "not_found") return 404;
  if (c == "duplicate_email" || c == "duplicate_name" || c == "duplicate_key" || c == "already_enrolled") return 409;
  if (c == "throttled") return 429;
  if (c == "database_error" || c == "crypto_error") return 500;
  return 400;
}

std::string client_address(const http::Request& request) { return request.remote_address; }

app::audit::Origin audit_origin(const http::Request& request) {
  return app::audit::Origin{request.request_id, client_address(request)};
}

}  // namespace tafel::web
