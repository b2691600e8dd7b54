#include "http/log_event.h"

#include <chrono>
#include <ctime>
#include <memory>

#include <fmt/format.h>
#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "http/utf8.h"

namespace tafel::http {
namespace {

// Marks a payload built by LogEvent (already JSON fields) as opposed to a plain
// message that still needs quoting. An ASCII control character no caller types.
constexpr char kFieldsMarker = '\x1e';

void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t len = utf8_sequence_length(text.substr(i));
      if (len == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
    ++i;
  }
  out += '"';
}

class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    using namespace std::chrono;
    auto since_epoch = msg.time.time_since_epoch();
    auto secs = duration_cast<seconds>(since_epoch);
    auto millis = duration_cast<milliseconds>(since_epoch - secs).count();
    std::time_t t = secs.count();
    std::tm utc{};
    gmtime_r(&t, &utc);
    std::string line;
    line.reserve(160 + msg.payload.size());
    line += fmt::format("{{\"time\":\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z\",\"level\":\"", utc.tm_year + 1900,
                        utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    auto level = spdlog::level::to_string_view(msg.level);
    line.append(level.data(), level.size());
    line += "\",";
    std::string_view payload(msg.payload.data(), msg.payload.size());
    if (!payload.empty() && payload.front() == kFieldsMarker) {
      line.append(payload.substr(1));
    } else {
      line += "\"msg\":";
      append_quoted(line, payload);
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonLineFormatter>(); }
};

void write(spdlog::level::level_enum level, const std::string& fields) {
  auto logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  logger->log(level, "{}{}", kFieldsMarker, fields);
}

}  // namespace

std::string json_quote(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

Result<void> configure_json_logging(std::string_view level) {
  static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  bool known = false;
  for (auto name : kLevels) known = known || name == level;
  if (!known) {
    return fail("invalid_config", "log_level must be one of trace, debug, info, warn, error, critical, off");
  }
  auto logger = std::make_shared<spdlog::logger>("tafel", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(std::make_unique<JsonLineFormatter>());
  logger->set_level(spdlog::level::from_str(std::string(level)));
  // Warnings and errors reach the terminal at once; info lines are flushed by the
  // sink's own buffering (stderr is unbuffered anyway).
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  return {};
}

LogEvent::LogEvent(std::string_view event) {
  fields_ = "\"event\":";
  append_quoted(fields_, event);
}

LogEvent& LogEvent::field(std::string_view key, std::string_view value) {
  fields_ += ',';
  append_quoted(fields_, key);
  fields_ += ':';
  append_quoted(fields_, value);
  return *this;
}

LogEvent& LogEvent::field(std::string_view key, std::int64_t value) {
  fields_ += ',';
  append_quoted(fields_, key);
  fields_ += fmt::format(":{}", value);
  return *this;
}

LogEvent& LogEvent::field(std::string_view key, double value) {
  fields_ += ',';
  append_quoted(fields_, key);
  fields_ += fmt::format(":{:.3f}", value);
  return *this;
}

void LogEvent::trace() const { write(spdlog::level::trace, fields_); }
void LogEvent::debug() const { write(spdlog::level::debug, fields_); }
void LogEvent::info() const { write(spdlog::level::info, fields_); }
void LogEvent::warn() const { write(spdlog::level::warn, fields_); }
void LogEvent::error() const { write(spdlog::level::err, fields_); }

}  // namespace tafel::http
