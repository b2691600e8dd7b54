#pragma once
// GroupCommitAppender: durable audit entries for reads and decisions at the cost of
// one transaction per batch instead of one per request.
//
// Requests call append(), which blocks. One background thread takes everything queued
// so far (up to max_batch), appends it through the AuditStore in one transaction and
// wakes each waiting request only after that commit, with its sequence number or the
// error. So a request that got an answer never loses its entry, and under load one
// fsync serves many requests.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "app/audit/audit_store.h"
#include "core/audit/entry.h"
#include "core/result.h"

namespace tafel::app::audit {

class GroupCommitAppender {
 public:
  struct Options {
    std::size_t max_batch = 2048;
    // How often the idle thread asks the store for a time-based checkpoint.
    std::chrono::milliseconds checkpoint_poll{1000};
  };

  // Starts the background thread. `store` must outlive this object.
  GroupCommitAppender(AuditStore& store, Options options);
  explicit GroupCommitAppender(AuditStore& store) : GroupCommitAppender(store, Options{}) {}

  // Commits what is queued, then stops the thread.
  ~GroupCommitAppender();
  GroupCommitAppender(const GroupCommitAppender&) = delete;
  GroupCommitAppender& operator=(const GroupCommitAppender&) = delete;

  // Appends `entry` durably and returns its sequence number. Blocks until the batch
  // holding it committed. Fails with "invalid_audit_entry" before queueing a bad
  // entry, with the store's error when the batch failed, and with "shutting_down"
  // after destruction began. Thread-safe.
  Result<std::uint64_t> append(core::audit::Entry entry);

  struct Stats {
    std::uint64_t batches = 0;
    std::uint64_t entries = 0;
    std::size_t largest_batch = 0;
  };
  Stats stats() const;

 private:
  struct Pending {
    core::audit::Entry entry;
    std::promise<Result<std::uint64_t>> done;
  };

  void run();

  AuditStore& store_;
  Options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;
};

}  // namespace tafel::app::audit
