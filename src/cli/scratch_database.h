#pragma once
// A throw-away database for the benchmarks (`tafel bench data`, `tafel bench search`):
// a SQLite file in a fresh temporary directory, or a new database on the PostgreSQL
// server of a URL, migrated, and removed by the destructor unless kept.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"
#include "storage/database.h"

namespace tafel::cli {

class ScratchDatabase {
 public:
  // `server_url` empty: SQLite. `tag` makes the name unique with the clock (and names
  // the benchmark: "tafel-bench-<tag>-..." / "tafel_bench_<tag>_..."); `pool` is the
  // number of sessions; `keep`: the database stays and its URL is printed on stderr.
  static Result<std::unique_ptr<ScratchDatabase>> create(const std::string& server_url, const std::string& tag,
                                                         std::size_t pool, bool keep = false);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  storage::Database& database() { return *database_; }
  // The database's URL (for SQLite: the file's path).
  const std::string& url() const { return url_; }

 private:
  ScratchDatabase() = default;

  std::filesystem::path dir_;
  std::string url_, name_;
  bool keep_ = false;
  std::unique_ptr<storage::Database> admin_;
  std::unique_ptr<storage::Database> database_;
};

}  // namespace tafel::cli
