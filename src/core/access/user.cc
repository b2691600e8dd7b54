#include "core/access/user.h"

#include <algorithm>

namespace tafel::access {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Result<std::string> normalise_email(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty() || text.size() > 254) return fail("invalid_email", "not a valid e-mail address");
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (is_control(u) || is_space(c)) return fail("invalid_email", "not a valid e-mail address");
    out.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : c);
  }
  auto at = out.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == out.size() || out.find('@', at + 1) != std::string::npos) {
    return fail("invalid_email", "not a valid e-mail address");
  }
  auto dot = out.find('.', at + 1);
  if (dot == std::string::npos || dot == at + 1 || out.back() == '.') {
    return fail("invalid_email", "not a valid e-mail address");
  }
  return out;
}

Result<void> check_new_password(std::string_view password) {
  std::size_t length = utf8_length(password);
  if (length < 12) return fail("weak_password", "a password needs at least 12 characters");
  if (length > 256) return fail("weak_password", "a password has at most 256 characters");
  if (std::all_of(password.begin(), password.end(), [](char c) { return c == ' '; })) {
    return fail("weak_password", "a password cannot be only spaces");
  }
  return {};
}

Result<void> check_user_fields(const User& user) {
  if (user.display_name.empty() || user.display_name.size() > 200 ||
      std::any_of(user.display_name.begin(), user.display_name.end(),
                  [](char c) { return is_control(static_cast<unsigned char>(c)); })) {
    return fail("invalid_input", "display_name must be 1 to 200 characters without control characters");
  }
  if (user.phone.size() > 40 || user.phone.find_first_not_of("+0123456789 ()./-") != std::string::npos) {
    return fail("invalid_input", "phone may hold only digits, spaces and + ( ) . / -");
  }
  if (user.language != "nl" && user.language != "fr" && user.language != "en") {
    return fail("invalid_input", "language must be nl, fr or en");
  }
  return {};
}

}  // namespace tafel::access
