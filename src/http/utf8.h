#pragma once
// Strict UTF-8 checks (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF. Used on request paths and log fields.

#include <cstddef>
#include <string_view>

namespace tafel::http {

// The length (1 to 4) of the well-formed UTF-8 sequence at the start of `text`, or
// 0 when it does not start with one (or is empty).
std::size_t utf8_sequence_length(std::string_view text);

// True when the whole of `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace tafel::http
