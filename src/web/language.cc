#include "web/language.h"

#include "i18n/catalog.h"

namespace tafel::web {

std::string request_language(const http::Request& request) {
  if (auto chosen = request.cookie(kLanguageCookie); chosen && i18n::is_supported(*chosen)) {
    return *chosen;
  }
  return i18n::negotiate(request.header("accept-language").value_or(""));
}

std::string language_cookie(std::string_view lang) {
  return std::string(kLanguageCookie) + "=" + std::string(lang) +
         "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";
}

std::optional<std::string> local_path(std::string_view next) {
  if (next.empty() || next.front() != '/') return std::nullopt;
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return std::nullopt;
  if (next.size() > 2048) return std::nullopt;
  for (char c : next) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\') return std::nullopt;
  }
  return std::string(next);
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

}  // namespace tafel::web
