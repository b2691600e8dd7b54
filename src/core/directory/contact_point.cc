#include "core/directory/contact_point.h"

#include <algorithm>

namespace tafel::directory {

Result<void> validate(const ContactPoint& cp) {
  if (cp.primary <= 0) return fail("invalid_input", "a contact point needs a primary person");
  if (cp.topic_id <= 0) return fail("invalid_input", "a contact point needs a topic");
  if (cp.area_id <= 0) return fail("invalid_input", "a contact point needs an area");
  for (std::size_t i = 0; i < cp.deputies.size(); ++i) {
    if (cp.deputies[i] <= 0) return fail("invalid_input", "a deputy must be a person");
    if (cp.deputies[i] == cp.primary) return fail("invalid_input", "the primary person cannot be their own deputy");
    for (std::size_t j = 0; j < i; ++j) {
      if (cp.deputies[j] == cp.deputies[i]) return fail("invalid_input", "a deputy is listed twice");
    }
  }
  if (cp.deputies.size() > 20) return fail("invalid_input", "at most 20 deputies");
  if (cp.office_hours.size() > 200) return fail("invalid_input", "office hours must be at most 200 characters");
  if (cp.emergency_line.size() > 40 || cp.emergency_line.find_first_not_of("+0123456789 ()./-") != std::string::npos) {
    return fail("invalid_input", "emergency line may hold only digits, spaces and + ( ) . / -");
  }
  if (cp.languages.empty()) return fail("invalid_input", "languages must name at least one of nl, fr, en");
  for (const auto& l : cp.languages) {
    if (l != "nl" && l != "fr" && l != "en") return fail("invalid_input", "languages may only hold nl, fr, en");
    if (std::count(cp.languages.begin(), cp.languages.end(), l) > 1) {
      return fail("invalid_input", "languages lists a language twice");
    }
  }
  return {};
}

}  // namespace tafel::directory
