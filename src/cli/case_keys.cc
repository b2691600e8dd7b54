#include "cli/case_keys.h"

#include <filesystem>

namespace tafel::cli {

namespace {

Error mismatch(const std::string& path, const std::string& detail) {
  return Error{"master_key", "the master key in " + path + " does not match this database's case keys: " + detail +
                                 "; restore the master key file that belongs to this database (nothing was "
                                 "changed)"};
}

// The key at `path` checked against the database's key check and record key ids.
Result<crypto::MasterKey> checked_key(const std::string& path, const storage::MasterKeyCheck& check,
                                      storage::SqlCaseStore& store) {
  auto key = crypto::read_master_key(path);
  if (!key) return tl::unexpected(key.error());
  crypto::SodiumIdentityCipher cipher(*key);
  if (key->id != check.key_id || !cipher.verifies(check.key_check)) {
    return tl::unexpected(mismatch(path, "its key id is " + key->id + ", the case keys are wrapped under " +
                                             check.key_id));
  }
  auto ids = store.key_ids();
  if (!ids) return tl::unexpected(ids.error());
  for (const auto& id : *ids) {
    if (id != key->id) return tl::unexpected(mismatch(path, "some case keys are wrapped under " + id));
  }
  return key;
}

}  // namespace

Result<std::unique_ptr<crypto::SodiumIdentityCipher>> open_case_cipher(const std::string& path,
                                                                        storage::SqlCaseStore& store) {
  auto check = store.key_check();
  if (!check) return tl::unexpected(check.error());
  const std::string pending = path + ".new";
  if (crypto::key_file_exists(pending)) {
    auto next = crypto::read_master_key(pending);
    if (!next) return tl::unexpected(next.error());
    if (*check && (*check)->key_id == next->id) {
      // A rotation committed and stopped before its rename: finish it.
      std::error_code ec;
      std::filesystem::rename(pending, path, ec);
      if (ec) return fail("master_key", "cannot rename " + pending + " to " + path + ": " + ec.message());
    } else if (crypto::key_file_exists(path)) {
      // A rotation that did not commit: its key wraps nothing.
      std::error_code ec;
      std::filesystem::remove(pending, ec);
    }
  }
  if (!crypto::key_file_exists(path)) {
    if (*check) {
      return fail("master_key", "the master key file " + path +
                                    " is missing, but this database holds case identities sealed under master key " +
                                    (*check)->key_id + "; restore the file");
    }
    auto ids = store.key_ids();
    if (!ids) return tl::unexpected(ids.error());
    if (!ids->empty()) return fail("master_key", "the master key file " + path + " is missing");
    auto made = crypto::write_master_key(path, crypto::MasterKey::generate());
    if (!made) return tl::unexpected(made.error());
  }
  if (*check) {
    auto key = checked_key(path, **check, store);
    if (!key) return tl::unexpected(key.error());
    return std::make_unique<crypto::SodiumIdentityCipher>(std::move(*key));
  }
  // First start with cases: record the check of the key in use.
  auto key = crypto::read_master_key(path);
  if (!key) return tl::unexpected(key.error());
  auto ids = store.key_ids();
  if (!ids) return tl::unexpected(ids.error());
  for (const auto& id : *ids) {
    if (id != key->id) return tl::unexpected(mismatch(path, "some case keys are wrapped under " + id));
  }
  auto cipher = std::make_unique<crypto::SodiumIdentityCipher>(std::move(*key));
  if (auto ok = store.set_key_check({cipher->key_id(), cipher->key_check()}); !ok) return tl::unexpected(ok.error());
  return cipher;
}

Result<Rotation> rotate_case_master_key(const std::string& path, storage::SqlCaseStore& store) {
  auto current = open_case_cipher(path, store);
  if (!current) return tl::unexpected(current.error());
  crypto::MasterKey key = crypto::MasterKey::generate();
  const std::string pending = path + ".new";
  // 1. The new key on disk first, so a committed re-wrap never lacks its key.
  if (auto ok = crypto::write_master_key(pending, key); !ok) return tl::unexpected(ok.error());
  crypto::SodiumIdentityCipher next(key);
  // 2. Every data key re-wrapped, and the key check replaced, in one transaction.
  auto rewrapped = store.rewrap_all(
      [&](std::int64_t id, const app::cases::SealedIdentity& sealed) { return (*current)->rewrap(id, sealed, next); },
      {next.key_id(), next.key_check()});
  if (!rewrapped) {
    std::error_code ec;
    std::filesystem::remove(pending, ec);  // nothing committed: the old key stays current
    return fail("master_key", "rotation failed, the old master key stays current: " + rewrapped.error().message);
  }
  // 3. The new key becomes current (atomic rename). A crash before this line is
  // finished by the next start (open_case_cipher).
  std::error_code ec;
  std::filesystem::rename(pending, path, ec);
  if (ec) {
    return fail("master_key", "the case keys were re-wrapped, but " + pending + " could not be renamed to " + path +
                                  " (" + ec.message() + "); the next start finishes it");
  }
  return Rotation{*rewrapped, (*current)->key_id(), next.key_id()};
}

}  // namespace tafel::cli
