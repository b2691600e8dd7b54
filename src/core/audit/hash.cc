#include "core/audit/hash.h"

#include <array>
#include <cstdint>

namespace tafel::core::audit {
namespace {

// Digit values by byte, -1 for a non-digit: one load per character instead of three
// range checks (verify parses a recorded hash per entry).
constexpr std::array<std::int8_t, 256> kHexValues = [] {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<std::int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<std::int8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[c] = static_cast<std::int8_t>(c - 'A' + 10);
  return t;
}();

int hex_value(char c) { return kHexValues[static_cast<unsigned char>(c)]; }

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0f]);
  }
  return out;
}

std::optional<std::string> bytes_from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::optional<Hash> hash_from_hex(std::string_view hex) {
  // Parsed in place: verify calls this once per entry.
  if (hex.size() != 64) return std::nullopt;
  Hash h;
  int invalid = 0;  // checked once at the end: no branch per digit
  for (std::size_t i = 0; i < h.size(); ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    invalid |= hi | lo;
    h[i] = static_cast<std::uint8_t>(((hi & 0x0f) << 4) | (lo & 0x0f));
  }
  if (invalid < 0) return std::nullopt;
  return h;
}

}  // namespace tafel::core::audit
