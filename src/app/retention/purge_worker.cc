#include "app/retention/purge_worker.h"

namespace tafel::app::retention {

PurgeWorker::PurgeWorker(PurgeService& service, std::chrono::milliseconds interval,
                         std::function<void(const Result<PurgeReport>&)> on_run)
    : service_(service), interval_(interval), on_run_(std::move(on_run)) {
  thread_ = std::thread([this] { loop(); });
}

PurgeWorker::~PurgeWorker() { stop(); }

void PurgeWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PurgeWorker::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto outcome = service_.apply();
    if (on_run_) on_run_(outcome);
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace tafel::app::retention
