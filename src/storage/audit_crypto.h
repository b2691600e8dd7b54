#pragma once
// The audit trail's cryptography: SHA-256 for the Merkle tree (OpenSSL, which uses
// the CPU's SHA extensions), Ed25519 for checkpoints and keyed BLAKE2b for
// source-address pseudonyms (libsodium).
//
// The key file holds one 32-byte Ed25519 seed in hex ("tafel-audit-key-1\n<hex>\n"),
// mode 0600. It is created on first use; creation is atomic and safe when several
// processes start at once (the first one wins, the others read its key).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/checkpoint.h"
#include "core/audit/hash.h"
#include "core/result.h"

namespace tafel::storage {

// SHA-256 (OpenSSL); matches core::audit::Sha256.
core::audit::Hash audit_sha256(std::span<const std::uint8_t> data);

// Ed25519 detached-signature check; matches core::audit::VerifySignature.
bool audit_verify_signature(std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature,
                            std::span<const std::uint8_t> public_key);

// Where the key lives when nothing else is configured: next to a SQLite file
// ("<file>.audit-key"), or var/tafel.audit-key for PostgreSQL (all processes that
// share one PostgreSQL database must use the same key file).
std::string default_audit_key_path(const std::string& database_url);

// The key file every tafel command uses for `database_url`, first match wins:
// `explicit_path` (--key), the environment variable TAFEL_AUDIT_KEY, then
// default_audit_key_path. `tafel serve` and `tafel audit` resolve it alike, so that
// checkpoints signed by the server verify with the key `tafel audit` loads.
std::string resolve_audit_key_path(const std::string& explicit_path, const std::string& database_url);

class AuditKey {
 public:
  // Reads the key at `path`, creating it (and its directory) when missing. Fails with
  // "audit_key" on an unreadable or malformed file; the message names the path only.
  static Result<AuditKey> load_or_create(const std::string& path);

  // Reads an existing key; fails with "audit_key" when missing or malformed.
  static Result<AuditKey> load(const std::string& path);

  // A key that exists only in memory (tests and benchmarks).
  static AuditKey generate();

  // The key for a given 32-byte Ed25519 seed (what the key file holds).
  static AuditKey from_seed(std::span<const std::uint8_t> seed);

  // 64 lower-case hex digits.
  const std::string& public_key_hex() const { return public_key_hex_; }

  // Ed25519 signature of `message`, as 128 hex digits.
  std::string sign_hex(std::string_view message) const;

  // A stable pseudonym for a source address: keyed BLAKE2b-128 (hex). The key is
  // derived from the signing seed, so whoever holds the key file can check whether
  // a given address appears in the log, but the log alone reveals no address.
  std::string pseudonymise_source(std::string_view address) const;

  // A 32-byte key for another purpose of this instance (e.g. "totp-secrets"),
  // derived from the signing seed with keyed BLAKE2b, so that one key file serves
  // the instance and the seed itself is never used for two things.
  std::vector<std::uint8_t> derive_key(std::string_view purpose) const;

 private:
  AuditKey() = default;

  std::string secret_key_;      // 64 bytes (libsodium's seed || public key)
  std::string pseudonym_key_;   // 32 bytes
  std::string derivation_key_;  // 32 bytes, derived from the seed for derive_key
  std::string public_key_hex_;
};

}  // namespace tafel::storage
