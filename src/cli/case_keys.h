#pragma once
// The master key of case identities at start and at rotation
// (docs/decisions/0013-case-key-hierarchy.md, docs/cases.md).
//
// At start (open_case_cipher), with keys_dir/master.key at `path`:
//  * a leftover `path`.new whose id the database's key check carries is the
//    current key (a rotation committed, then stopped before its rename): it is
//    renamed over `path` first; a leftover .new the database does not carry is a
//    rotation that did not commit and is removed;
//  * no key file and no case key in the database: a new key is created (0600);
//  * a key file and a key check: the key must match, else start fails with
//    "the master key in <path> does not match this database's case keys: ...";
//    nothing is overwritten;
//  * a key check but no key file: start fails (the identities could not be read).
//
// rotate_case_master_key makes a new key, writes it to `path`.new, re-wraps every
// data key under it in ONE transaction, then renames `path`.new over `path`.

#include <memory>
#include <string>

#include "crypto/identity_cipher.h"
#include "storage/cases/case_store.h"

namespace tafel::cli {

// The cipher over the current master key at `path`, after the checks above. Fails
// with "master_key".
Result<std::unique_ptr<crypto::SodiumIdentityCipher>> open_case_cipher(const std::string& path,
                                                                        storage::SqlCaseStore& store);

struct Rotation {
  int rewrapped = 0;
  std::string old_key_id, new_key_id;
};

// Rotates the master key at `path` (which open_case_cipher must accept). Fails with
// "master_key", leaving the old key current, when anything before the commit fails.
Result<Rotation> rotate_case_master_key(const std::string& path, storage::SqlCaseStore& store);

}  // namespace tafel::cli
