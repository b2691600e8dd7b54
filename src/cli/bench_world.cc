// `tafel bench world`: "May I share this?" decisions per second through
// DecisionService::ask on the demo city, with the world cached per generation
// (CachedSharingWorld, ADR 0015) and with the world rebuilt from the records at every
// decision (RecordSharingWorld), plus the cost of obtaining the world alone. A fresh
// SQLite database in a temporary directory; each ask is audited as in the server.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "app/decisions/directory_sharing_facts.h"
#include "app/decisions/record_sharing_world.h"
#include "cli/bench_command.h"
#include "cli/command.h"
#include "cli/demo_city.h"
#include "cli/runtime.h"
#include "crypto/sodium_crypto.h"
#include "storage/database.h"

namespace tafel::cli {
namespace {

struct BenchWorldOptions {
  double seconds = 3;
  int threads = 2;
  bool json = false;
};

// Calls `once` from `threads` threads for `seconds`; returns calls per second, or -1
// when a call failed.
template <typename F>
double per_second(int threads, double seconds, F&& once) {
  std::atomic<bool> stop{false}, failed{false};
  std::atomic<std::uint64_t> calls{0};
  std::vector<std::thread> workers;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      std::uint64_t mine = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        if (!once()) failed = true;
        ++mine;
      }
      calls += mine;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return failed ? -1 : static_cast<double>(calls.load()) / elapsed;
}

int run_bench_world(const BenchWorldOptions& options) {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tafel-bench-world-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir, ec);
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } cleanup{dir};
  auto opened = storage::Database::open((dir / "bench.db").string(), static_cast<std::size_t>(options.threads) + 2);
  if (!opened) {
    std::cerr << "tafel bench world: " << opened.error().message << "\n";
    return 1;
  }
  std::shared_ptr<storage::Database> database = std::move(*opened);
  if (auto migrated = database->migrate(); !migrated) {
    std::cerr << "tafel bench world: " << migrated.error().message << "\n";
    return 1;
  }
  auto runtime = Runtime::create(database, Runtime::Options{});
  if (!runtime) {
    std::cerr << "tafel bench world: " << runtime.error().message << "\n";
    return 1;
  }
  crypto::SodiumCrypto crypto;
  if (auto seeded = seed_demo_city(**runtime, crypto); !seeded) {
    std::cerr << "tafel bench world: " << seeded.error().message << "\n";
    return 1;
  }
  Runtime& rt = **runtime;
  auto orgs = rt.directory_store().list_organisations();
  if (!orgs || orgs->size() < 2) {
    std::cerr << "tafel bench world: the demo city has no organisations\n";
    return 1;
  }
  // The demo city's police zone asks about every other organisation in turn.
  const access::Principal asker{1, (*orgs)[0].id, access::Role::member, true};
  std::vector<std::int64_t> recipients;
  for (std::size_t i = 1; i < orgs->size(); ++i) recipients.push_back((*orgs)[i].id);
  std::atomic<std::size_t> next{0};
  auto question = [&] {
    app::decisions::Question q;
    q.recipient = recipients[next++ % recipients.size()];
    q.about = app::decisions::Question::About::person_without_case;
    q.categories = {sharing::Category::identity};
    q.purpose = sharing::Purpose::coordination;
    return q;
  };
  const app::audit::Origin origin{"bench", "127.0.0.1"};

  // The same service over a world rebuilt at every call: what every decision cost before.
  app::decisions::DirectorySharingFacts facts(rt.directory_store(), rt.agreement_store());
  app::cases::MemoryCaseDirectory cases;
  app::consents::MemoryConsentFacts consents;
  app::decisions::RecordSharingWorld record(facts, rt.table_store(), cases, consents);
  app::decisions::DecisionService uncached(record, cases, consents, rt.audit_trail(), rt.clock());

  const double world_cached =
      per_second(options.threads, options.seconds, [&] { return static_cast<bool>(rt.sharing_world().current()); });
  const double world_record =
      per_second(options.threads, options.seconds, [&] { return static_cast<bool>(record.current()); });
  const double ask_cached = per_second(options.threads, options.seconds, [&] {
    return static_cast<bool>(rt.decisions().ask(asker, question(), origin));
  });
  const double ask_record = per_second(options.threads, options.seconds, [&] {
    return static_cast<bool>(uncached.ask(asker, question(), origin));
  });
  if (world_cached < 0 || world_record < 0 || ask_cached < 0 || ask_record < 0) {
    std::cerr << "tafel bench world: a decision failed\n";
    return 1;
  }
  const unsigned cores = std::thread::hardware_concurrency();
  if (options.json) {
    std::cout << boost::json::serialize(boost::json::object{
                     {"benchmark", "world"},
                     {"threads", options.threads},
                     {"cores", cores},
                     {"world_per_s", {{"cached", world_cached}, {"record", world_record}}},
                     {"ask_per_s", {{"cached", ask_cached}, {"record", ask_record}}},
                     {"builds", rt.sharing_world().builds()}})
              << "\n";
    return 0;
  }
  std::printf("demo city, SQLite, %d threads, %u cores, %.0f s per figure\n", options.threads, cores,
              options.seconds);
  std::printf("                          cached/s   rebuilt/s   ratio\n");
  std::printf("world (current())      %11.0f %11.0f %7.1fx\n", world_cached, world_record, world_cached / world_record);
  std::printf("ask (audited decision) %11.0f %11.0f %7.1fx\n", ask_cached, ask_record, ask_cached / ask_record);
  std::printf("cached world builds: %llu\n", static_cast<unsigned long long>(rt.sharing_world().builds()));
  return 0;
}

}  // namespace

// Registers `tafel bench world` under the shared bench parent.
void add_bench_world(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<BenchWorldOptions>();
  CLI::App* sub = bench_command(app)->add_subcommand(
      "world", "\"May I share this?\" decisions/s on the demo city: the world cached per generation vs rebuilt "
               "from the records at every decision");
  sub->add_option("--seconds", options->seconds, "Duration of each measurement")->check(CLI::Range(0.1, 600.0));
  sub->add_option("--threads", options->threads, "Concurrent askers")->check(CLI::Range(1, 64));
  sub->add_flag("--json", options->json, "Print the figures as JSON");
  sub->callback([options, &commands] { commands.exit_code = run_bench_world(*options); });
}

}  // namespace tafel::cli
