#pragma once
// StatementCache: the prepared statements of one pooled session, keyed by their SQL
// text (docs/decisions/0023-prepared-statements-per-session.md).
//
// SOCI prepares a statement (sqlite3_prepare_v2, a PostgreSQL parse) on every
// `sql << ...` and every rowset; the hot queries borrow a statement prepared once per
// session instead, through PreparedStatement (storage/prepared_statement.h), which is
// the only user of this class.
//
// Lifetime: owned by the session pool next to its session and destroyed before it,
// so a statement never outlives its connection; a session dropped by the pool drops
// its statements. A statement whose use failed is retired (never lent again) and
// destroyed by drop_retired(), which the database calls once the session is back in
// a clean state (after the ROLLBACK): on PostgreSQL destroying a statement sends a
// DEALLOCATE, which an aborted transaction would refuse.
//
// Thread-safety: none needed; a session, and so its cache, is used by one thread at a
// time. The thread that borrowed the session makes the cache findable from the
// session (Active, of()) for the duration of its work.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace soci {
class session;
class statement;
}  // namespace soci

namespace tafel::storage {

class StatementCache {
 public:
  // At most this many statements are kept per session; a text beyond them is
  // prepared for its one use, as without a cache.
  static constexpr std::size_t kCapacity = 64;

  explicit StatementCache(soci::session& sql);
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The cache of `sql` while this thread works with it through the database (inside
  // Database::with_session or transaction), nullptr otherwise (a session opened
  // outside the pool, e.g. by the migrator or a test).
  static StatementCache* of(soci::session& sql);

  // Makes of() find `cache` for its session on this thread while it lives. Nests.
  class Active {
   public:
    explicit Active(StatementCache& cache);
    ~Active();
    Active(const Active&) = delete;
    Active& operator=(const Active&) = delete;
  };

  // The statement prepared for `text`, prepared now when missing (throws what SOCI's
  // prepare throws; nothing is cached then). nullptr when the cache is full or the
  // statement is already lent (a nested use of the same text): the caller prepares
  // its own. A lent statement must be given back with give_back().
  soci::statement* borrow(std::string_view text);

  // Returns the statement borrow() lent for `text`, unbound and reset (on SQLite a
  // stepped statement would otherwise keep its read transaction, and its snapshot,
  // open). `failed`: its use threw; it is retired instead. Does not throw.
  void give_back(std::string_view text, bool failed);

  // Destroys the retired statements. Call only when the session is outside any
  // transaction (PostgreSQL refuses DEALLOCATE in an aborted one).
  void drop_retired();

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  // Brings a used statement back to "prepared, nothing bound"; false when it cannot.
  bool reset(soci::statement& statement) noexcept;

  soci::session& sql_;
  const bool sqlite_;
  std::unordered_map<std::string, std::unique_ptr<Entry>, Hash, std::equal_to<>> entries_;
  std::vector<std::unique_ptr<Entry>> retired_;
};

}  // namespace tafel::storage
