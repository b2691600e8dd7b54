#pragma once
// Database: one SQLite file or one PostgreSQL database, reached through a pool of
// SOCI sessions. The same repository code and the same (lightly templated) SQL run
// on both engines; see docs/decisions/0003-storage.md.
//
// Thread-safety: a Database is shared by all threads; each call borrows a session
// from the pool for its duration (blocking while every session is busy).
//
// SOCI types appear only in src/storage: callers outside it use repositories.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

namespace soci {
class session;
}

namespace tafel::storage {

enum class Engine { sqlite, postgresql };

class Database {
 public:
  virtual ~Database() = default;

  // Opens a database. `url` is either a postgresql:// (or postgres://) URL, or a
  // SQLite file path (optionally prefixed "sqlite:"); the SQLite file and its
  // directory are created when missing and the connection is set up with WAL,
  // foreign keys, a busy timeout and synchronous=NORMAL. Does not migrate.
  // Fails with code "database_unavailable" and a message without credentials.
  static Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t pool_size = 8);

  virtual Engine engine() const = 0;

  // Runs `work` with a pooled session. An exception thrown inside (SOCI's or the
  // caller's) becomes Error{"database_error", ...}; the session goes back to the pool.
  // Inside a transaction() of this database on the same thread, `work` runs on that
  // transaction's session instead (it joins the transaction; see transaction()).
  virtual Result<void> with_session(const std::function<void(soci::session&)>& work) = 0;

  // Runs `work` inside one transaction: committed when `work` returns normally,
  // rolled back when it throws (the exception becomes Error{"database_error"}).
  //
  // Nesting joins: a with_session() or transaction() called on the same thread while
  // this one runs uses the same session and neither begins nor commits, so a use
  // case can make several repositories (and the audit log) write in ONE transaction
  // (app::UnitOfWork). A nested call that fails returns its error as usual and also
  // dooms the outer transaction: it rolls back even if the outer `work` returns
  // normally (an aborted PostgreSQL transaction could not commit anyway).
  virtual Result<void> transaction(const std::function<void(soci::session&)>& work) = 0;

  // The session of the transaction this thread has open on this database, or nullptr
  // outside transaction(). Lets a writer that is usually batched (the audit trail)
  // write inside the caller's transaction instead.
  virtual soci::session* current_transaction() const = 0;

  // Checks that the database answers a trivial query now (for /readyz).
  virtual Result<void> ping() = 0;

  // Applies every pending numbered migration in order, each in its own transaction,
  // recording it in the schema_version table. Returns how many were applied. Safe to
  // call from several processes at once (PostgreSQL: advisory lock).
  virtual Result<int> migrate() = 0;

  // The highest applied migration number, 0 for an empty database.
  virtual Result<int> schema_version() = 0;

  // The number of the newest migration compiled into this binary.
  static int latest_schema_version();

  // Test hook (the query-plan test, tests/routes/query_plan_test.cc): while set,
  // every session opened afterwards, by any Database, reports the text of each
  // statement it prepares, before running it. The observer may be called from
  // several threads at once. Production code never sets it; set it before opening
  // the databases to observe and clear it (nullptr) afterwards.
  using StatementObserver = std::function<void(const std::string& statement)>;
  static void observe_statements(StatementObserver observer);

  // Pool statistics for /metrics.
  struct PoolStats {
    std::size_t size = 0;
    std::size_t in_use = 0;
    std::uint64_t waits = 0;  // borrows that had to wait for a free session
  };
  virtual PoolStats pool_stats() const = 0;
};

}  // namespace tafel::storage
