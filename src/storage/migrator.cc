#include "storage/migrator.h"

#include <chrono>
#include <cstdio>

#include <soci/soci.h>

namespace tafel::storage {
namespace {

std::string label(const Migration& m) {
  char number[16];
  std::snprintf(number, sizeof number, "%04d", m.version);
  return std::string(number) + "_" + m.name;
}

long long now_microseconds() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

int read_schema_version(soci::session& sql, Engine engine) {
  long long tables = 0;
  if (engine == Engine::sqlite) {
    sql << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", soci::into(tables);
  } else {
    sql << "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
           "AND tablename = 'schema_version'",
        soci::into(tables);
  }
  if (tables == 0) return 0;
  long long version = 0;
  soci::indicator indicator = soci::i_ok;
  sql << "SELECT MAX(version) FROM schema_version", soci::into(version, indicator);
  return indicator == soci::i_ok ? static_cast<int>(version) : 0;
}

Result<int> apply_migrations(Database& database, std::span<const Migration> migrations) {
  const Engine engine = database.engine();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  // A first look without any lock: an up-to-date database costs one read.
  int current = 0;
  if (auto read = database.with_session([&](soci::session& sql) { current = read_schema_version(sql, engine); });
      !read) {
    return tl::unexpected(read.error());
  }
  if (current > newest) {
    return fail("schema_too_new", "the database has schema version " + std::to_string(current) +
                                      " but this tafel knows migrations up to " + std::to_string(newest) +
                                      ": use a newer tafel");
  }
  int applied = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    auto sql_text = render_sql(migration.sql, engine);
    if (!sql_text) return fail("migration_failed", "migration " + label(migration) + ": " + sql_text.error().message);
    std::vector<std::string> statements = split_statements(*sql_text);

    bool applied_this = false;
    auto done = database.transaction([&](soci::session& sql) {
      if (engine == Engine::postgresql) sql << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
      // Under the lock: another process may have applied it since the first look.
      if (read_schema_version(sql, engine) >= migration.version) return;
      for (const std::string& statement : statements) sql << statement;
      long long applied_at = now_microseconds();
      sql << "INSERT INTO schema_version (version, name, applied_at) VALUES (:version, :name, :applied_at)",
          soci::use(migration.version), soci::use(migration.name), soci::use(applied_at);
      applied_this = true;
    });
    if (!done) return fail("migration_failed", "migration " + label(migration) + " failed: " + done.error().message);
    if (applied_this) ++applied;
  }
  return applied;
}

}  // namespace tafel::storage
