#pragma once
// Applying migrations (see migration.h for the files and their dialect).
//
// Each migration runs in its own transaction together with its schema_version row,
// so a failing migration leaves no trace and the ones before it stay applied.
// Concurrency: every migration transaction first takes the database-wide migration
// lock (SQLite: BEGIN IMMEDIATE's write lock; PostgreSQL: a transaction-scoped
// advisory lock), then re-reads the version, so two processes migrating at once
// apply each migration exactly once.

#include <span>

#include "core/result.h"
#include "storage/database.h"
#include "storage/migration.h"

namespace soci {
class session;
}

namespace tafel::storage {

// The advisory lock key tafel migrations take on PostgreSQL ("tafel_mg" in ASCII).
inline constexpr long long kMigrationLockKey = 0x746166656c5f6d67LL;

// The highest version recorded in schema_version, 0 when the table does not exist.
// Throws soci::soci_error.
int read_schema_version(soci::session& sql, Engine engine);

// Applies the migrations of `migrations` (sorted, numbered 1..n) newer than the
// database's version and returns how many it applied. Fails with
// "migration_failed" (naming the migration) when one fails, and with
// "schema_too_new" when the database is newer than the newest migration given:
// this binary is older than the data and must not touch it.
Result<int> apply_migrations(Database& database, std::span<const Migration> migrations);

}  // namespace tafel::storage
