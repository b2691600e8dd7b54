#include "core/directory/organisation.h"

#include <algorithm>

namespace tafel::directory {

namespace {

bool has_control(const std::string& text, bool allow_newlines) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    auto u = static_cast<unsigned char>(c);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

Result<void> validate(const Organisation& o) {
  if (o.name.empty() || o.name.size() > 200 || has_control(o.name, false)) {
    return fail("invalid_input", "name must be 1 to 200 characters");
  }
  if (o.finality.empty() || o.finality.size() > 4000 || has_control(o.finality, true)) {
    return fail("invalid_input", "finality must be 1 to 4000 characters");
  }
  if (o.languages.empty()) return fail("invalid_input", "languages must name at least one of nl, fr, en");
  for (std::size_t i = 0; i < o.languages.size(); ++i) {
    const auto& l = o.languages[i];
    if (l != "nl" && l != "fr" && l != "en") return fail("invalid_input", "languages may only hold nl, fr, en");
    if (std::find(o.languages.begin(), o.languages.begin() + static_cast<std::ptrdiff_t>(i), l) !=
        o.languages.begin() + static_cast<std::ptrdiff_t>(i)) {
      return fail("invalid_input", "languages lists a language twice");
    }
  }
  if (!o.website.empty() &&
      ((o.website.rfind("https://", 0) != 0 && o.website.rfind("http://", 0) != 0) || o.website.size() > 500 ||
       o.website.find_first_of(" \"<>'") != std::string::npos || has_control(o.website, false))) {
    return fail("invalid_input", "website must be empty or an http(s):// address");
  }
  if (o.phone.size() > 40 || o.phone.find_first_not_of("+0123456789 ()./-") != std::string::npos) {
    return fail("invalid_input", "phone may hold only digits, spaces and + ( ) . / -");
  }
  if (o.address.size() > 500 || has_control(o.address, true)) {
    return fail("invalid_input", "address must be at most 500 characters");
  }
  return {};
}

sharing::Organisation as_sharing_party(const Organisation& o) {
  sharing::Organisation party;
  party.id = std::to_string(o.id);
  party.sector = o.sector;
  party.secrecy = o.secrecy;
  party.reporting_duty = o.reporting_duty;
  party.mission = o.mission;
  return party;
}

}  // namespace tafel::directory
