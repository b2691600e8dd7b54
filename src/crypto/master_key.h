#pragma once
// The master key of case identities (docs/decisions/0013-case-key-hierarchy.md): 32
// random bytes in a file of the keys directory (keys_dir/master.key, hex, mode 0600),
// never in the database. It wraps the per-record data keys of sealed identities
// (crypto/identity_cipher.h). Its id is a short keyed digest, stored with every
// wrapped key so a record names the key it needs without revealing it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace tafel::crypto {

struct MasterKey {
  std::vector<std::uint8_t> bytes;  // 32 bytes
  std::string id;                   // 16 hex digits: BLAKE2b-64 keyed by the key over a fixed label

  // A fresh random key.
  static MasterKey generate();
  static MasterKey from_bytes(std::vector<std::uint8_t> bytes);
};

// Reads the key at `path`. Fails with "master_key" when the file is missing or
// unreadable, not 64 hex digits, or readable or writable by group or others (the
// message names the file and says to run chmod 600).
Result<MasterKey> read_master_key(const std::string& path);

// Writes `key` to `path`, created exclusively with mode 0600 (its directory 0700 when
// missing) and flushed to disk. Never overwrites: fails with "master_key" when the
// file exists.
Result<void> write_master_key(const std::string& path, const MasterKey& key);

// True when a file exists at `path`.
bool key_file_exists(const std::string& path);

}  // namespace tafel::crypto
