#include "core/care/forecast_queue.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

namespace tafel::care {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::uint64_t kBatches = 20;
constexpr double kStudentT975With17 = 2.110;  // two-sided 95 %, kBatches - 3 degrees of freedom

bool positive(double x) { return std::isfinite(x) && x > 0; }

std::string number(double x) {
  std::string text = std::to_string(x);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

double utilisation(const QueueRates& rates) {
  return rates.arrival_rate / (static_cast<double>(rates.servers) * rates.service_rate);
}

Result<void> check_rates(const QueueRates& rates) {
  if (!positive(rates.arrival_rate)) return fail("invalid_input", "the arrival rate must be a positive number");
  if (!positive(rates.service_rate)) return fail("invalid_input", "the service rate must be a positive number");
  if (rates.servers < 1 || rates.servers > 10000) {
    return fail("invalid_input", "the number of servers must be between 1 and 10000");
  }
  return {};
}

double erlang_c(int servers, double offered_load) {
  double b = 1;  // Erlang B with 0 servers
  for (int k = 1; k <= servers; ++k) b = offered_load * b / (k + offered_load * b);
  const double rho = offered_load / servers;
  return b / (1 - rho * (1 - b));
}

Result<double> mmc_mean_wait(const QueueRates& rates) {
  if (auto ok = check_rates(rates); !ok) return tl::unexpected(ok.error());
  const double rho = utilisation(rates);
  if (rho >= 1) {
    return fail("unstable", "utilisation λ/(cμ) = " + number(rho) +
                                " is not below 1: the queue grows without bound and has no steady-state wait");
  }
  const double c = rates.servers;
  return erlang_c(rates.servers, rates.arrival_rate / rates.service_rate) / (c * rates.service_rate - rates.arrival_rate);
}

QueueSimulation::QueueSimulation(const QueueRates& rates, ForecastRng& rng) : rates_(rates), rng_(rng) {
  assert(check_rates(rates));
  next_arrival_ = rng_.exponential(rates_.arrival_rate);
  departures_.reserve(static_cast<std::size_t>(rates_.servers));
}

double QueueSimulation::next_departure() const { return departures_.empty() ? kInfinity : departures_.front(); }

void QueueSimulation::pop_departure() {
  std::pop_heap(departures_.begin(), departures_.end(), std::greater<>());
  departures_.pop_back();
}

QueueSimulation::Waiting QueueSimulation::pop_queue() {
  const Waiting front = queue_[head_++];
  if (head_ == queue_.size()) {
    queue_.clear();
    head_ = 0;
  } else if (head_ >= 4096 && 2 * head_ >= queue_.size()) {
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  return front;
}

void QueueSimulation::start_service(double now) {
  departures_.push_back(now + rng_.exponential(rates_.service_rate));
  std::push_heap(departures_.begin(), departures_.end(), std::greater<>());
}

void QueueSimulation::preload(int in_service, int waiting) {
  const int busy = std::clamp(in_service, 0, rates_.servers);
  for (int i = 0; i < busy; ++i) start_service(0);
  for (int i = 0; i < waiting; ++i) {
    if (departures_.size() < static_cast<std::size_t>(rates_.servers)) {
      start_service(0);
    } else {
      queue_.push_back({0, -2});  // -2: preloaded, neither measured nor a probe
    }
  }
}

std::vector<QueueSimulation::Batch> QueueSimulation::customer_batches(std::uint64_t skip, std::uint64_t batches,
                                                                      std::uint64_t batch_size) {
  std::vector<Batch> sums(batches);
  const std::uint64_t target = skip + batches * batch_size;
  const std::size_t servers = static_cast<std::size_t>(rates_.servers);
  std::uint64_t arrived = 0;  // real customers who arrived
  std::uint64_t started = 0;  // real customers who started service: FIFO keeps the arrival order
  double last_arrival = now_;
  auto start = [&](double wait) {
    const double service = rng_.exponential(rates_.service_rate);
    departures_.push_back(now_ + service);
    std::push_heap(departures_.begin(), departures_.end(), std::greater<>());
    if (++started <= skip) return;
    Batch& batch = sums[(started - skip - 1) / batch_size];
    ++batch.customers;
    batch.wait += wait;
    batch.service += service;
    if (wait > 0) ++batch.waited;
  };
  while (started < target) {
    if (next_arrival_ < next_departure()) {
      const double previous = last_arrival;
      now_ = last_arrival = next_arrival_;
      next_arrival_ = now_ + rng_.exponential(rates_.arrival_rate);
      if (++arrived > skip && arrived <= target) {
        sums[(arrived - skip - 1) / batch_size].interarrival += now_ - previous;
      }
      if (departures_.size() < servers) {  // a free server: the queue is empty
        start(0);
      } else {
        queue_.push_back({now_, -1});
      }
    } else {
      now_ = next_departure();
      pop_departure();
      while (!queue_empty() && departures_.size() < servers) {
        const Waiting next = pop_queue();
        if (next.probe >= 0) continue;
        if (next.probe == -1) {
          start(now_ - next.since);
        } else {
          start_service(now_);
        }
      }
    }
  }
  return sums;
}

std::vector<double> QueueSimulation::probe_waits(const std::vector<double>& times) {
  std::vector<double> waits(times.size(), 0);
  if (times.empty()) return waits;
  const std::size_t servers = static_cast<std::size_t>(rates_.servers);
  const double last = times.back();
  std::size_t next_probe = 0, resolved = 0;
  while (resolved < times.size()) {
    const double arrival = next_arrival_ <= last ? next_arrival_ : kInfinity;
    const double probe = next_probe < times.size() ? times[next_probe] : kInfinity;
    const double departure = next_departure();
    if (departure <= probe && departure <= arrival && departure < kInfinity) {
      now_ = departure;
      pop_departure();
      while (!queue_empty() && departures_.size() < servers) {
        const Waiting next = pop_queue();
        if (next.probe >= 0) {
          waits[static_cast<std::size_t>(next.probe)] = now_ - next.since;
          ++resolved;
        } else {
          start_service(now_);
        }
      }
    } else if (probe <= arrival) {
      now_ = probe;
      if (departures_.size() < servers) {
        ++resolved;  // a free server: no wait
      } else {
        queue_.push_back({now_, static_cast<std::int64_t>(next_probe)});
      }
      ++next_probe;
    } else {
      now_ = arrival;
      next_arrival_ = now_ + rng_.exponential(rates_.arrival_rate);
      if (departures_.size() < servers) {
        start_service(now_);
      } else {
        queue_.push_back({now_, -1});
      }
    }
  }
  return waits;
}

std::uint64_t default_customers(double rho) {
  const double wanted = 10000.0 / ((1 - rho) * (1 - rho));
  return static_cast<std::uint64_t>(std::clamp(wanted, 400000.0, 5000000.0));
}

Result<MmcEstimate> simulate_mmc(const QueueRates& rates, ForecastRng& rng, std::uint64_t customers,
                                 std::uint64_t warmup) {
  auto analytic = mmc_mean_wait(rates);
  if (!analytic) return tl::unexpected(analytic.error());
  if (customers != 0 && (customers < 20 * kBatches || customers > 50000000)) {
    return fail("invalid_input", "the number of customers must be between 400 and 50000000");
  }
  MmcEstimate estimate;
  estimate.utilisation = utilisation(rates);
  estimate.analytic_mean_wait = *analytic;
  estimate.analytic_wait_probability = erlang_c(rates.servers, rates.arrival_rate / rates.service_rate);
  const std::uint64_t wanted = customers != 0 ? customers : default_customers(estimate.utilisation);
  const std::uint64_t batch_size = wanted / kBatches;
  estimate.customers = batch_size * kBatches;
  estimate.warmup = warmup != 0 ? warmup : estimate.customers / 10;

  QueueSimulation simulation(rates, rng);
  const auto batches = simulation.customer_batches(estimate.warmup, kBatches, batch_size);

  // Per batch: the mean wait y and the controls, the batch's mean service time and
  // mean interarrival time minus their known means. A batch whose customers happened
  // to need long services or to arrive close together waits longer; regressing y on
  // the controls and reading y where both are 0 removes that luck (control variates).
  double y[kBatches], x1[kBatches], x2[kBatches];
  double y_mean = 0, x1_mean = 0, x2_mean = 0, waited = 0;
  for (std::uint64_t b = 0; b < kBatches; ++b) {
    const double n = static_cast<double>(batches[b].customers);
    y[b] = batches[b].wait / n;
    x1[b] = batches[b].service / n - 1 / rates.service_rate;
    x2[b] = batches[b].interarrival / n - 1 / rates.arrival_rate;
    y_mean += y[b] / kBatches;
    x1_mean += x1[b] / kBatches;
    x2_mean += x2[b] / kBatches;
    waited += static_cast<double>(batches[b].waited);
  }
  estimate.plain_mean_wait = y_mean;
  estimate.wait_probability = waited / static_cast<double>(estimate.customers);

  double s11 = 0, s12 = 0, s22 = 0, s1y = 0, s2y = 0;
  for (std::uint64_t b = 0; b < kBatches; ++b) {
    const double d1 = x1[b] - x1_mean, d2 = x2[b] - x2_mean, dy = y[b] - y_mean;
    s11 += d1 * d1;
    s12 += d1 * d2;
    s22 += d2 * d2;
    s1y += d1 * dy;
    s2y += d2 * dy;
  }
  const double det = s11 * s22 - s12 * s12;
  double beta1 = 0, beta2 = 0;
  if (det > 0) {
    beta1 = (s22 * s1y - s12 * s2y) / det;
    beta2 = (s11 * s2y - s12 * s1y) / det;
  }
  estimate.mean_wait = y_mean - beta1 * x1_mean - beta2 * x2_mean;
  double residual = 0;
  for (std::uint64_t b = 0; b < kBatches; ++b) {
    const double r = (y[b] - y_mean) - beta1 * (x1[b] - x1_mean) - beta2 * (x2[b] - x2_mean);
    residual += r * r;
  }
  residual /= kBatches - 3;
  // Variance of the intercept: s² (1/B + x̄ᵀ S⁻¹ x̄) with S the centred cross-products.
  const double leverage =
      det > 0 ? (s22 * x1_mean * x1_mean - 2 * s12 * x1_mean * x2_mean + s11 * x2_mean * x2_mean) / det : 0;
  estimate.ci95_half_width = kStudentT975With17 * std::sqrt(residual * (1.0 / kBatches + leverage));
  return estimate;
}

}  // namespace tafel::care
