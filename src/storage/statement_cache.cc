#include "storage/statement_cache.h"

#include <algorithm>
#include <utility>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace tafel::storage {

struct StatementCache::Entry {
  explicit Entry(soci::session& sql) : statement(sql) {}
  soci::statement statement;
  bool lent = false;
};

namespace {

// The caches of the sessions this thread is working with, innermost last.
thread_local std::vector<StatementCache*> active_caches;

}  // namespace

StatementCache::StatementCache(soci::session& sql) : sql_(sql), sqlite_(sql.get_backend_name() == "sqlite3") {}

// Statements are destroyed (finalized, or DEALLOCATEd on PostgreSQL) while the
// session is still open: the pool destroys the cache first.
StatementCache::~StatementCache() = default;

StatementCache* StatementCache::of(soci::session& sql) {
  for (auto it = active_caches.rbegin(); it != active_caches.rend(); ++it) {
    if (&(*it)->sql_ == &sql) return *it;
  }
  return nullptr;
}

StatementCache::Active::Active(StatementCache& cache) { active_caches.push_back(&cache); }

StatementCache::Active::~Active() { active_caches.pop_back(); }

soci::statement* StatementCache::borrow(std::string_view text) {
  auto found = entries_.find(text);
  if (found != entries_.end()) {
    if (found->second->lent) return nullptr;
    found->second->lent = true;
    return &found->second->statement;
  }
  if (entries_.size() >= kCapacity) return nullptr;
  auto entry = std::make_unique<Entry>(sql_);
  entry->statement.alloc();
  // A repeatable query: a named prepared statement on PostgreSQL.
  entry->statement.prepare(std::string(text), soci::details::st_repeatable_query);
  entry->lent = true;
  soci::statement* statement = &entry->statement;
  entries_.emplace(std::string(text), std::move(entry));
  return statement;
}

bool StatementCache::reset(soci::statement& statement) noexcept {
  try {
    // Deletes the into/use elements of this use (they point at the caller's variables).
    statement.bind_clean_up();
    if (sqlite_) {
      auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
      sqlite_api::sqlite3_reset(backend->stmt_);
      sqlite_api::sqlite3_clear_bindings(backend->stmt_);
      // SOCI remembers the column types it guessed from the first row it saw (for an
      // expression column without a declared type); forget them so that each use
      // describes its own result, as a freshly prepared statement would.
      backend->columns_.clear();
    } else {
      auto* backend = static_cast<soci::postgresql_statement_backend*>(statement.get_backend());
      backend->result_.reset();  // the last result set, held until the next execution
    }
    return true;
  } catch (...) {
    return false;
  }
}

void StatementCache::give_back(std::string_view text, bool failed) {
  auto found = entries_.find(text);
  if (found == entries_.end()) return;
  found->second->lent = false;
  if (reset(found->second->statement) && !failed) return;
  retired_.push_back(std::move(found->second));
  entries_.erase(found);
}

void StatementCache::drop_retired() { retired_.clear(); }

}  // namespace tafel::storage
