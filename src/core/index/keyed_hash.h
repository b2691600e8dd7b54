#pragma once
// The keyed hash the reference index (issue 15, docs/index.md) turns identities into.
// Core holds no keys and links no cryptography: the adapter gives an implementation
// (storage::HmacKeyedHash, HMAC-SHA256 keyed with the instance's "reference-index"
// key). Whoever lacks the key cannot recompute an encoding from a guessed identity,
// so a copy of the index alone does not answer "is Jan Peeters in it?".

#include <array>
#include <cstdint>
#include <string_view>

namespace tafel::index {

using Digest = std::array<std::uint8_t, 32>;

class KeyedHash {
 public:
  virtual ~KeyedHash() = default;

  // The keyed digest of `message` (HMAC-SHA256 in production). Deterministic: the
  // same key and message give the same digest in every process.
  virtual Digest digest(std::string_view message) const = 0;
};

}  // namespace tafel::index
