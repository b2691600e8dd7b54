#include "app/notify/notification_worker.h"

namespace tafel::app::notify {

Result<RunReport> run_once(NotificationService& service, const Clock& clock, std::size_t batch,
                           const std::function<bool()>& keep_going) {
  RunReport report;
  auto reminders = service.queue_due_reminders(clock.now());
  if (!reminders) return tl::unexpected(reminders.error());
  report.reminders = *reminders;
  // Batches until a batch comes back short: bounded, since every claimed mail
  // leaves the due set (sent, failed, or retried later).
  for (;;) {
    auto delivered = service.deliver_pending(batch);
    if (!delivered) return tl::unexpected(delivered.error());
    report.mail.sent += delivered->sent;
    report.mail.retried += delivered->retried;
    report.mail.failed += delivered->failed;
    report.mail.skipped += delivered->skipped;
    int handled = delivered->sent + delivered->retried + delivered->failed + delivered->skipped;
    if (handled < static_cast<int>(batch) || (keep_going && !keep_going())) break;
  }
  return report;
}

NotificationWorker::NotificationWorker(NotificationService& service, const Clock& clock,
                                       std::chrono::milliseconds interval,
                                       std::function<void(const Result<RunReport>&)> on_run)
    : service_(service), clock_(clock), interval_(interval), on_run_(std::move(on_run)) {
  thread_ = std::thread([this] { loop(); });
}

NotificationWorker::~NotificationWorker() { stop(); }

void NotificationWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationWorker::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto outcome = run_once(service_, clock_, 50, [this] {
      std::lock_guard guard(mutex_);
      return !stopping_;
    });
    if (on_run_) on_run_(outcome);
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace tafel::app::notify
