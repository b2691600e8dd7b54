// `tafel bench data`: the repository reads and writes a request uses, timed on a
// national-scale dataset (issue 21). Seeds, through the real SQL repositories and in
// bulk transactions, 3,000 organisations, 60,000 users, 50,000 contact points with
// deputies, 3,000 consultation tables with ten years of monthly meetings, 5,000,000
// audit entries and 200,000 situations ("full"), or a fraction of it ("small" 1 %,
// "middle" 10 %), then times each operation on random records: p50 and p95 in ms.
// A run at size X also runs "small" first, so every operation gets X.p95 / small.p95.
//
// SQLite: fresh files in a temporary directory. PostgreSQL (--postgresql URL): a
// fresh database per size on that server, dropped afterwards. See docs/performance.md.

#include <sys/utsname.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "app/clock.h"
#include "cli/bench_command.h"
#include "cli/scratch_database.h"
#include "cli/command.h"
#include "storage/accounts_store.h"
#include "storage/audit_crypto.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/directory_store.h"
#include "storage/situations/situation_store.h"
#include "storage/tables/table_store.h"

namespace tafel::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Returns the error of a failed Result<void> expression.
#define BENCH_TRY(expr)                                  \
  do {                                                   \
    if (auto r_ = (expr); !r_) return tl::unexpected(r_.error()); \
  } while (false)
namespace dir = tafel::directory;

struct BenchDataOptions {
  std::string size = "small";  // small, middle or full
  std::string postgresql;      // server URL; empty: SQLite
  bool json = false;
  int samples = 300;
};

// The full national dataset; a size is a fraction of it.
struct Counts {
  long organisations = 3'000, users = 60'000, contact_points = 50'000, tables = 3'000, audit = 5'000'000,
       situations = 200'000;
  int meetings_per_table = 120;  // ten years, monthly
};

// Seeded tables meet monthly from January 2016 (120 meetings); the last
// kPlannedMeetings are still planned at kBenchNow (a day before the first of
// them), whose local date is kBenchToday.
constexpr int kPlannedMeetings = 6;
constexpr std::int64_t kBenchNow =
    (1'451'606'400LL + static_cast<long long>(120 - kPlannedMeetings) * 2'629'800LL - 86'400LL) * 1'000'000LL;
constexpr const char* kBenchToday = "2025-07-01";

Counts scaled(double fraction) {
  Counts full;
  auto part = [&](long n) { return std::max(1L, static_cast<long>(static_cast<double>(n) * fraction)); };
  return {part(full.organisations), part(full.users),      part(full.contact_points),
          part(full.tables),        part(full.audit),      part(full.situations), full.meetings_per_table};
}

double fraction_of(const std::string& size) { return size == "full" ? 1.0 : size == "middle" ? 0.1 : 0.01; }

// The seeded records, to pick request targets from.
struct Seeded {
  std::vector<dir::OrganisationId> organisations;
  std::vector<access::UserId> users;
  std::vector<access::OrganisationId> user_organisation;
  std::vector<dir::ContactPointId> contact_points;
  std::vector<dir::AreaId> areas;
  std::vector<dir::TopicId> topics;
  std::vector<std::int64_t> tables, situations;
  double seconds = 0;
};

class Bench {
 public:
  Bench(storage::Database& db, const Counts& counts)
      : db_(db),
        counts_(counts),
        accounts_(db, clock_),
        directory_(db, clock_),
        tables_(db, clock_),
        situations_(db, clock_),
        audit_(db, storage::AuditKey::generate(), clock_, storage::AuditLog::Options{1'000'000'000, std::chrono::seconds{1'000'000}}) {}

  // Seeds every table in bulk transactions (a nested repository call joins the
  // transaction). Fails on the first error.
  Result<void> seed() {
    const auto start = SteadyClock::now();
    BENCH_TRY(seed_directory());
    BENCH_TRY(seed_tables());
    BENCH_TRY(seed_situations());
    BENCH_TRY(seed_audit());
    seeded_.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    return {};
  }

  // p50 and p95 in ms of every operation, `samples` calls each.
  Result<std::map<std::string, std::pair<double, double>>> measure(int samples) {
    std::map<std::string, std::pair<double, double>> out;
    std::string failure;
    auto time = [&](const std::string& name, const std::function<bool()>& once) {
      std::vector<double> ms;
      for (int i = 0; i < samples; ++i) {
        const auto t0 = SteadyClock::now();
        bool ok = once();
        ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
        if (!ok && failure.empty()) failure = name;
      }
      std::sort(ms.begin(), ms.end());
      auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
      out[name] = {at(0.50), at(0.95)};
    };
    const Seeded& s = seeded_;
    time("accounts.find_user", [&] { return static_cast<bool>(accounts_.find_user(pick(s.users))); });
    time("accounts.find_user_by_email", [&] {
      return static_cast<bool>(accounts_.find_user_by_email("user" + std::to_string(pick_index(s.users)) + "@bench.example"));
    });
    time("accounts.list_users", [&] { return static_cast<bool>(accounts_.list_users(pick(s.organisations))); });
    time("directory.find_organisation", [&] { return static_cast<bool>(directory_.find_organisation(pick(s.organisations))); });
    time("directory.find_contact_point", [&] { return static_cast<bool>(directory_.find_contact_point(pick(s.contact_points))); });
    time("directory.list_contact_points_of_organisation",
         [&] { return static_cast<bool>(directory_.list_contact_points(pick(s.organisations))); });
    time("directory.search_page", [&] {
      return static_cast<bool>(directory_.find_contact_points(pick(s.topics), {pick(s.areas)}, 0, 101));
    });
    time("directory.search_page_unfiltered", [&] {
      return static_cast<bool>(directory_.find_contact_points(std::nullopt, {}, pick(s.contact_points), 101));
    });
    time("directory.create_contact_point", [&] {
      std::size_t u = pick_index(s.users);
      dir::ContactPoint cp{0, s.user_organisation[u], pick(s.topics), pick(s.areas), s.users[u], {}, "", "", {"nl"}};
      auto id = directory_.create_contact_point(cp);
      if (id) created_.push_back(*id);
      return static_cast<bool>(id);
    });
    time("directory.update_contact_point", [&] {
      auto cp = directory_.find_contact_point(pick(s.contact_points));
      if (!cp || !*cp) return false;
      (*cp)->office_hours = "ma-vr 9-17";
      return static_cast<bool>(directory_.update_contact_point(**cp));
    });
    time("audit.append", [&] {
      core::audit::Entry e = audit_entry(pick_index(s.users));
      return static_cast<bool>(audit_.append(std::span<const core::audit::Entry>(&e, 1)));
    });
    time("audit.page_of_organisation", [&] {
      app::audit::AuditFilter f;
      f.organisation = std::to_string(pick(s.organisations));
      f.limit = 50;
      return static_cast<bool>(audit_.find(f));
    });
    time("audit.page_of_actor", [&] {
      app::audit::AuditFilter f;
      f.actor = std::to_string(pick(s.users));
      f.limit = 50;
      return static_cast<bool>(audit_.find(f));
    });
    time("audit.page_of_object", [&] {
      app::audit::AuditFilter f;
      f.object_type = "situation";
      f.object_id = std::to_string(pick(s.situations));
      f.limit = 50;
      return static_cast<bool>(audit_.find(f));
    });
    time("audit.newest_page", [&] {
      app::audit::AuditFilter f;
      f.limit = 50;
      return static_cast<bool>(audit_.find(f));
    });
    time("situations.find", [&] {
      auto found = situations_.find(pick(s.situations));
      return found && *found;
    });
    time("situations.list_of_organisation",
         [&] { return static_cast<bool>(situations_.list(pick(s.organisations), 0, 50)); });
    time("situations.update", [&] {
      auto found = situations_.find(pick(s.situations));
      if (!found || !*found) return false;
      (*found)->action_plan = "Plan " + std::to_string(pick_index(s.users));
      return static_cast<bool>(situations_.update(**found));
    });
    time("tables.find", [&] {
      auto found = tables_.find(pick(s.tables));
      return found && *found;
    });
    // What the /tables page reads: the heads of the organisation's tables, its
    // upcoming meetings, the user's open actions and the organisation's overdue ones.
    time("tables.list_of_organisation", [&] { return static_cast<bool>(tables_.heads(pick(s.organisations))); });
    // The platform admin's /tables: a page of 100 heads of every table in the
    // country, after a table picked at random (keyset on name and id).
    time("tables.page_of_every_table",
         [&] { return static_cast<bool>(tables_.heads_page(std::nullopt, pick(s.tables), 100)); });
    time("tables.upcoming_meetings_of_organisation", [&] {
      auto parts = tables::TableParts::of_meetings(tables::TableParts::Meetings::upcoming);
      parts.from_us = kBenchNow;
      parts.limit = 10;
      return static_cast<bool>(tables_.with_parts(pick(s.organisations), parts));
    });
    time("tables.open_actions_of_user", [&] {
      tables::TableParts parts;
      parts.open_actions = true;
      parts.action_owner_user = pick(s.users);
      return static_cast<bool>(tables_.with_parts(pick(s.organisations), parts));
    });
    time("tables.overdue_actions_of_organisation", [&] {
      tables::TableParts parts;
      parts.open_actions = true;
      std::int64_t org = pick(s.organisations);
      parts.action_owner_organisation = org;
      parts.due_before = kBenchToday;
      return static_cast<bool>(tables_.with_parts(org, parts));
    });
    time("tables.update_meeting", [&] {
      // A change to one meeting of a ten-year table: read whole, save.
      auto found = tables_.find(pick(s.tables));
      if (!found || !*found || (*found)->meetings.empty()) return false;
      auto& meeting = (*found)->meetings[pick_index(s.tables) % (*found)->meetings.size()];
      meeting.venue = "Zaal " + std::to_string(pick_index(s.users));
      return static_cast<bool>(tables_.update(std::move(**found)));
    });
    if (!failure.empty()) return fail("bench_failed", "operation " + failure + " failed");
    return out;
  }

  const Seeded& seeded() const { return seeded_; }

 private:
  std::size_t pick_index(const std::vector<std::int64_t>& v) {
    return std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng_);
  }
  std::int64_t pick(const std::vector<std::int64_t>& v) { return v[pick_index(v)]; }

  core::audit::Entry audit_entry(std::size_t user) {
    core::audit::Entry e;
    e.actor = std::to_string(seeded_.users[user]);
    e.organisation = std::to_string(seeded_.user_organisation[user]);
    e.action = core::audit::Action::view;
    e.object_type = "situation";
    e.object_id = std::to_string(pick(seeded_.situations));
    e.request_id = "bench";
    return e;
  }

  // Runs `count` calls of `one(i)` in transactions of `batch`.
  Result<void> in_batches(long count, long batch, const std::function<Result<void>(long)>& one) {
    for (long first = 0; first < count; first += batch) {
      std::optional<Error> failed;
      auto done = db_.transaction([&](soci::session&) {
        for (long i = first; i < std::min(count, first + batch); ++i) {
          auto r = one(i);
          if (!r) {
            failed = r.error();
            throw std::runtime_error(r.error().message);
          }
        }
      });
      if (failed) return tl::unexpected(*failed);
      if (!done) return tl::unexpected(done.error());
    }
    return {};
  }

  Result<void> seed_directory() {
    Seeded& s = seeded_;
    auto topics = directory_.list_topics();
    if (!topics) return tl::unexpected(topics.error());
    for (const auto& t : *topics) s.topics.push_back(t.id);
    // A municipality per 5 organisations (about 580 for the country), one district each.
    long municipalities = std::max(1L, counts_.organisations / 5);
    BENCH_TRY(in_batches(municipalities, 1000, [&](long i) -> Result<void> {
      auto m = directory_.create_area({0, dir::AreaKind::municipality, "Gemeente " + std::to_string(i), std::nullopt});
      if (!m) return tl::unexpected(m.error());
      auto d = directory_.create_area({0, dir::AreaKind::district, "Wijk " + std::to_string(i), *m});
      if (!d) return tl::unexpected(d.error());
      s.areas.push_back(*m);
      s.areas.push_back(*d);
      return {};
    }));
    const sharing::Sector sectors[] = {sharing::Sector::police, sharing::Sector::welfare, sharing::Sector::municipality,
                                       sharing::Sector::youth_work, sharing::Sector::social_services};
    BENCH_TRY(in_batches(counts_.organisations, 1000, [&](long i) -> Result<void> {
      dir::Organisation o;
      o.name = "Organisatie " + std::to_string(i);
      o.sector = sectors[i % 5];
      o.finality = "Wat we doen.";
      o.languages = {"nl"};
      o.areas = {s.areas[static_cast<std::size_t>((i / 5) * 2 % static_cast<long>(s.areas.size()))]};
      auto id = directory_.create_organisation(o);
      if (!id) return tl::unexpected(id.error());
      s.organisations.push_back(*id);
      return {};
    }));
    BENCH_TRY(in_batches(counts_.users, 5000, [&](long i) -> Result<void> {
      access::User u;
      u.organisation_id = s.organisations[static_cast<std::size_t>(i % static_cast<long>(s.organisations.size()))];
      u.email = "user" + std::to_string(i) + "@bench.example";
      u.display_name = "Gebruiker " + std::to_string(i);
      u.role = access::Role::member;
      auto id = accounts_.create_user(u, "x");
      if (!id) return tl::unexpected(id.error());
      s.users.push_back(*id);
      s.user_organisation.push_back(u.organisation_id);
      return {};
    }));
    // Contact points: the people are users of the organisation (users i, i + orgs, ...).
    const long orgs = static_cast<long>(s.organisations.size());
    const long users_per_org = std::max(1L, static_cast<long>(s.users.size()) / orgs);
    BENCH_TRY(in_batches(counts_.contact_points, 5000, [&](long i) -> Result<void> {
      long org = i % orgs;
      auto person = [&](long k) { return s.users[static_cast<std::size_t>(org + orgs * ((i / orgs + k) % users_per_org))]; };
      dir::ContactPoint cp{0, s.organisations[static_cast<std::size_t>(org)],
                           s.topics[static_cast<std::size_t>(i) % s.topics.size()],
                           s.areas[static_cast<std::size_t>(i) % s.areas.size()], person(0), {}, "ma-vr 9-17", "", {"nl"}};
      if (users_per_org > 1) cp.deputies.push_back(person(1));
      if (users_per_org > 2 && i % 2) cp.deputies.push_back(person(2));
      auto id = directory_.create_contact_point(cp);
      if (!id) return tl::unexpected(id.error());
      s.contact_points.push_back(*id);
      return {};
    }));
    return {};
  }

  Result<void> seed_tables() {
    Seeded& s = seeded_;
    const long orgs = static_cast<long>(s.organisations.size());
    return in_batches(counts_.tables, 100, [&](long i) -> Result<void> {
      tables::Table t;
      t.name = "Overleg " + std::to_string(i);
      for (long k = 0; k < 4; ++k) t.members.push_back(s.organisations[static_cast<std::size_t>((i + k * 7) % orgs)]);
      std::sort(t.members.begin(), t.members.end());
      t.members.erase(std::unique(t.members.begin(), t.members.end()), t.members.end());
      for (int m = 0; m < counts_.meetings_per_table; ++m) {
        tables::Meeting meeting;
        meeting.id = t.take_id();
        int year = 2016 + m / 12, month = 1 + m % 12;
        meeting.original_start = meeting.local_start = {year, month, 10, 14, 0};
        meeting.starts_at_us = (1'451'606'400LL + static_cast<long long>(m) * 2'629'800LL) * 1'000'000LL;
        meeting.ends_at_us = meeting.starts_at_us + 7'200'000'000LL;
        meeting.venue = "Stadhuis";
        // The last half year is still to come (kBenchNow): what reminders and
        // "upcoming" read.
        meeting.status = m >= counts_.meetings_per_table - kPlannedMeetings ? tables::MeetingStatus::planned
                                                                            : tables::MeetingStatus::closed;
        for (auto org : t.members) meeting.attendance.push_back({org, 0, tables::Presence::present});
        // Twenty agenda items a meeting and eight or nine actions: 2,400 items and
        // about 1,000 actions in ten years (issue 19, point 5).
        for (int k = 0; k < 20; ++k) {
          tables::AgendaItem item;
          item.id = t.take_id();
          item.title = "Agendapunt " + std::to_string(k + 1) + " over de buurtwerking";
          item.owner_organisation = t.members[static_cast<std::size_t>(k) % t.members.size()];
          meeting.agenda.push_back(std::move(item));
        }
        for (int k = 0; k < (m % 3 == 0 ? 9 : 8); ++k) {
          tables::ActionItem action;
          action.id = t.take_id();
          action.meeting_id = meeting.id;
          action.description = "Opvolgen punt " + std::to_string(k + 1);
          action.owner_organisation = t.members[static_cast<std::size_t>(k) % t.members.size()];
          action.owner_user = s.users[static_cast<std::size_t>(i * 7 + k) % s.users.size()];
          char due[32];
          std::snprintf(due, sizeof due, "%04d-%02d-28", year, month);
          action.due = due;
          // Most are long done; the latest year's stay open, some of them overdue.
          const bool recent = m >= counts_.meetings_per_table - 12;
          action.status = recent ? tables::ActionStatus::open : tables::ActionStatus::done;
          if (!recent) action.done_on = action.due;
          t.actions.push_back(std::move(action));
        }
        t.meetings.push_back(std::move(meeting));
      }
      auto saved = tables_.insert(std::move(t));
      if (!saved) return tl::unexpected(saved.error());
      s.tables.push_back(saved->id);
      return {};
    });
  }

  Result<void> seed_situations() {
    Seeded& s = seeded_;
    const long orgs = static_cast<long>(s.organisations.size());
    return in_batches(counts_.situations, 5000, [&](long i) -> Result<void> {
      situations::Situation x;
      x.title = "Overlast " + std::to_string(i);
      x.behaviour = "Samenscholing en lawaai 's avonds.";
      x.area = s.areas[static_cast<std::size_t>(i) % s.areas.size()];
      x.owner = s.organisations[static_cast<std::size_t>(i % orgs)];
      x.participants = {s.organisations[static_cast<std::size_t>((i + 1) % orgs)]};
      if (x.participants[0] == x.owner) x.participants.clear();
      auto saved = situations_.insert(std::move(x));
      if (!saved) return tl::unexpected(saved.error());
      s.situations.push_back(saved->id);
      return {};
    });
  }

  Result<void> seed_audit() {
    const long batch = 20'000;
    for (long first = 0; first < counts_.audit; first += batch) {
      std::vector<core::audit::Entry> entries;
      for (long i = first; i < std::min(counts_.audit, first + batch); ++i) {
        entries.push_back(audit_entry(static_cast<std::size_t>(i) % seeded_.users.size()));
      }
      auto done = audit_.append(entries);
      if (!done) return tl::unexpected(done.error());
    }
    return {};
  }

  storage::Database& db_;
  Counts counts_;
  app::SystemClock clock_;
  storage::SqlAccountStore accounts_;
  storage::SqlDirectoryStore directory_;
  storage::SqlTableStore tables_;
  storage::SqlSituationStore situations_;
  storage::AuditLog audit_;
  Seeded seeded_;
  std::vector<dir::ContactPointId> created_;
  std::mt19937_64 rng_{21};
};

struct SizeResult {
  std::string size;
  Counts counts;
  double seed_seconds = 0;
  std::map<std::string, std::pair<double, double>> ops;
};

Result<SizeResult> run_size(const BenchDataOptions& options, const std::string& size) {
  auto scratch = ScratchDatabase::create(options.postgresql, "data_" + size, 4);
  if (!scratch) return tl::unexpected(scratch.error());
  SizeResult result{size, scaled(fraction_of(size)), 0, {}};
  Bench bench((*scratch)->database(), result.counts);
  if (!options.json) std::fprintf(stderr, "seeding %s...\n", size.c_str());
  BENCH_TRY(bench.seed());
  result.seed_seconds = bench.seeded().seconds;
  if (!options.json) std::fprintf(stderr, "seeded %s in %.0f s; measuring\n", size.c_str(), result.seed_seconds);
  auto ops = bench.measure(options.samples);
  if (!ops) return tl::unexpected(ops.error());
  result.ops = std::move(*ops);
  return result;
}

std::string machine() {
  utsname u{};
  uname(&u);
  std::string cpu;
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.starts_with("model name")) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  return cpu + ", " + std::to_string(std::thread::hardware_concurrency()) + " threads, " + u.sysname + " " + u.release;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

int run_bench_data(const BenchDataOptions& options) {
  std::vector<std::string> sizes = {"small"};
  if (options.size != "small") sizes.push_back(options.size);
  std::vector<SizeResult> results;
  for (const auto& size : sizes) {
    auto r = run_size(options, size);
    if (!r) {
      std::cerr << "tafel bench data: " << r.error().message << "\n";
      return 1;
    }
    results.push_back(std::move(*r));
  }
  const std::string engine = options.postgresql.empty() ? "sqlite" : "postgresql";
  if (options.json) {
    boost::json::object ops;
    for (const auto& [name, small] : results.front().ops) {
      boost::json::object o;
      for (const auto& r : results) {
        const auto& [p50, p95] = r.ops.at(name);
        o[r.size] = {{"p50_ms", p50}, {"p95_ms", p95}};
      }
      if (results.size() > 1) o["ratio"] = results.back().ops.at(name).second / std::max(small.second, 1e-3);
      ops[name] = std::move(o);
    }
    boost::json::object sizes_json;
    for (const auto& r : results) {
      sizes_json[r.size] = {{"organisations", r.counts.organisations}, {"users", r.counts.users},
                            {"contact_points", r.counts.contact_points}, {"tables", r.counts.tables},
                            {"meetings_per_table", r.counts.meetings_per_table}, {"audit_entries", r.counts.audit},
                            {"situations", r.counts.situations}, {"seed_seconds", r.seed_seconds}};
    }
    std::cout << boost::json::serialize(boost::json::object{{"benchmark", "data"},
                                                            {"engine", engine},
                                                            {"machine", machine()},
                                                            {"load_average", load_average()},
                                                            {"samples", options.samples},
                                                            {"sizes", sizes_json},
                                                            {"operations", ops}})
              << "\n";
    return 0;
  }
  std::printf("%s, %s, load average %s, %d samples per operation\n", engine.c_str(), machine().c_str(),
              load_average().c_str(), options.samples);
  for (const auto& r : results) std::printf("%s seeded in %.0f s\n", r.size.c_str(), r.seed_seconds);
  std::printf("%-44s %10s %10s", "operation", "small p50", "small p95");
  if (results.size() > 1) std::printf(" %10s %10s %6s", (results.back().size + " p50").c_str(), (results.back().size + " p95").c_str(), "ratio");
  std::printf("\n");
  for (const auto& [name, small] : results.front().ops) {
    std::printf("%-44s %10.3f %10.3f", name.c_str(), small.first, small.second);
    if (results.size() > 1) {
      const auto& big = results.back().ops.at(name);
      std::printf(" %10.3f %10.3f %6.1f", big.first, big.second, big.second / std::max(small.second, 1e-3));
    }
    std::printf("\n");
  }
  return 0;
}

}  // namespace

// Registers `tafel bench data` under the shared bench parent.
void add_bench_data(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<BenchDataOptions>();
  CLI::App* sub = bench_command(app)->add_subcommand(
      "data", "Repository reads and writes at national scale: p50/p95 at 1 % and at the chosen size");
  sub->add_option("--size", options->size, "small (1 %), middle (10 %) or full (the national dataset)")
      ->check(CLI::IsMember({"small", "middle", "full"}));
  sub->add_option("--postgresql", options->postgresql,
                  "PostgreSQL server URL (a fresh database is created there per size and dropped); default SQLite");
  sub->add_option("--samples", options->samples, "Calls per operation")->check(CLI::Range(10, 100000));
  sub->add_flag("--json", options->json, "Print the figures as JSON");
  sub->callback([options, &commands] { commands.exit_code = run_bench_data(*options); });
}

}  // namespace tafel::cli
