#pragma once
// RFC 4648 base32 (upper case, no padding on output), the encoding authenticator
// apps expect for TOTP secrets.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tafel::access {

// Encodes without '=' padding.
std::string base32_encode(std::span<const std::uint8_t> bytes);

// Decodes, ignoring case, spaces and '=' padding; nullopt on any other character.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

}  // namespace tafel::access
