#pragma once
// The background run of the notification service in `tafel serve`: every
// `interval` it queues due reminders and delivers pending mail. Several servers may
// each run one (the queue is claimed row by row). Stops when destroyed or stop()ped,
// after the run in progress.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/notify/notification_service.h"

namespace tafel::app::notify {

// What one run did (for the log and `tafel notify run-once`).
struct RunReport {
  int reminders = 0;
  DeliveryReport mail;
};

// One run: reminders, then mail in batches of `batch` until the queue has nothing
// due or `keep_going` (when given) says no. Fails with the first store error.
Result<RunReport> run_once(NotificationService& service, const Clock& clock, std::size_t batch = 50,
                           const std::function<bool()>& keep_going = {});

class NotificationWorker {
 public:
  // Starts the thread; the first run happens at once. `on_run` receives every run's
  // outcome (may be empty). `service` and `clock` must outlive the worker.
  NotificationWorker(NotificationService& service, const Clock& clock, std::chrono::milliseconds interval,
                     std::function<void(const Result<RunReport>&)> on_run = {});
  ~NotificationWorker();
  NotificationWorker(const NotificationWorker&) = delete;
  NotificationWorker& operator=(const NotificationWorker&) = delete;

  // Asks the thread to stop and waits for it. Idempotent.
  void stop();

 private:
  void loop();

  NotificationService& service_;
  const Clock& clock_;
  std::chrono::milliseconds interval_;
  std::function<void(const Result<RunReport>&)> on_run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tafel::app::notify
