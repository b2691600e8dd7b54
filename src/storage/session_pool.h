#pragma once
// SessionPool: at most `size` SOCI sessions, opened on first need and reused.
//
// soci::connection_pool is not used because it opens every session up front and
// keeps no statistics; this pool opens lazily (a tafel process with a big pool and
// little traffic holds few PostgreSQL connections), counts waits, and drops a
// session whose connection broke so that the next borrower gets a fresh one. Each
// session comes with its StatementCache, dropped with it.
//
// Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <soci/session.h>

#include "storage/database.h"
#include "storage/statement_cache.h"

namespace tafel::storage {

class SessionPool {
 public:
  // Opens a new session; throws (soci::soci_error) when it cannot.
  using Opener = std::function<std::unique_ptr<soci::session>()>;

  // `size` >= 1. `first` becomes the first idle session (open() checked it already).
  SessionPool(std::size_t size, Opener opener, std::unique_ptr<soci::session> first);
  ~SessionPool();
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  // A session with its prepared statements. Declared in this order so that the
  // statements are destroyed before their session.
  struct Pooled {
    explicit Pooled(std::unique_ptr<soci::session> opened)
        : session(std::move(opened)), statements(std::make_unique<StatementCache>(*session)) {}
    std::unique_ptr<soci::session> session;
    std::unique_ptr<StatementCache> statements;
  };

  // A borrowed session; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& session() { return *pooled_->session; }
    StatementCache& statements() { return *pooled_->statements; }
    // The session is broken: close it instead of returning it.
    void discard() { discard_ = true; }

   private:
    friend class SessionPool;
    Lease(SessionPool* pool, std::unique_ptr<Pooled> pooled) : pool_(pool), pooled_(std::move(pooled)) {}
    SessionPool* pool_;
    std::unique_ptr<Pooled> pooled_;
    bool discard_ = false;
  };

  // Borrows an idle session, opens one when fewer than `size` exist, or waits for
  // one to come back. Throws what the opener throws.
  Lease acquire();

  Database::PoolStats stats() const;

 private:
  void give_back(std::unique_ptr<Pooled> pooled, bool discard);

  const std::size_t size_;
  const Opener opener_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Pooled>> idle_;
  std::size_t open_ = 0;    // sessions that exist or are being opened
  std::size_t in_use_ = 0;
  std::uint64_t waits_ = 0;
};

}  // namespace tafel::storage
