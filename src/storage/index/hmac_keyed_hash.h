#pragma once
// The reference index's keyed hash (core/index/keyed_hash.h): HMAC-SHA256 (libsodium)
// keyed with the instance's "reference-index" key, AuditKey::derive_key (issue 15,
// docs/index.md). The key is derived from the instance key file in the keys directory,
// never stored with the data, so a database copy holds encodings nobody can test a
// guessed name against.

#include <cstdint>
#include <span>
#include <string_view>

#include <sodium.h>

#include "core/index/keyed_hash.h"

namespace tafel::storage {

// The purpose AuditKey::derive_key is given for the index key.
inline constexpr std::string_view kReferenceIndexKeyPurpose = "reference-index";

class HmacKeyedHash final : public index::KeyedHash {
 public:
  // `key` is 32 bytes (AuditKey::derive_key(kReferenceIndexKeyPurpose)).
  explicit HmacKeyedHash(std::span<const std::uint8_t> key);
  ~HmacKeyedHash() override;
  HmacKeyedHash(const HmacKeyedHash&) = delete;
  HmacKeyedHash& operator=(const HmacKeyedHash&) = delete;

  index::Digest digest(std::string_view message) const override;

 private:
  // The state after the key was absorbed: each digest starts from a copy of it
  // instead of hashing the key's pads again (half the work for a bigram).
  crypto_auth_hmacsha256_state keyed_{};
};

}  // namespace tafel::storage
