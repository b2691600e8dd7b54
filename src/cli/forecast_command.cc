// `tafel forecast mmc|service`: the waiting-time forecast of issue 16, point 6
// (docs/care.md "Forecast"). `mmc` runs the simulator on a plain M/M/c queue beside
// its analytic mean wait (Erlang C); `service` answers a service's question from its
// inflow, places, mean stay and present waiting list.

#include <iostream>
#include <random>
#include <string>

#include <boost/json.hpp>

#include "cli/command.h"
#include "core/care/forecast.h"
#include "core/care/forecast_queue.h"

namespace tafel::cli {
namespace {

constexpr int kExitInvalid = 2;  // bad or impossible input (also ρ >= 1 for mmc)

// The seed given, or a fresh one from the system (printed, so a run can be repeated).
std::uint64_t seed_of(const CLI::App* sub, std::uint64_t given) {
  if (sub->count("--seed") > 0) return given;
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

int refuse(const Error& error, bool json) {
  std::cerr << "tafel forecast: " << error.message << "\n";
  if (json) std::cout << boost::json::serialize(boost::json::object{{"error", error.code}, {"message", error.message}}) << "\n";
  return kExitInvalid;
}

struct MmcOptions {
  double arrival_rate = 0, service_rate = 0;
  int servers = 0;
  std::uint64_t seed = 0, customers = 0, warmup = 0;
  bool json = false;
};

int run_mmc(const CLI::App* sub, const MmcOptions& o) {
  const care::QueueRates rates{o.arrival_rate, o.service_rate, o.servers};
  const std::uint64_t seed = seed_of(sub, o.seed);
  care::ForecastRng rng(seed);
  auto estimate = care::simulate_mmc(rates, rng, o.customers, o.warmup);
  if (!estimate) return refuse(estimate.error(), o.json);
  const auto& e = *estimate;
  if (o.json) {
    boost::json::object out{{"mean_wait", e.mean_wait},
                            {"ci95_half_width", e.ci95_half_width},
                            {"plain_mean_wait", e.plain_mean_wait},
                            {"analytic_mean_wait", e.analytic_mean_wait},
                            {"relative_difference", (e.mean_wait - e.analytic_mean_wait) / e.analytic_mean_wait},
                            {"wait_probability", e.wait_probability},
                            {"analytic_wait_probability", e.analytic_wait_probability},
                            {"utilisation", e.utilisation},
                            {"arrival_rate", rates.arrival_rate},
                            {"service_rate", rates.service_rate},
                            {"servers", rates.servers},
                            {"customers", e.customers},
                            {"warmup", e.warmup},
                            {"seed", seed}};
    std::cout << boost::json::serialize(out) << "\n";
  } else {
    std::cout << "M/M/" << rates.servers << ", utilisation " << e.utilisation << "\n"
              << "mean wait (simulated)  " << e.mean_wait << " ± " << e.ci95_half_width << " (95 %)\n"
              << "mean wait (Erlang C)   " << e.analytic_mean_wait << "\n"
              << "share who wait         " << e.wait_probability << " (Erlang C " << e.analytic_wait_probability << ")\n"
              << e.customers << " customers after a warm-up of " << e.warmup << ", seed " << seed << "\n";
  }
  return 0;
}

struct ServiceOptions {
  care::ServiceForecastInput input;
  std::uint64_t seed = 0;
  bool json = false;
};

boost::json::object scenario_json(const care::WaitForecast& f) {
  boost::json::array weeks;
  for (const auto& at : f.weeks) {
    weeks.push_back(boost::json::object{{"week", at.week},
                                        {"mean_wait_weeks", at.mean_wait_weeks},
                                        {"p10_wait_weeks", at.p10_wait_weeks},
                                        {"p50_wait_weeks", at.p50_wait_weeks},
                                        {"p90_wait_weeks", at.p90_wait_weeks}});
  }
  boost::json::object out{{"places", f.places},
                          {"utilisation", f.utilisation},
                          {"mean_wait_weeks", f.at_horizon().mean_wait_weeks},
                          {"p10_wait_weeks", f.at_horizon().p10_wait_weeks},
                          {"p90_wait_weeks", f.at_horizon().p90_wait_weeks},
                          {"weeks", std::move(weeks)}};
  if (f.steady_state_wait_weeks) {
    out["steady_state_wait_weeks"] = *f.steady_state_wait_weeks;
  } else {
    out["steady_state_wait_weeks"] = nullptr;
  }
  return out;
}

int run_service(const CLI::App* sub, const ServiceOptions& o) {
  const std::uint64_t seed = seed_of(sub, o.seed);
  care::ForecastRng rng(seed);
  auto forecast = care::forecast_service(o.input, rng);
  if (!forecast) return refuse(forecast.error(), o.json);
  if (o.json) {
    std::cout << boost::json::serialize(boost::json::object{{"horizon_weeks", o.input.horizon_weeks},
                                                            {"current", scenario_json(forecast->current)},
                                                            {"with_extra_places", scenario_json(forecast->with_extra_places)},
                                                            {"replications", o.input.replications},
                                                            {"seed", seed}})
              << "\n";
    return 0;
  }
  for (const care::WaitForecast* f : {&forecast->current, &forecast->with_extra_places}) {
    const auto& at = f->at_horizon();
    std::cout << f->places << " places (utilisation " << f->utilisation << "): in " << o.input.horizon_weeks
              << " weeks a referral waits " << at.mean_wait_weeks << " weeks on average (80 % between "
              << at.p10_wait_weeks << " and " << at.p90_wait_weeks << ")";
    if (f->steady_state_wait_weeks) {
      std::cout << "; in the long run " << *f->steady_state_wait_weeks << " weeks";
    } else {
      std::cout << "; the list keeps growing";
    }
    std::cout << "\n";
  }
  std::cout << o.input.replications << " replications, seed " << seed << "\n";
  return 0;
}

}  // namespace

void add_forecast_command(CLI::App& app, Commands& commands) {
  CLI::App* forecast = app.add_subcommand("forecast", "Waiting-time forecast by queueing simulation (docs/care.md)");
  forecast->require_subcommand(1);

  auto mmc = std::make_shared<MmcOptions>();
  CLI::App* m = forecast->add_subcommand(
      "mmc", "Simulate an M/M/c queue and print its mean wait beside Erlang C, in the rates' time unit");
  m->add_option("--arrival-rate", mmc->arrival_rate, "λ: arrivals per time unit (> 0)")->required();
  m->add_option("--service-rate", mmc->service_rate, "μ: services per time unit per server (> 0)")->required();
  m->add_option("--servers", mmc->servers, "c: number of servers (>= 1); λ/(cμ) must be below 1")->required();
  m->add_option("--seed", mmc->seed, "random seed (default: a fresh one, printed)");
  m->add_option("--customers", mmc->customers,
                "customers measured (default 10000/(1-ρ)², between 400000 and 5000000)");
  m->add_option("--warmup", mmc->warmup, "customers simulated before measuring (default a tenth of --customers)");
  m->add_flag("--json", mmc->json, "print one JSON object");
  m->callback([m, mmc, &commands] { commands.exit_code = run_mmc(m, *mmc); });

  auto service = std::make_shared<ServiceOptions>();
  CLI::App* s = forecast->add_subcommand(
      "service", "Expected wait of a service's waiting list at a horizon, and with extra places");
  s->add_option("--arrivals-per-week", service->input.arrivals_per_week, "referrals joining the list per week")
      ->required();
  s->add_option("--places", service->input.places, "places (people served at once)")->required();
  s->add_option("--mean-stay-weeks", service->input.mean_stay_weeks, "mean stay on a place, in weeks")->required();
  s->add_option("--waiting", service->input.waiting_now, "people on the waiting list now")->required();
  s->add_option("--occupied", service->input.occupied_now, "places taken now (default: all)");
  s->add_option("--horizon-weeks", service->input.horizon_weeks, "when to forecast, in weeks from now (default 13)");
  s->add_option("--extra-places", service->input.extra_places, "the what-if: places added (default 2)");
  s->add_option("--replications", service->input.replications, "independent runs (default 1000)");
  s->add_option("--seed", service->seed, "random seed (default: a fresh one, printed)");
  s->add_flag("--json", service->json, "print one JSON object");
  s->callback([s, service, &commands] { commands.exit_code = run_service(s, *service); });
}

}  // namespace tafel::cli
