#pragma once
// ISO 8601 timestamps of agreement and scenario files, to and from the engine's
// microseconds since the epoch (UTC).

#include <string>
#include <string_view>

#include "core/result.h"
#include "core/sharing/vocabulary.h"

namespace tafel::formats {

// Parses "YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM|-HH:MM)" or a date "YYYY-MM-DD"
// (midnight UTC). A time without a zone is refused: it would be ambiguous. Fails
// with "invalid_timestamp" and a reason naming the problem, never the value.
Result<sharing::Timestamp> parse_timestamp(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" (with ".ffffff" when there are microseconds).
std::string format_timestamp(sharing::Timestamp at);

}  // namespace tafel::formats
