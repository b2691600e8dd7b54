#include "core/directory/topic.h"

namespace tafel::directory {

const std::string& Topic::label(std::string_view lang) const {
  if (lang == "fr") return label_fr;
  if (lang == "en") return label_en;
  return label_nl;
}

Result<void> validate(const Topic& topic) {
  if (topic.key.empty() || topic.key.size() > 40 ||
      topic.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    return fail("invalid_input", "key must be 1 to 40 of a-z, 0-9 and _");
  }
  for (const std::string* label : {&topic.label_nl, &topic.label_fr, &topic.label_en}) {
    if (label->empty() || label->size() > 100) return fail("invalid_input", "every label must be 1 to 100 characters");
  }
  return {};
}

}  // namespace tafel::directory
