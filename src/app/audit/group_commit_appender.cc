#include "app/audit/group_commit_appender.h"

#include <algorithm>
#include <vector>

namespace tafel::app::audit {

GroupCommitAppender::GroupCommitAppender(AuditStore& store, Options options)
    : store_(store), options_(options), thread_([this] { run(); }) {}

GroupCommitAppender::~GroupCommitAppender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<std::uint64_t> GroupCommitAppender::append(core::audit::Entry entry) {
  if (auto valid = core::audit::validate(entry); !valid) return tl::unexpected(valid.error());
  std::future<Result<std::uint64_t>> result;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return fail("shutting_down", "the audit log is shutting down");
    queue_.push_back(Pending{std::move(entry), {}});
    result = queue_.back().done.get_future();
  }
  wake_.notify_one();
  return result.get();
}

GroupCommitAppender::Stats GroupCommitAppender::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommitAppender::run() {
  std::vector<Pending> batch;
  std::vector<core::audit::Entry> entries;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      const bool woken = wake_.wait_for(lock, options_.checkpoint_poll, [this] { return stopping_ || !queue_.empty(); });
      if (!woken) {
        lock.unlock();
        // Idle: give time-based checkpoints a chance. A failure here is retried at
        // the next poll; entries stay durable regardless.
        (void)store_.checkpoint_if_due();
        continue;
      }
      if (queue_.empty() && stopping_) return;
      const std::size_t n = std::min(queue_.size(), options_.max_batch);
      batch.clear();
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    entries.clear();
    for (auto& p : batch) entries.push_back(p.entry);
    auto seqs = store_.append(entries);
    {
      std::lock_guard lock(mutex_);
      if (seqs) {
        ++stats_.batches;
        stats_.entries += batch.size();
        stats_.largest_batch = std::max(stats_.largest_batch, batch.size());
      }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (seqs) {
        batch[i].done.set_value((*seqs)[i]);
      } else {
        batch[i].done.set_value(tl::unexpected(seqs.error()));
      }
    }
  }
}

}  // namespace tafel::app::audit
