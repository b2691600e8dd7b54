#include "core/tables/text_rules.h"

#include <string>

namespace tafel::tables {

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    if (c < 0x80) extra = 0;
    else if (c >= 0xC2 && c <= 0xDF) extra = 1;
    else if (c >= 0xE0 && c <= 0xEF) extra = 2;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3;
    else return false;
    if (i + extra >= s.size() + (extra == 0 ? 1 : 0) && extra != 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

Result<void> check_text(std::string_view field, std::string_view text, std::size_t min, std::size_t max,
                        bool multiline) {
  std::string name(field);
  if (text.size() < min) return fail("invalid_input", name + " is required");
  if (text.size() > max) return fail("invalid_input", name + " is too long (at most " + std::to_string(max) + " bytes)");
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 && !allowed_break) || c == 0x7F) return fail("invalid_input", name + " holds a control character");
  }
  if (!valid_utf8(text)) return fail("invalid_input", name + " is not valid UTF-8");
  return {};
}

}  // namespace tafel::tables
