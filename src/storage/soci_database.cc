#include "storage/soci_database.h"

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/migrator.h"

namespace tafel::storage {
namespace {

// libpq prints NOTICEs ("relation ... already exists, skipping") to stderr by
// default; they are not errors and would clutter the CLI and the JSON log.
void ignore_notice(void*, const char*) {}

// Database::observe_statements: the observer new sessions report to.
std::mutex observer_mutex;
Database::StatementObserver statement_observer;

// Reports each statement a session prepares to a StatementObserver.
class ObservingLogger final : public soci::logger_impl {
 public:
  explicit ObservingLogger(Database::StatementObserver observer) : observer_(std::move(observer)) {}
  void start_query(const std::string& query) override { observer_(query); }

 private:
  logger_impl* do_clone() const override { return new ObservingLogger(observer_); }
  Database::StatementObserver observer_;
};

std::string sqlite_connect_string(const std::string& path) {
  // SOCI reads "key=value" pairs only when the string holds a '='; quote the path
  // then. A '"' cannot be quoted in SOCI's syntax, so open() rejects that case.
  if (path.find('=') == std::string::npos && path.find(' ') == std::string::npos) return path;
  return "db=\"" + path + "\"";
}

// True when the session is inside a transaction (which must be rolled back before
// the session can be reused).
bool in_transaction(soci::session& sql, Engine engine) {
  if (engine == Engine::sqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    return sqlite_api::sqlite3_get_autocommit(backend->conn_) == 0;
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return PQtransactionStatus(backend->conn_) != PQTRANS_IDLE;
}

// False when the connection is gone (server restarted, network): the session must
// be dropped rather than reused.
bool healthy(soci::session& sql, Engine engine) {
  if (engine == Engine::sqlite) return true;
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return PQstatus(backend->conn_) == CONNECTION_OK;
}

// Brings a session whose work failed back to a clean state; false when it cannot.
bool reset_after_failure(soci::session& sql, Engine engine) {
  try {
    if (!healthy(sql, engine)) return false;
    if (in_transaction(sql, engine)) sql << "ROLLBACK";
    return true;
  } catch (...) {
    return false;
  }
}

// Driver messages may quote data. PostgreSQL puts values in DETAIL ("Key (name)=(...)
// already exists", "Failing row contains (...)"), CONTEXT and QUERY lines, and after a
// colon in messages such as `invalid input syntax for type integer: "..."`. Drop
// those lines, mask a value quoted after a colon; identifiers ("person_pkey") stay.
std::string without_data(const std::string& message) {
  std::string kept;
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    line.erase(0, line.find_first_not_of(" \t"));
    start = end + 1;
    if (line.empty() || line.starts_with("DETAIL:") || line.starts_with("CONTEXT:") || line.starts_with("QUERY:") ||
        line.starts_with("LINE ") || line.starts_with("HINT:") || line.find_first_not_of(" ^") == std::string::npos) {
      continue;
    }
    if (!kept.empty()) kept += ' ';
    kept += line;
  }
  for (std::size_t pos = kept.find(": \""); pos != std::string::npos; pos = kept.find(": \"", pos + 1)) {
    std::size_t close = kept.find('"', pos + 3);
    if (close == std::string::npos) close = kept.size();
    kept.replace(pos + 3, close - (pos + 3), "***");
  }
  return kept;
}

}  // namespace

Result<std::unique_ptr<Database>> SociDatabase::open(const DatabaseUrl& url, std::size_t pool_size) {
  if (pool_size == 0) return fail("invalid_input", "the session pool needs at least one session");
  if (url.engine == Engine::sqlite) {
    if (url.sqlite_path.find('"') != std::string::npos &&
        (url.sqlite_path.find('=') != std::string::npos || url.sqlite_path.find(' ') != std::string::npos)) {
      return fail("database_unavailable", "unsupported SQLite file name (a '\"' together with '=' or a space)");
    }
    std::filesystem::path parent = std::filesystem::path(url.sqlite_path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return fail("database_unavailable",
                  "cannot create the directory of SQLite database " + url.display + ": " + ec.message());
    }
  }
  std::unique_ptr<SociDatabase> database(new SociDatabase(url));
  std::unique_ptr<soci::session> first;
  try {
    first = database->open_session();
  } catch (...) {
    Error error = database->describe(std::current_exception(), "database_unavailable");
    error.message = "cannot open database " + url.display + ": " + error.message;
    return tl::unexpected(error);
  }
  const SociDatabase* self = database.get();
  database->pool_ = std::make_unique<SessionPool>(
      pool_size, [self] { return self->open_session(); }, std::move(first));
  return std::unique_ptr<Database>(std::move(database));
}

void Database::observe_statements(StatementObserver observer) {
  std::lock_guard lock(observer_mutex);
  statement_observer = std::move(observer);
}

std::unique_ptr<soci::session> SociDatabase::open_session() const {
  auto sql = open_plain_session();
  std::lock_guard lock(observer_mutex);
  if (statement_observer) sql->set_logger(new ObservingLogger(statement_observer));
  return sql;
}

std::unique_ptr<soci::session> SociDatabase::open_plain_session() const {
  if (url_.engine == Engine::postgresql) {
    auto sql = std::make_unique<soci::session>(*soci::factory_postgresql(), url_.conninfo);
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql->get_backend());
    PQsetNoticeProcessor(backend->conn_, ignore_notice, nullptr);
    return sql;
  }
  auto sql = std::make_unique<soci::session>(*soci::factory_sqlite3(), sqlite_connect_string(url_.sqlite_path));
  // busy_timeout first: switching to WAL needs a lock another process may hold.
  *sql << "PRAGMA busy_timeout = " << url_.busy_timeout_ms;
  std::string journal_mode;
  *sql << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
  if (journal_mode != "wal") {
    throw soci::soci_error("the SQLite database cannot use write-ahead logging (journal mode " + journal_mode + ")");
  }
  *sql << "PRAGMA foreign_keys = ON";
  *sql << (url_.synchronous == SqliteSynchronous::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  return sql;
}

Error SociDatabase::describe(std::exception_ptr error, const std::string& code) const {
  std::string message;
  try {
    std::rethrow_exception(error);
  } catch (const soci::soci_error& e) {
    message = without_data(e.get_error_message());
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
    message = "unknown error";
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Error{code, scrub_secrets(std::move(message), url_.secrets)};
}

namespace {

// The transaction each thread has open, per database (a thread may hold one on each
// of several databases, e.g. in tests). Entries are pushed and popped by
// SociDatabase::transaction only.
struct OpenTransaction {
  const SociDatabase* database;
  soci::session* session;
  bool doomed;  // a nested call failed: roll back instead of committing
};
thread_local std::vector<OpenTransaction> open_transactions;

OpenTransaction* open_transaction_of(const SociDatabase* database) {
  for (auto& t : open_transactions) {
    if (t.database == database) return &t;
  }
  return nullptr;
}

// Thrown to roll back a transaction that a nested call doomed.
struct Doomed : std::runtime_error {
  Doomed() : std::runtime_error("a statement inside the transaction failed; the transaction was rolled back") {}
};

}  // namespace

soci::session* SociDatabase::current_transaction() const {
  const OpenTransaction* t = open_transaction_of(this);
  return t ? t->session : nullptr;
}

Result<void> SociDatabase::with_session(const std::function<void(soci::session&)>& work) {
  if (OpenTransaction* joined = open_transaction_of(this)) {
    try {
      work(*joined->session);
    } catch (...) {
      joined->doomed = true;
      return tl::unexpected(describe(std::current_exception(), "database_error"));
    }
    return {};
  }
  try {
    SessionPool::Lease lease = pool_->acquire();
    try {
      StatementCache::Active statements(lease.statements());
      work(lease.session());
    } catch (...) {
      if (!reset_after_failure(lease.session(), url_.engine)) {
        lease.discard();
      } else {
        lease.statements().drop_retired();
      }
      return tl::unexpected(describe(std::current_exception(), "database_error"));
    }
    if (!healthy(lease.session(), url_.engine)) lease.discard();
    // A statement can fail inside work that went on (a caught constraint violation).
    lease.statements().drop_retired();
  } catch (...) {
    // acquire() failed: no session could be opened.
    return tl::unexpected(describe(std::current_exception(), "database_unavailable"));
  }
  return {};
}

Result<void> SociDatabase::transaction(const std::function<void(soci::session&)>& work) {
  if (open_transaction_of(this)) return with_session(work);
  return with_session([&](soci::session& sql) {
    sql << (url_.engine == Engine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    open_transactions.push_back({this, &sql, false});
    struct Pop {
      ~Pop() { open_transactions.pop_back(); }
    } pop;
    // On an exception with_session rolls back (reset_after_failure).
    work(sql);
    if (open_transactions.back().doomed) throw Doomed();
    sql << "COMMIT";
  });
}

Result<void> SociDatabase::ping() {
  return with_session([](soci::session& sql) {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    if (one != 1) throw soci::soci_error("the database answered SELECT 1 with something else");
  });
}

Result<int> SociDatabase::migrate() { return apply_migrations(*this, builtin_migrations()); }

Result<int> SociDatabase::schema_version() {
  int version = 0;
  auto read = with_session([&](soci::session& sql) { version = read_schema_version(sql, url_.engine); });
  if (!read) return tl::unexpected(read.error());
  return version;
}

}  // namespace tafel::storage
