#pragma once
// The 32-byte hashes of the audit trail and the hash function they come from.
//
// Core code never links a crypto library: the SHA-256 implementation is injected as
// a plain function pointer (libsodium's crypto_hash_sha256 in src/storage), which
// keeps the Merkle code pure and lets tests check it against published vectors.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tafel::core::audit {

using Hash = std::array<std::uint8_t, 32>;

// SHA-256 of `data`. Must be deterministic and thread-safe.
using Sha256 = Hash (*)(std::span<const std::uint8_t> data);

// Lower-case hexadecimal of `bytes`.
std::string to_hex(std::span<const std::uint8_t> bytes);

// Parses exactly 64 hexadecimal digits (either case); nullopt otherwise.
std::optional<Hash> hash_from_hex(std::string_view hex);

// Parses an even number of hexadecimal digits into bytes; nullopt on any other input.
std::optional<std::string> bytes_from_hex(std::string_view hex);

}  // namespace tafel::core::audit
