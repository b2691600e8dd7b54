// `tafel bench sharing`: decisions per size of agreement, timed one by one.
//
// A synthetic but realistic region (100 organisations of every sector, 5,000 persons,
// 10,000 consents, 10 tables, one agreement of 10, 100 or 1,000 rules plus an expired
// one) and 10,000 requests that mix every ground, permits and denies. Each decision
// is the production Policy::decide(), reasons included, timed with a steady clock.
// See docs/performance.md for the figures and how to reproduce them.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/bench_command.h"
#include "cli/command.h"
#include "core/sharing/policy.h"

namespace tafel::cli {
namespace {

using namespace tafel::sharing;
using Clock = std::chrono::steady_clock;

constexpr Timestamp kSecond = 1'000'000;
constexpr Timestamp kDay = 86'400 * kSecond;
constexpr Timestamp kYear2026 = 1'767'225'600 * kSecond;  // 2026-01-01T00:00:00Z

struct Workload {
  World world;
  std::vector<Request> requests;
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename E>
  E term() {
    return static_cast<E>(pick(term_count<E>()));
  }
  // A non-empty random subset, biased towards small sets.
  template <typename E>
  TermSet<E> terms(std::size_t max) {
    TermSet<E> s;
    const std::size_t n = 1 + pick(max);
    for (std::size_t i = 0; i < n; ++i) s.add(term<E>());
    return s;
  }
  CategorySet personal_categories(std::size_t max) {
    CategorySet s;
    const std::size_t n = 1 + pick(max);
    for (std::size_t i = 0; i < n; ++i) s.add(static_cast<Category>(1 + pick(term_count<Category>() - 1)));
    return s;
  }
  Category one_of(CategorySet set) {
    std::vector<Category> v;
    set.for_each([&](Category c) { v.push_back(c); });
    return v[pick(v.size())];
  }
  Purpose one_of(PurposeSet set) {
    std::vector<Purpose> v;
    set.for_each([&](Purpose p) { v.push_back(p); });
    return v[pick(v.size())];
  }
  CategorySet subset(CategorySet set) {
    CategorySet s;
    s.add(one_of(set));
    if (chance(0.5)) s.add(one_of(set));
    return s;
  }
  Timestamp time_in_2026() { return kYear2026 + static_cast<Timestamp>(pick(365)) * kDay + static_cast<Timestamp>(pick(86'400)) * kSecond; }

 private:
  std::mt19937_64 rng_;
};

Organisation make_org(std::size_t i) {
  const auto sector = static_cast<Sector>(i % term_count<Sector>());
  Organisation o{"org-" + std::to_string(i), sector, Secrecy::none, false, Mission::care};
  switch (sector) {
    case Sector::police:
    case Sector::prosecution: o.reporting_duty = true; o.mission = Mission::safety; break;
    case Sector::municipality: o.secrecy = Secrecy::discretion; o.reporting_duty = true; o.mission = Mission::both; break;
    case Sector::social_services: o.secrecy = Secrecy::professional; o.reporting_duty = true; break;
    case Sector::welfare:
    case Sector::street_work:
    case Sector::drug_care:
    case Sector::mental_health:
    case Sector::health: o.secrecy = Secrecy::professional; break;
    case Sector::youth_work:
    case Sector::housing:
    case Sector::education: o.secrecy = Secrecy::discretion; break;
    case Sector::other: break;
  }
  return o;
}

Workload make_workload(std::size_t rule_count, std::size_t consent_count, std::size_t request_count) {
  Generator g(42 + rule_count);
  Workload w;
  World& world = w.world;
  constexpr std::size_t kOrgs = 100, kSubjects = 5'000, kTables = 10;
  for (std::size_t i = 0; i < kOrgs; ++i) world.organisations.push_back(make_org(i));
  std::vector<OrgIndex> professionals;
  for (OrgIndex i = 0; i < kOrgs; ++i) {
    if (world.organisations[i].secrecy == Secrecy::professional) professionals.push_back(i);
  }
  for (std::size_t i = 0; i < kSubjects; ++i) {
    world.subjects.push_back({"p" + std::to_string(i), g.chance(0.2), g.chance(0.1)});
    for (int k = 0; k < 2; ++k) {
      world.relations.push_back({static_cast<SubjectIndex>(i), professionals[g.pick(professionals.size())]});
    }
  }
  for (std::size_t i = 0; i < kTables; ++i) {
    Table t{"t" + std::to_string(i), i % 5 == 4 ? TableBasis::agreement : TableBasis::decree, "Decree (bench)",
            i % 3 == 2 ? PurposeSet{Purpose::integrity, Purpose::public_order} : PurposeSet{Purpose::integrity},
            {}, 0};
    for (int k = 0; k < 12; ++k) t.members.push_back(static_cast<OrgIndex>(g.pick(kOrgs)));
    world.tables.push_back(std::move(t));
  }
  // The agreement under test: every organisation is a party.
  Agreement a{"a-region", AgreementStatus::in_force, kYear2026, kYear2026 + 365 * kDay, {}, {}, 0};
  for (OrgIndex i = 0; i < kOrgs; ++i) a.parties.push_back(i);
  auto org_ref = [](OrgIndex o) { return PartyRef{PartyRef::Kind::organisation, o, Sector::other, 0}; };
  auto sector_ref = [](Sector s) { return PartyRef{PartyRef::Kind::sector, 0, s, 0}; };
  const PartyRef any{PartyRef::Kind::any, 0, Sector::other, 0};
  for (std::size_t i = 0; i < rule_count; ++i) {
    Rule r;
    r.id = "r" + std::to_string(i);
    r.grounds = {Ground::agreement};
    r.purposes = g.terms<Purpose>(2);
    if (i == 0 || (rule_count >= 100 && i % 100 == 1)) {  // a few region-wide aggregate rules
      r.from = {any};
      r.to = {any};
      r.categories = {Category::aggregate};
    } else if (i % 7 == 3) {  // sector to sector
      r.from = {sector_ref(g.term<Sector>())};
      r.to = {sector_ref(g.term<Sector>())};
      r.categories = g.personal_categories(3);
    } else {  // one organisation to one or two others
      r.from = {org_ref(static_cast<OrgIndex>(g.pick(kOrgs)))};
      r.to = {org_ref(static_cast<OrgIndex>(g.pick(kOrgs)))};
      if (g.chance(0.3)) r.to.push_back(org_ref(static_cast<OrgIndex>(g.pick(kOrgs))));
      r.categories = g.personal_categories(3);
    }
    r.effect = i % 25 == 24 ? Effect::forbid : Effect::permit;
    if (r.effect == Effect::permit && g.chance(0.3)) r.obligations = {"inform_person"};
    a.rules.push_back(std::move(r));
  }
  world.agreements.push_back(std::move(a));
  Agreement old{"a-2025", AgreementStatus::ended, kYear2026 - 365 * kDay, kYear2026, {}, {}, 0};
  for (OrgIndex i = 0; i < 20; ++i) old.parties.push_back(i * 5);
  world.agreements.push_back(std::move(old));
  for (std::size_t i = 0; i < consent_count; ++i) {
    Consent c;
    c.id = "c" + std::to_string(i);
    c.subject = static_cast<SubjectIndex>(g.pick(kSubjects));
    c.recorded_by = world.relations[c.subject * 2 + g.pick(2)].organisation;
    const std::size_t kind = g.pick(10);
    if (kind < 6) {
      c.recipients = {org_ref(static_cast<OrgIndex>(g.pick(kOrgs)))};
    } else if (kind < 9) {
      c.recipients = {sector_ref(g.term<Sector>())};
    } else {
      c.recipients = {any};
    }
    c.categories = g.personal_categories(4);
    c.purposes = g.terms<Purpose>(2);
    if (g.chance(0.5)) c.purposes.add(Purpose::care);
    c.given = kYear2026 - 90 * kDay + static_cast<Timestamp>(g.pick(300)) * kDay;
    c.expires = c.given + 180 * kDay;
    if (g.chance(0.1)) c.withdrawn = c.given + static_cast<Timestamp>(1 + g.pick(100)) * kDay;
    world.consents.push_back(std::move(c));
  }

  // Requests: a mix of every ground and of permits and denies.
  const Agreement& agreement = world.agreements[0];
  for (std::size_t i = 0; i < request_count; ++i) {
    Request r;
    r.at = g.time_in_2026();
    const std::size_t kind = g.pick(20);
    if (kind < 2) {  // aggregate, no person: not_personal
      r.actor = static_cast<OrgIndex>(g.pick(kOrgs));
      r.recipient = static_cast<OrgIndex>(g.pick(kOrgs));
      r.categories = {Category::aggregate};
      r.purpose = g.term<Purpose>();
    } else if (kind < 7 && !world.consents.empty()) {  // within a consent: consent or shared_secrecy
      const Consent& c = world.consents[g.pick(world.consents.size())];
      r.actor = c.recorded_by;
      r.subject = c.subject;
      const PartyRef& to = c.recipients.front();
      r.recipient = to.kind == PartyRef::Kind::organisation ? to.organisation
                    : to.kind == PartyRef::Kind::sector    ? static_cast<OrgIndex>(static_cast<std::size_t>(to.sector))
                                                           : static_cast<OrgIndex>(g.pick(kOrgs));
      r.categories = g.subset(c.categories);
      r.purpose = g.one_of(c.purposes);
    } else if (kind < 12) {  // along an agreement rule
      const Rule& rule = agreement.rules[g.pick(agreement.rules.size())];
      auto resolve = [&](const PartyRef& p) {
        return p.kind == PartyRef::Kind::organisation ? p.organisation
               : p.kind == PartyRef::Kind::sector     ? static_cast<OrgIndex>(static_cast<std::size_t>(p.sector))
                                                      : static_cast<OrgIndex>(g.pick(kOrgs));
      };
      r.actor = resolve(rule.from.front());
      r.recipient = resolve(rule.to.front());
      if (!(rule.categories == CategorySet{Category::aggregate})) r.subject = static_cast<SubjectIndex>(g.pick(kSubjects));
      r.categories = g.subset(rule.categories);
      r.purpose = g.one_of(rule.purposes);
    } else if (kind < 15) {  // in a meeting of a table: case_consultation
      const auto t = static_cast<TableIndex>(g.pick(world.tables.size()));
      const auto& members = world.tables[t].members;
      r.actor = members[g.pick(members.size())];
      r.recipient = members[g.pick(members.size())];
      r.subject = static_cast<SubjectIndex>(g.pick(kSubjects));
      r.categories = g.personal_categories(3);
      r.purpose = g.chance(0.8) ? Purpose::integrity : g.term<Purpose>();
      r.context = Context{t, g.chance(0.9), {r.actor, r.recipient}};
    } else if (kind < 16) {  // claimed art. 458bis or necessity
      r.actor = static_cast<OrgIndex>(g.pick(kOrgs));
      r.recipient = static_cast<OrgIndex>(g.chance(0.5) ? 1 + 13 * g.pick(7) : g.pick(kOrgs));
      r.subject = static_cast<SubjectIndex>(g.pick(kSubjects));
      r.categories = g.personal_categories(2);
      r.purpose = Purpose::integrity;
      r.ground = g.chance(0.5) ? Ground::art_458bis : Ground::necessity;
      r.justification = {Danger::serious_imminent, g.chance(0.8), "life", g.chance(0.8)};
    } else {  // anything: mostly denies with several reasons
      r.actor = static_cast<OrgIndex>(g.pick(kOrgs));
      r.recipient = static_cast<OrgIndex>(g.pick(kOrgs));
      r.subject = static_cast<SubjectIndex>(g.pick(kSubjects));
      r.categories = g.personal_categories(3);
      r.purpose = g.term<Purpose>();
      if (g.chance(0.2)) r.origin = Origin{Ground::case_consultation, static_cast<TableIndex>(g.pick(kTables))};
    }
    w.requests.push_back(std::move(r));
  }
  return w;
}

struct SizeResult {
  std::size_t rules = 0;
  std::size_t consents = 0;
  std::size_t decisions = 0;
  double permit_share = 0;
  std::int64_t median_ns = 0;
  std::int64_t p99_ns = 0;
  std::int64_t p999_ns = 0;
  double compile_ms = 0;
  std::array<std::size_t, term_count<Ground>()> permits_by_ground{};
};

std::int64_t percentile(const std::vector<std::int64_t>& sorted, double q) {
  const auto index = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1));
  return sorted[index];
}

SizeResult run_size(std::size_t rules, std::size_t consents, std::size_t rounds) {
  Workload w = make_workload(rules, consents, 10'000);
  const auto c0 = Clock::now();
  auto policy = Policy::compile(std::move(w.world));
  const auto c1 = Clock::now();
  if (!policy) throw std::runtime_error(policy.error().message);
  SizeResult out;
  out.rules = rules;
  out.consents = consents;
  out.compile_ms = std::chrono::duration<double, std::milli>(c1 - c0).count();
  // Warm up caches and branch predictors on one pass.
  std::size_t sink = 0;
  for (const Request& r : w.requests) sink += policy->decide(r).permit;
  std::vector<std::int64_t> samples;
  samples.reserve(rounds * w.requests.size());
  std::size_t permits = 0;
  for (std::size_t round = 0; round < rounds; ++round) {
    for (const Request& r : w.requests) {
      const auto t0 = Clock::now();
      const Decision d = policy->decide(r);
      const auto t1 = Clock::now();
      samples.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
      if (d.permit) {
        ++permits;
        ++out.permits_by_ground[static_cast<std::size_t>(*d.ground)];
      }
      sink += d.reasons().size();
    }
  }
  std::sort(samples.begin(), samples.end());
  out.decisions = samples.size();
  out.permit_share = static_cast<double>(permits) / static_cast<double>(samples.size());
  out.median_ns = percentile(samples, 0.5);
  out.p99_ns = percentile(samples, 0.99);
  out.p999_ns = percentile(samples, 0.999);
  if (sink == 0) std::cerr << "";  // keeps the decisions observable
  return out;
}

std::int64_t timer_overhead_ns() {
  std::vector<std::int64_t> samples(100'000);
  for (auto& s : samples) {
    const auto t0 = Clock::now();
    const auto t1 = Clock::now();
    s = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

// Writes the agreement rules and requests of a workload for bench/sharing/casbin-compare.mjs:
// the part of the model casbin can express (rules with sector and * matching, forbid
// overriding permit); one category per request.
void export_casbin(const std::filesystem::path& dir, std::size_t rules, std::size_t consents) {
  // The same seed as the timed run: the same rules and requests.
  Workload w = make_workload(rules, consents, 10'000);
  std::filesystem::create_directories(dir);
  std::ofstream policy(dir / ("policy-" + std::to_string(rules) + ".csv"));
  const World& world = w.world;
  auto ref = [&](const PartyRef& p) {
    switch (p.kind) {
      case PartyRef::Kind::organisation: return world.organisations[p.organisation].id;
      case PartyRef::Kind::sector: return "sector:" + std::string(name_of(p.sector));
      case PartyRef::Kind::any: return std::string("*");
    }
    return std::string();
  };
  for (const Organisation& o : world.organisations) {
    policy << "g, " << o.id << ", sector:" << name_of(o.sector) << "\n";
    policy << "g, " << o.id << ", *\n";
  }
  const Agreement& a = world.agreements[0];
  for (const Rule& r : a.rules) {
    for (const PartyRef& f : r.from) {
      for (const PartyRef& t : r.to) {
        r.categories.for_each([&](Category c) {
          r.purposes.for_each([&](Purpose p) {
            policy << "p, " << ref(f) << ", " << ref(t) << ", " << name_of(c) << ", " << name_of(p) << ", "
                   << (r.effect == Effect::permit ? "allow" : "deny") << "\n";
          });
        });
      }
    }
  }
  std::ofstream requests(dir / ("requests-" + std::to_string(rules) + ".csv"));
  for (const Request& r : w.requests) {
    CategorySet first;
    Category category = Category::aggregate;
    r.categories.for_each([&](Category c) {
      if (first.empty()) {
        first.add(c);
        category = c;
      }
    });
    requests << world.organisations[r.actor].id << "," << world.organisations[r.recipient].id << ","
             << name_of(category) << "," << name_of(r.purpose) << "\n";
  }
}

int run_sharing(bool json, std::size_t rounds, const std::string& casbin_dir) {
  const std::size_t kConsents = 10'000;
  const std::int64_t overhead = timer_overhead_ns();
  std::vector<SizeResult> results;
  for (std::size_t rules : {std::size_t{10}, std::size_t{100}, std::size_t{1'000}}) {
    results.push_back(run_size(rules, kConsents, rounds));
    if (!casbin_dir.empty()) export_casbin(casbin_dir, rules, kConsents);
  }
  if (json) {
    boost::json::array sizes;
    for (const SizeResult& r : results) {
      boost::json::object grounds;
      for (std::size_t g = 0; g < r.permits_by_ground.size(); ++g) {
        grounds[std::string(Terms<Ground>::names[g])] = r.permits_by_ground[g];
      }
      sizes.push_back(boost::json::object{{"rules", r.rules},
                                          {"consents", r.consents},
                                          {"decisions", r.decisions},
                                          {"permit_share", r.permit_share},
                                          {"permits_by_ground", grounds},
                                          {"median_ns", r.median_ns},
                                          {"p99_ns", r.p99_ns},
                                          {"p999_ns", r.p999_ns},
                                          {"compile_ms", r.compile_ms}});
    }
    std::cout << boost::json::serialize(boost::json::object{{"benchmark", "sharing"},
                                                            {"timer_overhead_ns", overhead},
                                                            {"sizes", sizes}})
              << "\n";
    return 0;
  }
  std::cout << "sharing decisions, timed one by one (steady clock overhead ~" << overhead
            << " ns, included)\n";
  std::cout << "rules  consents  decisions  permits  median ns  p99 ns  p99.9 ns  compile ms\n";
  for (const SizeResult& r : results) {
    std::printf("%5zu  %8zu  %9zu  %6.1f%%  %9lld  %6lld  %8lld  %10.1f\n", r.rules, r.consents, r.decisions,
                100.0 * r.permit_share, static_cast<long long>(r.median_ns), static_cast<long long>(r.p99_ns),
                static_cast<long long>(r.p999_ns), r.compile_ms);
  }
  std::cout << "permits by ground (1,000 rules):";
  for (std::size_t g = 0; g < results.back().permits_by_ground.size(); ++g) {
    std::cout << " " << Terms<Ground>::names[g] << "=" << results.back().permits_by_ground[g];
  }
  std::cout << "\n";
  return 0;
}

}  // namespace

CLI::App* bench_command(CLI::App& app) {
  const auto existing = app.get_subcommands([](const CLI::App* sub) { return sub->get_name() == "bench"; });
  if (!existing.empty()) return existing.front();
  CLI::App* bench = app.add_subcommand("bench", "Run a product-level benchmark (use a release build)");
  bench->require_subcommand(1);
  return bench;
}

void add_bench_command(CLI::App& app, Commands& commands) {
  struct Options {
    bool json = false;
    std::size_t rounds = 20;
    std::string casbin_dir;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sharing = bench_command(app)->add_subcommand(
      "sharing",
      "Time sharing decisions for agreements of 10, 100 and 1,000 rules with 10,000 consents:\n"
      "median and p99 ns per decision over a mix of every ground, permits and denies.");
  sharing->add_flag("--json", options->json, "Print one JSON object instead of a table");
  sharing->add_option("--rounds", options->rounds, "Passes over the 10,000 requests per size")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sharing->add_option("--casbin-dir", options->casbin_dir,
                      "Also write the equivalent casbin policy and requests here (bench/sharing/compare.sh)");
  sharing->callback([&commands, options] {
    commands.exit_code = run_sharing(options->json, options->rounds, options->casbin_dir);
  });
  add_bench_world(app, commands);
  add_bench_data(app, commands);
  add_bench_search(app, commands);
  add_bench_index(app, commands);
}

}  // namespace tafel::cli
