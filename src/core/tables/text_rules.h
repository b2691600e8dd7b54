#pragma once
// Checks shared by the table's fields: lengths and control characters. A name or a
// title is one line; Markdown and case details may span lines.

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace tafel::tables {

// Fails with "invalid_input" naming `field` when `text` is shorter than `min` or
// longer than `max` bytes, or holds a control character (line breaks and tabs only
// when `multiline`), or is not valid UTF-8.
Result<void> check_text(std::string_view field, std::string_view text, std::size_t min, std::size_t max,
                        bool multiline = false);

}  // namespace tafel::tables
