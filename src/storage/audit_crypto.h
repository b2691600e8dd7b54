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

// The instance key file (it signs the audit trail; every other key of the instance,
// TOTP sealing and pseudonyms, is derived from it) lives in its own directory,
// `keys_dir`, outside the data directory, so that a backup or copy of the database
// does not carry the key with it (docs/decisions/0010-keys-directory.md).

// The default keys_dir: "keys", relative to the working directory, beside (never
// inside) the default database directory "var".
inline constexpr std::string_view kDefaultKeysDir = "keys";

// The key file's name inside keys_dir.
inline constexpr std::string_view kInstanceKeyFile = "instance.key";

// Where the key lived before keys_dir (and where existing installations still have
// it): next to a SQLite file ("<file>.audit-key"), or var/tafel.audit-key for
// PostgreSQL.
std::string legacy_audit_key_path(const std::string& database_url);

// The key file every tafel command uses, first match wins: `explicit_path` (--key),
// the environment variable TAFEL_AUDIT_KEY, then "<keys_dir>/instance.key". `tafel
// serve` and `tafel audit` resolve it alike, so that checkpoints signed by the
// server verify with the key `tafel audit` loads.
std::string resolve_audit_key_path(const std::string& explicit_path, const std::string& keys_dir);

// For an installation from before keys_dir: when `key_path` does not exist but the
// legacy key of `database_url` does, moves it to `key_path` (creating its directory,
// mode 0700) so that nobody loses their audit chain, and returns the old path (the
// caller logs it). Returns an empty string when there was nothing to move. Fails
// with "audit_key" when the move fails.
Result<std::string> adopt_legacy_key(const std::string& key_path, const std::string& database_url);

class AuditKey {
 public:
  // Reads the key at `path`, creating it (and its directory, mode 0700) when missing.
  // Fails with "audit_key" on an unreadable or malformed file, and on a file that
  // group or others may read or write (the message names the file and the chmod to
  // run); messages name the path only.
  static Result<AuditKey> load_or_create(const std::string& path);

  // Reads an existing key; fails with "audit_key" when missing, malformed or readable
  // by group or others.
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

  // The pseudonym of a person id in the audit trail (app/audit/person_pseudonym.h):
  // "p1:" and the hex of HMAC-SHA256 keyed with derive_key("person-pseudonym").
  std::string pseudonymise_person(std::string_view person_id) const;

  // A 32-byte key for another purpose of this instance (e.g. "totp-secrets"),
  // derived from the signing seed with keyed BLAKE2b, so that one key file serves
  // the instance and the seed itself is never used for two things.
  std::vector<std::uint8_t> derive_key(std::string_view purpose) const;

 private:
  AuditKey() = default;

  std::string secret_key_;      // 64 bytes (libsodium's seed || public key)
  std::string pseudonym_key_;   // 32 bytes
  std::string derivation_key_;  // 32 bytes, derived from the seed for derive_key
  std::string person_key_;      // 32 bytes, derive_key("person-pseudonym")
  std::string public_key_hex_;
};

}  // namespace tafel::storage
