#pragma once
// The daily retention purge in `tafel serve` (the pattern of
// app/notify/notification_worker.h): a thread that runs PurgeService::apply at start
// and then every `interval` (a day in production). Several servers may each run one
// on the same database: the purge is idempotent and writes no second audit entry
// (app/retention/purge_service.h). Stops when destroyed or stop()ped, after the run in
// progress.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/retention/purge_service.h"

namespace tafel::app::retention {

inline constexpr std::chrono::hours kDailyPurge{24};

class PurgeWorker {
 public:
  // Starts the thread; the first run happens at once. `on_run` receives every run's
  // outcome (may be empty). `service` must outlive the worker.
  PurgeWorker(PurgeService& service, std::chrono::milliseconds interval,
              std::function<void(const Result<PurgeReport>&)> on_run = {});
  ~PurgeWorker();
  PurgeWorker(const PurgeWorker&) = delete;
  PurgeWorker& operator=(const PurgeWorker&) = delete;

  // Asks the thread to stop and waits for it. Idempotent.
  void stop();

 private:
  void loop();

  PurgeService& service_;
  std::chrono::milliseconds interval_;
  std::function<void(const Result<PurgeReport>&)> on_run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tafel::app::retention
