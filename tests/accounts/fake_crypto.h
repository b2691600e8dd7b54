#pragma once
// A fast, deterministic Crypto for use-case tests: password "hashing" is a tagged
// copy (Argon2id costs ~100 ms per call under sanitizers, and the throttling tests
// make thousands of attempts), random bytes come from a counter, and HOTP and token
// digests are the real ones, so codes computed in tests match.

#include <cstdint>
#include <string>

#include "app/accounts/crypto.h"
#include "crypto/sodium_crypto.h"

namespace tafel::test_support {

class FakeCrypto final : public app::accounts::Crypto {
 public:
  Result<std::string> hash_password(std::string_view password) override {
    ++hashes;
    return "fake$" + std::string(password);
  }
  bool verify_password(std::string_view stored, std::string_view password) override {
    ++verifications;
    return stored == "fake$" + std::string(password);
  }
  std::vector<std::uint8_t> random_bytes(std::size_t count) override {
    // splitmix64 over a counter: deterministic, and no repeats within a test.
    std::vector<std::uint8_t> out(count);
    for (auto& b : out) {
      std::uint64_t z = (counter_ += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      b = static_cast<std::uint8_t>(z ^ (z >> 31));
    }
    return out;
  }
  std::string hotp(std::span<const std::uint8_t> secret, std::uint64_t counter) override {
    return real_.hotp(secret, counter);
  }
  std::string token_digest(std::string_view token) override { return real_.token_digest(token); }

  int hashes = 0;
  int verifications = 0;

 private:
  std::uint64_t counter_ = 0;
  crypto::SodiumCrypto real_;
};

}  // namespace tafel::test_support
