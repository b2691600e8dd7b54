#include "storage/session_pool.h"

#include <cassert>

#include <soci/soci.h>

namespace tafel::storage {

SessionPool::SessionPool(std::size_t size, Opener opener, std::unique_ptr<soci::session> first)
    : size_(size), opener_(std::move(opener)) {
  assert(size_ >= 1);
  if (first) {
    idle_.push_back(std::make_unique<Pooled>(std::move(first)));
    open_ = 1;
  }
}

SessionPool::~SessionPool() {
  std::lock_guard lock(mutex_);
  // Every lease must be back: a Database outliving its borrowers is a programmer error.
  assert(in_use_ == 0);
}

SessionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), pooled_(std::move(other.pooled_)), discard_(other.discard_) {
  other.pool_ = nullptr;
}

SessionPool::Lease::~Lease() {
  if (pool_ != nullptr && pooled_) pool_->give_back(std::move(pooled_), discard_);
}

SessionPool::Lease SessionPool::acquire() {
  std::unique_lock lock(mutex_);
  bool waited = false;
  while (idle_.empty() && open_ >= size_) {
    if (!waited) ++waits_;
    waited = true;
    returned_.wait(lock);
  }
  if (!idle_.empty()) {
    std::unique_ptr<Pooled> pooled = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    return Lease(this, std::move(pooled));
  }
  // Open outside the lock: connecting may take a while and other borrowers may
  // still take idle sessions meanwhile. The slot is reserved first.
  ++open_;
  ++in_use_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Pooled>(opener_()));
  } catch (...) {
    lock.lock();
    --open_;
    --in_use_;
    lock.unlock();
    returned_.notify_one();
    throw;
  }
}

void SessionPool::give_back(std::unique_ptr<Pooled> pooled, bool discard) {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (discard) {
      --open_;
    } else {
      idle_.push_back(std::move(pooled));
    }
  }
  // A discarded session is closed here, outside the lock.
  pooled.reset();
  returned_.notify_one();
}

Database::PoolStats SessionPool::stats() const {
  std::lock_guard lock(mutex_);
  Database::PoolStats stats;
  stats.size = size_;
  stats.in_use = in_use_;
  stats.waits = waits_;
  return stats;
}

}  // namespace tafel::storage
