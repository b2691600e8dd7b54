#pragma once
// JSON-lines logging on stderr (spdlog), and LogEvent, the way to write one
// structured line.
//
// Every line is one JSON object: {"time":"...Z","level":"info","event":"...",...}.
// A plain spdlog message from any module becomes {"time":..,"level":..,"msg":"..."}
// so the stream stays machine-readable. Fields are chosen by the caller and must
// never carry personal data: route patterns, ids, codes, counts and durations only.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::http {

// Makes the default spdlog logger write JSON lines to stderr at `level` (trace,
// debug, info, warn, error, critical or off). Fails on an unknown level.
Result<void> configure_json_logging(std::string_view level);

// One structured log line; fields appear in the order they were added.
//   LogEvent("request").field("request_id", id).field("status", 200).info();
class LogEvent {
 public:
  explicit LogEvent(std::string_view event);

  LogEvent& field(std::string_view key, std::string_view value);
  LogEvent& field(std::string_view key, const char* value) { return field(key, std::string_view(value)); }
  LogEvent& field(std::string_view key, std::int64_t value);
  LogEvent& field(std::string_view key, int value) { return field(key, static_cast<std::int64_t>(value)); }
  LogEvent& field(std::string_view key, double value);

  // Writes the line at the given level (if enabled).
  void trace() const;
  void debug() const;
  void info() const;
  void warn() const;
  void error() const;

  // The fields as they will be written: "\"event\":\"...\",..." (for tests).
  const std::string& fields() const { return fields_; }

 private:
  std::string fields_;
};

// `text` as a JSON string literal, quotes included; invalid UTF-8 bytes become
// U+FFFD so the line stays valid JSON.
std::string json_quote(std::string_view text);

}  // namespace tafel::http
