#include "storage/sql_audit_trail.h"

#include <span>

namespace tafel::storage {

Result<std::unique_ptr<SqlAuditTrail>> SqlAuditTrail::open(Database& database, const std::string& key_path,
                                                           const app::Clock& clock) {
  auto key = AuditKey::load_or_create(key_path);
  if (!key) return tl::unexpected(key.error());
  return std::make_unique<SqlAuditTrail>(database, std::move(*key), clock);
}

SqlAuditTrail::SqlAuditTrail(Database& database, AuditKey key, const app::Clock& clock, AuditLog::Options log_options,
                             app::audit::GroupCommitAppender::Options appender_options)
    : database_(database), log_(database, std::move(key), clock, log_options), appender_(log_, appender_options) {}

Result<std::uint64_t> SqlAuditTrail::record(core::audit::Entry entry, const app::audit::Origin& origin) {
  entry.seq = 0;
  entry.time_us = 0;  // the log stamps the time of the commit's clock reading
  entry.request_id = origin.request_id;
  entry.source = origin.address.empty() ? std::string() : log_.key().pseudonymise_source(origin.address);
  if (database_.current_transaction()) {
    // A change is being written on this thread: its entry commits (or rolls back)
    // with it. Waiting for the group commit here would deadlock on SQLite, whose
    // write lock this transaction holds. with_session joins that transaction, and a
    // failure dooms it.
    if (auto valid = core::audit::validate(entry); !valid) return tl::unexpected(valid.error());
    std::uint64_t seq = 0;
    auto written = database_.with_session([&](soci::session& sql) {
      seq = log_.append_in(sql, std::span<const core::audit::Entry>(&entry, 1)).at(0);
    });
    if (!written) return tl::unexpected(written.error());
    return seq;
  }
  return appender_.append(std::move(entry));
}

}  // namespace tafel::storage
