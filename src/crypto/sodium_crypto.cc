#include "crypto/sodium_crypto.h"

#include <cstdio>
#include <cstdlib>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace tafel::crypto {

SodiumCrypto::SodiumCrypto() {
  if (sodium_init() < 0) {
    std::fputs("tafel: libsodium could not be initialised\n", stderr);
    std::abort();
  }
}

Result<std::string> SodiumCrypto::hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgon2OpsLimit, kArgon2MemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail("crypto_error", "password hashing ran out of memory");
  }
  return std::string(out);
}

bool SodiumCrypto::verify_password(std::string_view stored, std::string_view password) {
  if (stored.size() >= crypto_pwhash_STRBYTES) return false;
  char buffer[crypto_pwhash_STRBYTES] = {};
  stored.copy(buffer, stored.size());
  return crypto_pwhash_str_verify(buffer, password.data(), password.size()) == 0;
}

std::vector<std::uint8_t> SodiumCrypto::random_bytes(std::size_t count) {
  std::vector<std::uint8_t> out(count);
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string hotp_digits(std::span<const std::uint8_t> secret, std::uint64_t counter, int digits) {
  std::uint8_t message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<std::uint8_t>(counter & 0xFFu);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message, sizeof message, mac, &mac_length);
  int offset = mac[mac_length - 1] & 0x0F;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string SodiumCrypto::hotp(std::span<const std::uint8_t> secret, std::uint64_t counter) {
  return hotp_digits(secret, counter, 6);
}

std::string SodiumCrypto::token_digest(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof digest * 2);
}

}  // namespace tafel::crypto
