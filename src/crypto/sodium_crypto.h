#pragma once
// crypto::SodiumCrypto: the real app::accounts::Crypto.
//  * passwords: Argon2id (crypto_pwhash_str) at the OWASP parameters — 2 passes,
//    19 MiB, one lane — stored in the self-describing "$argon2id$v=19$m=19456,t=2,p=1$..."
//    form, so parameters can be raised later without losing old hashes;
//  * random: randombytes_buf;
//  * HOTP: HMAC-SHA1 from OpenSSL, dynamic truncation per RFC 4226;
//  * token digests: BLAKE2b-256 (tokens carry 256 bits of entropy, so a fast hash suffices).

#include "app/accounts/crypto.h"

namespace tafel::crypto {

// Argon2id at OWASP's recommended minimum (cheat sheet, 2023+).
inline constexpr unsigned long long kArgon2OpsLimit = 2;
inline constexpr std::size_t kArgon2MemLimit = 19u * 1024u * 1024u;

class SodiumCrypto final : public app::accounts::Crypto {
 public:
  // Initialises libsodium; aborts if it cannot (no usable entropy source), because
  // nothing about accounts is safe without it.
  SodiumCrypto();

  Result<std::string> hash_password(std::string_view password) override;
  bool verify_password(std::string_view stored, std::string_view password) override;
  std::vector<std::uint8_t> random_bytes(std::size_t count) override;
  std::string hotp(std::span<const std::uint8_t> secret, std::uint64_t counter) override;
  std::string token_digest(std::string_view token) override;
};

// HOTP with a chosen number of digits (6 or 8; RFC 6238 vectors use 8).
std::string hotp_digits(std::span<const std::uint8_t> secret, std::uint64_t counter, int digits);

}  // namespace tafel::crypto
