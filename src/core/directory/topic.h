#pragma once
// A topic people call a contact point about ("youth", "drugs", ...). The platform
// admin can add topics; each has a stable key and a label in every language.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::directory {

using TopicId = std::int64_t;

struct Topic {
  TopicId id = 0;
  std::string key;       // [a-z0-9_]{1,40}, stable in URLs and APIs
  std::string label_nl;  // labels are data typed by the platform admin
  std::string label_fr;
  std::string label_en;

  // The label in `lang` (nl, fr or en; anything else gives nl).
  const std::string& label(std::string_view lang) const;
};

// The topics every installation starts with (seeded by migration 0004).
inline constexpr std::array<std::string_view, 8> kDefaultTopicKeys = {
    "youth", "drugs", "homelessness", "family_violence", "radicalisation", "nuisance", "mental_health", "other"};

// Fails with "invalid_input": key as above, every label 1..100 bytes.
Result<void> validate(const Topic& topic);

}  // namespace tafel::directory
