#pragma once
// SociDatabase: the one Database implementation, over a SessionPool of SOCI
// sessions. Engine differences (session set-up, transaction start, locking) are
// confined to this class and to the migration dialect.

#include <memory>

#include "storage/database.h"
#include "storage/database_url.h"
#include "storage/session_pool.h"

namespace tafel::storage {

class SociDatabase final : public Database {
 public:
  // Opens the first session now so that a bad URL or an unreachable server is
  // reported by open(), not by the first query. Fails with "database_unavailable".
  static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, std::size_t pool_size);

  Engine engine() const override { return url_.engine; }
  Result<void> with_session(const std::function<void(soci::session&)>& work) override;
  // SQLite: BEGIN IMMEDIATE, so that two writers queue on busy_timeout instead of
  // one failing with SQLITE_BUSY when it upgrades a read lock. PostgreSQL: BEGIN
  // (READ COMMITTED).
  Result<void> transaction(const std::function<void(soci::session&)>& work) override;
  soci::session* current_transaction() const override;
  Result<void> ping() override;
  Result<int> migrate() override;
  Result<int> schema_version() override;
  PoolStats pool_stats() const override { return pool_->stats(); }

 private:
  explicit SociDatabase(DatabaseUrl url) : url_(std::move(url)) {}

  // Opens and sets up one session, observed when Database::observe_statements is
  // set; throws soci::soci_error.
  std::unique_ptr<soci::session> open_session() const;
  std::unique_ptr<soci::session> open_plain_session() const;

  // An Error for an exception caught while working with the database, its message
  // scrubbed of the URL's secrets. SOCI errors contribute only the driver's message,
  // never the statement context (which may quote bound values: personal data).
  Error describe(std::exception_ptr error, const std::string& code) const;

  DatabaseUrl url_;
  std::unique_ptr<SessionPool> pool_;
};

}  // namespace tafel::storage
