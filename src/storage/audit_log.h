#pragma once
// AuditLog: the tamper-evident audit trail stored in the tafel database
// (tables audit_entry, audit_head, audit_checkpoint; migration 0002_audit.sql).
//
// Appending: every append transaction first locks the single audit_head row
// (UPDATE ... on PostgreSQL takes the row lock; SQLite transactions are BEGIN
// IMMEDIATE), then numbers the entries after the head, inserts them with their leaf
// hashes, extends the Merkle frontier kept in the head, and signs a checkpoint at
// every multiple of `checkpoint_every` entries and, in between, when the last one is
// older than `checkpoint_interval` (counted from the first entry). So any number of threads and processes on one database
// append to ONE chain, and the head, entries and checkpoints always commit together.
//
// Thread-safety: all methods are thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/audit/audit_reader.h"
#include "app/audit/audit_store.h"
#include "app/clock.h"
#include "core/audit/checkpoint.h"
#include "core/audit/entry.h"
#include "core/audit/inclusion_bundle.h"
#include "core/audit/log_verifier.h"
#include "core/result.h"
#include "storage/audit_crypto.h"
#include "storage/database.h"

namespace tafel::storage {

class AuditLog final : public app::audit::AuditStore, public app::audit::AuditReader {
 public:
  struct Options {
    std::uint64_t checkpoint_every = 1000;
    std::chrono::seconds checkpoint_interval{60};
  };

  // `database` and `clock` must outlive the log. The database must be migrated.
  AuditLog(Database& database, AuditKey key, const app::Clock& clock, Options options);
  AuditLog(Database& database, AuditKey key, const app::Clock& clock)
      : AuditLog(database, std::move(key), clock, Options{}) {}

  // Appends inside the caller's open transaction on `sql` (the transaction of the
  // change being audited), so the change and its entry commit or roll back together.
  // Throws on database errors, which makes Database::transaction roll back; throws
  // std::invalid_argument for an entry that fails core::audit::validate.
  std::vector<std::uint64_t> append_in(soci::session& sql, std::span<const core::audit::Entry> entries);

  // AuditStore: one transaction per call.
  Result<std::vector<std::uint64_t>> append(std::span<const core::audit::Entry> entries) override;
  Result<bool> checkpoint_if_due() override;

  // Signs a checkpoint of the current head now, unless the newest checkpoint already
  // covers it. Returns the newest checkpoint afterwards; fails with "empty_log" when
  // there are no entries.
  Result<core::audit::Checkpoint> checkpoint_now();

  // Every checkpoint, ascending by size.
  Result<std::vector<core::audit::Checkpoint>> checkpoints();

  // Number of entries according to the head.
  Result<std::uint64_t> size();

  // Recomputes every leaf and root and checks every checkpoint with `public_key_hex`
  // (see core::audit::LogVerifier for what is reported).
  Result<core::audit::VerifyReport> verify(const std::string& public_key_hex);

  // The inclusion proof of entry `seq` against the newest checkpoint. Fails with
  // "not_found" for a sequence number that does not exist and "not_checkpointed"
  // when no checkpoint covers it yet.
  Result<core::audit::InclusionBundle> prove(std::uint64_t seq);

  // AuditReader: the entries matching `filter` (indexes of 0005_audit_views).
  Result<std::vector<core::audit::Entry>> find(const app::audit::AuditFilter& filter) override;

  const AuditKey& key() const { return key_; }

 private:
  Database& database_;
  AuditKey key_;
  const app::Clock& clock_;
  Options options_;
};

}  // namespace tafel::storage
