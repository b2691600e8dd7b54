#pragma once
// SecretSealer: authenticated encryption of small secrets stored in the database
// (TOTP secrets), so that a copy of the database alone — a backup, a dump, a
// PostgreSQL replica — does not let anyone compute second-factor codes.
//
// libsodium's crypto_secretbox (XSalsa20-Poly1305) with a random nonce per value.
// Sealed text: "sealed1:" followed by the hex of nonce || ciphertext. The key is
// derived from the instance's key file (AuditKey::derive_key), so it is backed up and
// shared between servers exactly like the audit key.
//
// Thread-safe (immutable after construction).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tafel::storage {

class SecretSealer {
 public:
  // The prefix of every sealed value; anything else is a legacy plain value.
  static constexpr std::string_view kPrefix = "sealed1:";

  // `key` must be 32 bytes.
  explicit SecretSealer(std::span<const std::uint8_t> key);

  // The sealed text of `plain` (a fresh random nonce each time).
  std::string seal(std::span<const std::uint8_t> plain) const;

  // The plain bytes of `sealed`, or nullopt when it is not sealed text or does not
  // authenticate under this key (a different key file, or altered data).
  std::optional<std::vector<std::uint8_t>> open(std::string_view sealed) const;

  static bool is_sealed(std::string_view text) { return text.starts_with(kPrefix); }

 private:
  std::vector<std::uint8_t> key_;
};

}  // namespace tafel::storage
