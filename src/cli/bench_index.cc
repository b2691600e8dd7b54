// `tafel bench index`: the reference index's matching speed (issue 15, point 6;
// docs/performance.md "Reference index").
//
//  * dice_per_second_per_core: the popcount kernel (index::and_popcounts) scoring one
//    CLK against a block-sized set of 8,192 CLKs (1 MB, cache-resident, as in one
//    registration), on one thread, threshold test included; and, for comparison,
//    dice_per_second_from_memory over the whole population (memory-bound).
//  * register_ms_at_1m: registering one new identity against an index of --population
//    (1,000,000) encodings: encode it (HMAC-SHA256 of every q-gram, uncached), score it
//    against its blocks (ClkIndex::matches at the "possible" threshold) and add it; p50
//    and p99 of --registrations timings.
//  * bytes_per_signal: the in-memory index's bytes per encoding (ClkIndex::memory_bytes).
//
// The population is synthetic (Belgian given and family names, births 1925-2024,
// places), seeded; building it caches each q-gram's digest, which the timed
// registrations do not.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json.hpp>

#include "cli/bench_command.h"
#include "cli/command.h"
#include "core/index/clk_index.h"
#include "core/index/dice.h"
#include "core/index/match.h"
#include "storage/audit_crypto.h"
#include "storage/index/hmac_keyed_hash.h"

namespace tafel::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct BenchIndexOptions {
  bool json = false;
  long population = 1'000'000;
  int registrations = 1'000;
};

const char* const kGiven[] = {"Jan", "Pieter", "Lucas", "Louis", "Noah", "Liam", "Arthur", "Jules", "Victor",
                              "Mohamed", "Adam", "Elias", "Wout", "Jef", "Koen", "Bart", "Dirk", "Luc", "Jean",
                              "Pierre", "Olivier", "Thomas", "Nicolas", "Maxime", "Jérôme", "Frédéric", "Emma",
                              "Marie", "Louise", "Olivia", "Elena", "Mila", "Noor", "Fatima", "Sofie", "An", "Els",
                              "Katrien", "Lotte", "Julie", "Camille", "Chloé", "Zoë", "Léa", "Inès", "Hélène",
                              "Jean-Luc", "Marie-Claire", "Anne-Sophie", "Ahmed", "Youssef", "Hanne", "Ruben"};
const char* const kFamily[] = {"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
                               "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Van den Bossche",
                               "Van der Linden", "De Backer", "Vermeulen", "D'Hondt", "Le Roy", "El Idrissi",
                               "Nowak", "Lefèvre", "Leclercq", "François", "Hermans", "Van Damme", "Vandenberghe",
                               "Verstraete", "Michiels", "De Vos", "Van de Velde", "Pauwels", "Lemaire", "Renard",
                               "Simon", "Laurent", "Dumont", "Geerts", "Smets", "Verhoeven", "Cools", "Stevens",
                               "Bogaerts", "Segers", "De Clercq", "Baert", "Coppens", "Nguyen", "Benali", "Wuyts"};
const char* const kPlaces[] = {"Brussel", "Antwerpen", "Gent", "Luik", "Charleroi", "Namen", "Bergen", "Leuven",
                               "Brugge", "Hasselt", "Mechelen", "Kortrijk", "Turnhout", "Aalst", "Oostende", "Genk"};

index::Identity random_identity(std::mt19937_64& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1925 + static_cast<int>(pick(100)),
                1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
  index::Identity id;
  id.given = kGiven[pick(std::size(kGiven))];
  id.family = kFamily[pick(std::size(kFamily))];
  if (pick(10) == 0) id.family += std::string("-") + kFamily[pick(std::size(kFamily))];
  id.birth_date = date;
  if (pick(5) != 0) id.place = kPlaces[pick(std::size(kPlaces))];
  return id;
}

// The production keyed hash with each message's digest remembered: a population of a
// million shares a few thousand q-grams.
class CachedKeyedHash final : public index::KeyedHash {
 public:
  explicit CachedKeyedHash(const index::KeyedHash& inner) : inner_(inner) {}
  index::Digest digest(std::string_view message) const override {
    auto [it, inserted] = cache_.try_emplace(std::string(message));
    if (inserted) it->second = inner_.digest(message);
    return it->second;
  }

 private:
  const index::KeyedHash& inner_;
  mutable std::unordered_map<std::string, index::Digest> cache_;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

int run_bench_index(const BenchIndexOptions& o) {
  if (o.population < 1000 || o.registrations < 1) {
    std::cerr << "tafel bench index: --population must be at least 1000 and --registrations at least 1\n";
    return 2;
  }
  const auto key = storage::AuditKey::generate().derive_key(storage::kReferenceIndexKeyPurpose);
  const storage::HmacKeyedHash hash(key);
  const CachedKeyedHash cached(hash);
  std::mt19937_64 rng(15);

  const auto build_start = SteadyClock::now();
  index::ClkIndex idx;
  idx.reserve(static_cast<std::size_t>(o.population) + static_cast<std::size_t>(o.registrations));
  std::vector<index::Clk> scan;  // the same CLKs, contiguous, for the kernel figure
  scan.reserve(static_cast<std::size_t>(o.population));
  for (long i = 0; i < o.population; ++i) {
    auto e = index::encode(random_identity(rng), cached);
    if (!e) continue;
    idx.add(*e);
    scan.push_back(e->clk);
  }
  const double build_s = std::chrono::duration<double>(SteadyClock::now() - build_start).count();
  const double bytes_per_signal = static_cast<double>(idx.memory_bytes()) / static_cast<double>(idx.size());

  // The kernel, two ways: over a block-sized set (8,192 CLKs, 1 MB, what one
  // registration scores: cache-resident, the per-core compute figure), and over the
  // whole population (128 MB from memory, bounded by memory bandwidth).
  const index::Thresholds thresholds;
  std::size_t above = 0;
  auto kernel_rate = [&](std::size_t set, int passes) {
    std::vector<std::uint32_t> ids(std::min(set, scan.size()));
    for (std::uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
    std::vector<std::uint16_t> common(ids.size());
    std::size_t compared = 0;
    const auto start = SteadyClock::now();
    for (int pass = 0; pass < passes; ++pass) {
      const index::Clk& query = scan[static_cast<std::size_t>(pass) * 7919 % scan.size()];
      const int own = index::popcount(query);
      index::and_popcounts(query, scan.data(), ids.data(), ids.size(), common.data());
      // The threshold test as ClkIndex makes it, without its popcount lookup.
      for (std::size_t i = 0; i < ids.size(); ++i) above += 2.0 * common[i] >= thresholds.possible * (own + 330);
      compared += ids.size();
    }
    return static_cast<double>(compared) / std::chrono::duration<double>(SteadyClock::now() - start).count();
  };
  const double dice_per_second = kernel_rate(8192, 4000);
  const double dice_per_second_memory = kernel_rate(scan.size(), 20);

  // Registrations: encode (uncached), match within the blocks, add.
  std::vector<double> register_ms;
  std::size_t candidates = 0, found = 0;
  for (int r = 0; r < o.registrations; ++r) {
    const index::Identity id = random_identity(rng);
    const auto start = SteadyClock::now();
    auto e = index::encode(id, hash);
    if (!e) continue;
    auto matches = idx.matches(*e, thresholds.possible);
    idx.add(*e);
    register_ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
    candidates += idx.last_compared();
    found += matches.size();
  }
  const double p50 = percentile(register_ms, 0.50), p99 = percentile(register_ms, 0.99);
  const double mean_candidates = static_cast<double>(candidates) / static_cast<double>(register_ms.size());

  if (o.json) {
    boost::json::object out;
    out["population"] = idx.size() - register_ms.size();
    out["dice_per_second_per_core"] = dice_per_second;
    out["dice_per_second_from_memory"] = dice_per_second_memory;
    out["kernel"] = index::kernel_name();
    out["register_ms_at_1m"] = boost::json::object{{"p50", p50}, {"p99", p99}};
    out["bytes_per_signal"] = bytes_per_signal;
    out["clk_bytes"] = sizeof(index::Clk);
    out["compared_per_registration"] = mean_candidates;
    out["build_seconds"] = build_s;
    std::cout << boost::json::serialize(out) << "\n";
  } else {
    std::printf("population %zu encodings (built in %.1f s), %.1f bytes per signal in memory (CLK %zu)\n",
                idx.size() - register_ms.size(), build_s, bytes_per_signal, sizeof(index::Clk));
    std::printf("kernel %s: %.1f M Dice comparisons per second on one core (%.1f M/s streaming the whole index "
                "from memory; %zu above %.2f)\n",
                index::kernel_name(), dice_per_second / 1e6, dice_per_second_memory / 1e6, above, thresholds.possible);
    std::printf("registration: p50 %.3f ms, p99 %.3f ms; %.0f encodings scored each; %zu matches found\n", p50, p99,
                mean_candidates, found);
  }
  return 0;
}

}  // namespace

void add_bench_index(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<BenchIndexOptions>();
  CLI::App* sub = bench_command(app)->add_subcommand(
      "index", "Reference index: Dice comparisons per second per core, registration time at 1,000,000 encodings "
               "(p50, p99) and bytes per signal (docs/performance.md)");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_option("--population", options->population, "Encodings in the index before the timed registrations")
      ->capture_default_str();
  sub->add_option("--registrations", options->registrations, "Timed registrations")->capture_default_str();
  sub->callback([options, &commands] { commands.exit_code = run_bench_index(*options); });
}

}  // namespace tafel::cli
