#pragma once
// SqlAuditTrail: the production app::audit::AuditTrail. Entries go through a
// GroupCommitAppender over the storage::AuditLog of the tafel database, so many
// concurrent requests share one durable transaction and each request is answered
// only after its entry committed. The source address is replaced by its keyed
// pseudonym (AuditKey::pseudonymise_source) before anything is stored.
//
// Owns the AuditLog (for verification, queries and the views) and the appender's
// background thread. Thread-safe.

#include <memory>
#include <string>

#include "app/audit/audit_trail.h"
#include "app/audit/group_commit_appender.h"
#include "app/clock.h"
#include "storage/audit_log.h"
#include "storage/database.h"

namespace tafel::storage {

class SqlAuditTrail final : public app::audit::AuditTrail {
 public:
  // Loads the signing key at `key_path` (cli::instance_key_path resolves it from the
  // configuration), creating it when missing.
  // `database` (migrated) and `clock` must outlive the trail. Fails with "audit_key"
  // when the key file cannot be read or created.
  static Result<std::unique_ptr<SqlAuditTrail>> open(Database& database, const std::string& key_path,
                                                     const app::Clock& clock);

  SqlAuditTrail(Database& database, AuditKey key, const app::Clock& clock,
                AuditLog::Options log_options = {}, app::audit::GroupCommitAppender::Options appender_options = {});
  ~SqlAuditTrail() override = default;

  // Fills request_id from `origin` and source with the pseudonym of origin.address
  // (empty when the address is), then appends durably (see AuditTrail::record):
  // inside the transaction this thread has open on the database (a change and its
  // entry, app::UnitOfWork), or else through the group commit.
  Result<std::uint64_t> record(core::audit::Entry entry, const app::audit::Origin& origin) override;

  // The underlying log: verify, prove, checkpoints, and queries for the views.
  AuditLog& log() { return log_; }

 private:
  Database& database_;
  AuditLog log_;
  // Declared after log_: destroyed first, committing what is queued while the log exists.
  app::audit::GroupCommitAppender appender_;
};

}  // namespace tafel::storage
