#pragma once
// The real app::cases::IdentityCipher: libsodium XChaCha20-Poly1305 (IETF AEAD).
//  * Each identity is encrypted under its own random 256-bit data key, with a random
//    192-bit nonce; the associated data names the case number, so a ciphertext
//    copied to another case does not open.
//  * The data key is wrapped (XChaCha20-Poly1305 again, associated data: the case
//    number) by the master key (crypto/master_key.h) and stored with the master
//    key's id. Rotating the master key re-wraps data keys only (rewrap).
//  * A key-check value (a fixed text sealed under the master key) lets a server
//    refuse to start with the wrong master key instead of serving garbage.
// Stored forms are hex text: nonce || ciphertext. Thread-safe (immutable).

#include <optional>

#include "app/cases/identity_cipher.h"
#include "crypto/master_key.h"

namespace tafel::crypto {

class SodiumIdentityCipher final : public app::cases::IdentityCipher {
 public:
  explicit SodiumIdentityCipher(MasterKey key);

  std::string key_id() const override { return key_.id; }
  Result<app::cases::SealedIdentity> seal(std::int64_t case_id, const app::cases::Identity& identity) const override;
  Result<app::cases::Identity> open(std::int64_t case_id, const app::cases::SealedIdentity& sealed) const override;

  // `sealed` with its data key unwrapped by this cipher's master key and wrapped by
  // `to`'s (the ciphertext is unchanged). Fails with "identity_unreadable".
  Result<app::cases::SealedIdentity> rewrap(std::int64_t case_id, const app::cases::SealedIdentity& sealed,
                                            const SodiumIdentityCipher& to) const;

  // A fresh key-check value for this master key, and whether `check` is one.
  std::string key_check() const;
  bool verifies(const std::string& check) const;

 private:
  std::optional<std::vector<std::uint8_t>> unwrap(std::int64_t case_id, const std::string& wrapped) const;
  MasterKey key_;
};

}  // namespace tafel::crypto
