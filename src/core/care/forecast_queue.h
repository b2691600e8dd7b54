#pragma once
// The queue behind the waiting-time forecast (issue 16, point 6; docs/care.md
// "Forecast"; docs/decisions/0027-referral-transitions-and-forecast.md): an M/M/c
// queue (Poisson arrivals at rate λ, exponential service at rate μ, c servers,
// first come first served), simulated event by event and, where it exists, its
// analytic steady state (Erlang C) beside it. Pure: the random numbers come from
// the caller's ForecastRng; times are in the rates' own unit (weeks, days...).

#include <cstdint>
#include <vector>

#include "core/care/forecast_rng.h"
#include "core/result.h"

namespace tafel::care {

// The rates of an M/M/c queue.
struct QueueRates {
  double arrival_rate = 0;  // λ, arrivals per time unit
  double service_rate = 0;  // μ, per server: 1 / mean service time
  int servers = 0;          // c
};

// λ / (c μ): the share of the servers' time that is busy in the long run.
double utilisation(const QueueRates& rates);

// "invalid_input" unless λ and μ are positive and finite and 1 <= c <= 10000.
Result<void> check_rates(const QueueRates& rates);

// The Erlang C probability that an arrival has to wait, for c servers and the offered
// load a = λ / μ < c (computed through the Erlang B recursion, stable for large c).
double erlang_c(int servers, double offered_load);

// The analytic steady-state mean wait in the queue (before service starts):
// C(c, a) / (c μ - λ). Fails as check_rates does, and with "unstable" when
// λ / (c μ) >= 1 (the queue then grows without bound: there is no steady state).
Result<double> mmc_mean_wait(const QueueRates& rates);

// A discrete-event simulation of the queue. The future-event list is the next arrival
// and a min-heap of the busy servers' departures; the earliest event is handled next.
// Probes are virtual arrivals that measure the wait someone arriving at that moment
// would have: a probe queues like anyone else and, when a server would take it, its
// wait is recorded and it leaves at once, so it changes nobody's wait.
class QueueSimulation {
 public:
  // `rates` must pass check_rates (asserted). The generator must outlive the simulation.
  QueueSimulation(const QueueRates& rates, ForecastRng& rng);

  // Starts at time 0 with `in_service` people in service (their remaining service is
  // exponential: the exponential has no memory) and `waiting` people in the queue.
  // in_service is capped at the number of servers; before any other call.
  void preload(int in_service, int waiting);

  // The sums over one batch of consecutive customers (by arrival).
  struct Batch {
    std::uint64_t customers = 0;
    std::uint64_t waited = 0;     // of them, how many found every server busy
    double wait = 0;              // their waits in the queue
    double service = 0;           // their service times
    double interarrival = 0;      // the time since the arrival before each of them
  };
  // Runs from an empty queue (or the preloaded one) until customer number
  // skip + batches × batch_size (by arrival, from 1) has started service, and returns
  // the sums of customers skip + 1 .. in `batches` batches of `batch_size`: the first
  // `skip` are the warm-up. Preloaded people are not counted.
  std::vector<Batch> customer_batches(std::uint64_t skip, std::uint64_t batches, std::uint64_t batch_size);

  // The waits of probes arriving at `times` (ascending, >= 0), in that order. Real
  // arrivals stop after the last probe: later arrivals cannot delay a probe (FIFO).
  std::vector<double> probe_waits(const std::vector<double>& times);

 private:
  struct Waiting {
    double since;
    std::int64_t probe;  // -1: a real customer, -2: preloaded; else the probe's index
  };
  void start_service(double now);
  double next_departure() const;
  void pop_departure();

  QueueRates rates_;
  ForecastRng& rng_;
  double now_ = 0;
  double next_arrival_;
  std::vector<double> departures_;  // min-heap of the busy servers' departure times
  bool queue_empty() const { return head_ == queue_.size(); }
  Waiting pop_queue();
  // The FIFO queue: queue_[head_ ..]. A vector with a moving head, cheaper than a
  // deque under the sanitizers the tests run with.
  std::vector<Waiting> queue_;
  std::size_t head_ = 0;
};

// A steady-state estimate of an M/M/c queue's mean wait.
struct MmcEstimate {
  double mean_wait = 0;           // simulated, with control variates (see simulate_mmc)
  double ci95_half_width = 0;     // of mean_wait: 20 batch means, Student t
  double plain_mean_wait = 0;     // the plain average of the measured customers' waits
  double wait_probability = 0;    // simulated share of customers who waited at all
  double analytic_mean_wait = 0;  // Erlang C
  double analytic_wait_probability = 0;
  double utilisation = 0;
  std::uint64_t customers = 0;  // measured
  std::uint64_t warmup = 0;     // simulated before measuring, not counted
};

// The default number of measured customers for utilisation `rho`: the variance of a
// queue's mean wait grows like 1 / (1 - rho)^2, so 10 000 / (1 - rho)^2, between
// 400 000 and 5 000 000. Warm-up is a tenth of it.
std::uint64_t default_customers(double rho);

// Simulates the queue from empty, discards `warmup` customers (0: customers / 10),
// then measures `customers` (0: default_customers; rounded down to 20 equal batches).
// The mean wait is corrected with two control variates whose true means are known,
// the batches' mean service and interarrival times (docs/care.md "Forecast"); the
// plain average is kept beside it. Fails as mmc_mean_wait does, and with
// "invalid_input" when customers is between 1 and 399 or above 50 000 000.
Result<MmcEstimate> simulate_mmc(const QueueRates& rates, ForecastRng& rng, std::uint64_t customers = 0,
                                 std::uint64_t warmup = 0);

}  // namespace tafel::care
