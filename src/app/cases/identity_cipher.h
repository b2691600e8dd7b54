#pragma once
// The port that seals and opens a case's identity (issue 12, point 2). The real
// implementation (crypto/identity_cipher.h) encrypts each record with libsodium
// XChaCha20-Poly1305 under its own random data key, and stores that data key wrapped
// by the master key from the keys directory (docs/decisions/0013-case-key-hierarchy.md).
// The database only ever holds SealedIdentity: without the master key file a copy of
// the database reveals no identity.

#include <cstdint>
#include <string>

#include "core/result.h"

namespace tafel::app::cases {

// Who the person of a case is. Never stored, logged or audited in clear.
struct Identity {
  std::string name;
  std::string birth_date;       // YYYY-MM-DD, or empty
  std::string address;
  std::string national_number;  // 11 digits (normalised), or empty
  std::string details;          // free "case details" text
  friend bool operator==(const Identity&, const Identity&) = default;
};

// What is stored of an identity: its ciphertext (bound to the case number), the data
// key wrapped by the master key, and the id of that master key (a short digest).
struct SealedIdentity {
  std::string ciphertext;   // text (hex), nonce || AEAD ciphertext
  std::string wrapped_key;  // text (hex), nonce || AEAD ciphertext of the data key
  std::string key_id;       // id of the master key wrapped_key is sealed under
};

class IdentityCipher {
 public:
  virtual ~IdentityCipher() = default;
  // The id of the current master key.
  virtual std::string key_id() const = 0;
  // `identity` sealed for case `case_id` under a fresh data key.
  virtual Result<SealedIdentity> seal(std::int64_t case_id, const Identity& identity) const = 0;
  // The identity of case `case_id`. Fails with "identity_unreadable" when the data
  // key was wrapped under another master key, or the record was altered or moved to
  // another case.
  virtual Result<Identity> open(std::int64_t case_id, const SealedIdentity& sealed) const = 0;
};

}  // namespace tafel::app::cases
