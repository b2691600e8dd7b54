#pragma once
// The cryptographic port of the account service. The real implementation is
// crypto::SodiumCrypto (src/crypto: libsodium + OpenSSL); tests of the use cases may
// pass a fast fake. All methods are thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tafel::app::accounts {

class Crypto {
 public:
  virtual ~Crypto() = default;

  // A self-describing password hash (algorithm, parameters and salt included).
  // Fails with "crypto_error" when memory for the hash cannot be had.
  virtual Result<std::string> hash_password(std::string_view password) = 0;

  // True if `password` matches `stored` (a value from hash_password). Constant-time
  // in the password; false for a malformed `stored`.
  virtual bool verify_password(std::string_view stored, std::string_view password) = 0;

  // `count` bytes from a CSPRNG.
  virtual std::vector<std::uint8_t> random_bytes(std::size_t count) = 0;

  // The 6-digit HOTP value (RFC 4226, HMAC-SHA1) of `secret` at `counter`, as text
  // with leading zeros.
  virtual std::string hotp(std::span<const std::uint8_t> secret, std::uint64_t counter) = 0;

  // A fixed-length digest of a high-entropy token (session id, API token, recovery
  // code), as lowercase hex. Tokens are stored only as digests, so a stolen database
  // yields no usable session or token.
  virtual std::string token_digest(std::string_view token) = 0;
};

}  // namespace tafel::app::accounts
