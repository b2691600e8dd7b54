#pragma once
// PreparedStatement: one use of a statement prepared once per pooled session
// (StatementCache; docs/decisions/0023-prepared-statements-per-session.md).
//
// For the hot queries only: each distinct SQL text stays prepared on every session
// of the pool for the life of the session, so the text must be one of a small fixed
// set (no values, no lists of ids spliced in: bind them). Usage:
//
//   long long generation = 0;
//   PreparedStatement(sql, "SELECT generation FROM g WHERE id = 1").execute(soci::into(generation));
//
//   PreparedStatement(sql, "SELECT a, b FROM t WHERE c = :c")
//       .for_each_row([&](const soci::row& row) { ... }, soci::use(c));
//
// Semantics are those of `sql << text, bindings...` and of a rowset: an exception
// propagates (the statement is then retired, never reused). Outside the pool (a
// session the database did not lend, e.g. in the migrator) or when the cache cannot
// lend it, the statement is prepared for this one use.
//
// One object, one use: call execute() or for_each_row() once.
//
// Not thread-safe: like its session, used by one thread.

#include <cassert>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <soci/soci.h>

#include "storage/statement_cache.h"

namespace tafel::storage {

class PreparedStatement {
 public:
  // Borrows the statement for `text` from `sql`'s cache, preparing it on a miss.
  // Throws what SOCI's prepare throws.
  PreparedStatement(soci::session& sql, std::string_view text);
  ~PreparedStatement();
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;

  // Executes once with `bindings` (soci::use, soci::into; single values or vectors
  // for a bulk write) and returns whether a row was read into the intos.
  template <typename... Bindings>
  bool execute(Bindings&&... bindings) {
    return run([&](soci::statement& st) {
      (st.exchange(std::forward<Bindings>(bindings)), ...);
      st.define_and_bind();
      bool got = st.execute(true);
      affected_rows_ = st.get_affected_rows();
      return got;
    });
  }

  // Executes with `uses` (soci::use) and calls `each(const soci::row&)` for every
  // row of the result, in order.
  template <typename Each, typename... Uses>
  void for_each_row(Each&& each, Uses&&... uses) {
    run([&](soci::statement& st) {
      soci::row row;
      (st.exchange(std::forward<Uses>(uses)), ...);
      st.exchange(soci::into(row));
      st.define_and_bind();
      st.execute(false);
      while (st.fetch()) each(static_cast<const soci::row&>(row));
      return true;
    });
  }

  // As for_each_row, for a text whose placeholders vary with the caller's filters:
  // `bind(soci::statement&)` exchanges the uses (st.exchange(soci::use(...))).
  template <typename Each, typename Bind>
  void for_each_row_bound(Each&& each, Bind&& bind) {
    run([&](soci::statement& st) {
      soci::row row;
      bind(st);
      st.exchange(soci::into(row));
      st.define_and_bind();
      st.execute(false);
      while (st.fetch()) each(static_cast<const soci::row&>(row));
      return true;
    });
  }

  // The rows the last execute() changed (an INSERT, UPDATE or DELETE).
  long long affected_rows() const { return affected_rows_; }

 private:
  template <typename Work>
  bool run(Work&& work) {
    assert(!used_ && "a PreparedStatement is for one use");
    used_ = true;
    try {
      bool result = work(*statement_);
      done(false);
      return result;
    } catch (...) {
      done(true);
      throw;
    }
  }

  // After the use: a lent statement goes back unbound (retired when `failed`).
  void done(bool failed) noexcept;

  std::string text_;
  StatementCache* cache_ = nullptr;       // lent statement_, not given back yet
  std::unique_ptr<soci::statement> own_;  // or a statement for this use only
  soci::statement* statement_ = nullptr;
  bool used_ = false;
  long long affected_rows_ = 0;
};

}  // namespace tafel::storage
