#include "http/metrics.h"

#include <functional>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

namespace tafel::http {
namespace {

// Heterogeneous lookup so that the hot path builds its key in a reused buffer and
// allocates only the first time a series appears.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Histogram {
  std::array<std::uint64_t, Metrics::kBuckets.size()> buckets{};  // non-cumulative
  std::uint64_t count = 0;
  double sum = 0;
};

constexpr char kSeparator = '\x1f';

// Label values escaped as the exposition format requires.
std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string format_double(double v) { return fmt::format("{}", v); }

}  // namespace

struct Metrics::Shard {
  std::mutex mutex;
  std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>> counts;
  std::unordered_map<std::string, Histogram, StringHash, std::equal_to<>> histograms;
};

Metrics::Metrics() {
  for (auto& shard : shards_) shard = std::make_unique<Shard>();
}

Metrics::~Metrics() = default;

Metrics::Shard& Metrics::shard_for_this_thread() {
  thread_local const std::size_t index = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return *shards_[index % kShards];
}

void Metrics::record_request(std::string_view route, std::string_view method, int status, double seconds) {
  thread_local std::string key;
  key.assign(route);
  key += kSeparator;
  key += method;
  key += kSeparator;
  fmt::format_to(std::back_inserter(key), "{}", status);

  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;

  Shard& shard = shard_for_this_thread();
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.counts.find(std::string_view(key)); it != shard.counts.end()) {
    ++it->second;
  } else {
    shard.counts.emplace(key, 1);
  }
  auto hist = shard.histograms.find(route);
  if (hist == shard.histograms.end()) hist = shard.histograms.emplace(std::string(route), Histogram{}).first;
  if (bucket < kBuckets.size()) ++hist->second.buckets[bucket];
  ++hist->second.count;
  hist->second.sum += seconds;
}

void Metrics::add_collector(Collector collector) { collectors_.push_back(std::move(collector)); }

std::uint64_t Metrics::request_count(std::string_view route, std::string_view method, int status) const {
  std::string key = fmt::format("{}{}{}{}{}", route, kSeparator, method, kSeparator, status);
  std::uint64_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    if (auto it = shard->counts.find(std::string_view(key)); it != shard->counts.end()) total += it->second;
  }
  return total;
}

std::string Metrics::render() const {
  // Merge the shards into sorted maps so the output is stable.
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> counts;
  std::map<std::string, Histogram> histograms;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    for (const auto& [key, n] : shard->counts) {
      std::size_t a = key.find(kSeparator);
      std::size_t b = key.find(kSeparator, a + 1);
      counts[{key.substr(0, a), key.substr(a + 1, b - a - 1), key.substr(b + 1)}] += n;
    }
    for (const auto& [route, h] : shard->histograms) {
      Histogram& merged = histograms[route];
      for (std::size_t i = 0; i < h.buckets.size(); ++i) merged.buckets[i] += h.buckets[i];
      merged.count += h.count;
      merged.sum += h.sum;
    }
  }

  std::string out;
  auto it = std::back_inserter(out);
  out += "# HELP tafel_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
  out += "# TYPE tafel_http_requests_total counter\n";
  for (const auto& [labels, n] : counts) {
    const auto& [route, method, status] = labels;
    fmt::format_to(it, "tafel_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                   escape_label(route), escape_label(method), status, n);
  }
  out += "# HELP tafel_http_request_duration_seconds Time from a complete request to its response, by route pattern.\n";
  out += "# TYPE tafel_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : histograms) {
    std::string label = escape_label(route);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      fmt::format_to(it, "tafel_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                     format_double(kBuckets[i]), cumulative);
    }
    fmt::format_to(it, "tafel_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, h.count);
    fmt::format_to(it, "tafel_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, format_double(h.sum));
    fmt::format_to(it, "tafel_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
  }
  out += "# HELP tafel_http_requests_in_flight Requests being handled right now.\n";
  out += "# TYPE tafel_http_requests_in_flight gauge\n";
  fmt::format_to(it, "tafel_http_requests_in_flight {}\n", in_flight());
  out += "# HELP tafel_http_open_connections Client connections open right now.\n";
  out += "# TYPE tafel_http_open_connections gauge\n";
  fmt::format_to(it, "tafel_http_open_connections {}\n", open_connections());
  for (const auto& collector : collectors_) {
    for (const auto& sample : collector()) {
      fmt::format_to(it, "# HELP {} {}\n# TYPE {} {}\n{} {}\n", sample.name, sample.help, sample.name, sample.type,
                     sample.name, format_double(sample.value));
    }
  }
  return out;
}

}  // namespace tafel::http
