#pragma once
// The query-plan check of issue 21 (point 3): which statements read a whole table
// that grows with use.
//
// StatementRecorder collects the text of every statement the sessions opened while it
// is alive prepare (storage::Database::observe_statements). full_scans() asks the
// engine for each recorded statement's plan — EXPLAIN QUERY PLAN on SQLite, EXPLAIN
// of a generic plan with sequential scans disabled on PostgreSQL (so that a tiny test
// table does not make the planner prefer a scan an index could avoid) — and returns
// the statements that read every row of a growing table and are not on the
// allow-list (kAllowedFullScans in query_plans.cc, each entry with its reason).
//
// A scan that stops after LIMIT rows in index order (no sort step) reads a page, not
// the table: it is not reported.

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace tafel::test_support {

class StatementRecorder {
 public:
  StatementRecorder();
  ~StatementRecorder();
  StatementRecorder(const StatementRecorder&) = delete;
  StatementRecorder& operator=(const StatementRecorder&) = delete;

  // The distinct data statements (SELECT, INSERT, UPDATE, DELETE, WITH) seen so far,
  // whitespace-normalised.
  std::set<std::string> statements() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string> statements_;
};

struct FullScan {
  std::string statement;
  std::string table;  // the table read whole
  std::string plan;   // the engine's plan, one step a line
};

// The full scans of growing tables in the plans of `statements` on `database`,
// allow-listed ones left out. Fails when a plan cannot be obtained.
Result<std::vector<FullScan>> full_scans(storage::Database& database, const std::set<std::string>& statements);

// The allow-list entries that matched no statement of `statements` (stale entries).
std::vector<std::string> unused_allowances(const std::set<std::string>& statements);

}  // namespace tafel::test_support
