#pragma once
// Metrics: request counters, latency histograms and gauges, rendered in the
// Prometheus text exposition format (version 0.0.4) for GET /metrics.
//
// Thread-safety: every member function may be called from any thread. Recording a
// request takes one of a few sharded locks chosen by the calling thread, so server
// threads practically never contend; gauges are plain atomics. render() merges the
// shards and is the only slow call.
//
// Labels come from a bounded set chosen by the server (route patterns, a normalised
// method, the status code), never from raw paths or queries: no personal data, and
// the number of series cannot be driven up by clients.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tafel::http {

class Metrics {
 public:
  // One sample produced by a collector (for example the database pool gauges).
  struct Sample {
    std::string name;  // a Prometheus metric name, "tafel_db_pool_in_use"
    std::string help;  // one line
    std::string type;  // "gauge" or "counter"
    double value = 0;
  };
  using Collector = std::function<std::vector<Sample>()>;

  // Upper bounds, in seconds, of the latency histogram buckets (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   5};

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one answered request and records its duration under its route pattern.
  void record_request(std::string_view route, std::string_view method, int status, double seconds);

  // Gauges maintained by the server.
  void connection_opened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const { return open_connections_.load(std::memory_order_relaxed); }
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // Adds a collector called on every render(). Call before the server starts; the
  // collector must be thread-safe and quick.
  void add_collector(Collector collector);

  // The total number of requests recorded for this route, method and status
  // (for tests and diagnostics).
  std::uint64_t request_count(std::string_view route, std::string_view method, int status) const;

  // Everything, in the Prometheus text format.
  std::string render() const;

 private:
  struct Shard;
  Shard& shard_for_this_thread();

  static constexpr std::size_t kShards = 8;
  std::array<std::unique_ptr<Shard>, kShards> shards_;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::int64_t> in_flight_{0};
  std::vector<Collector> collectors_;
};

}  // namespace tafel::http
