// `tafel audit ...`: verify the tamper-evident audit trail, prove that an entry is in
// it, check such a proof with the public key alone, and export signed checkpoints so
// that each party's DPO keeps its own copy. See docs/audit.md.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <random>
#include <thread>
#include <vector>

#include "app/audit/group_commit_appender.h"
#include "app/clock.h"
#include "cli/bench_command.h"
#include "cli/command.h"
#include "core/audit/inclusion_bundle.h"
#include "storage/audit_crypto.h"
#include "storage/audit_log.h"
#include "storage/database.h"

namespace tafel::cli {
namespace {

namespace audit = core::audit;
namespace json = boost::json;

const audit::MerkleHasher kHasher(&storage::audit_sha256);

struct AuditOptions {
  ConfigOptions config;
  std::string key_file;
  std::string public_key;
  std::string output;
  std::string proof_file;
  std::uint64_t seq = 0;
  bool json = false;
  // load-test (hidden)
  int threads = 8;
  std::uint64_t count = 1000;
};

std::string iso_time(std::int64_t time_us) {
  const std::time_t seconds = static_cast<std::time_t>(time_us / 1'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  char micros[16];
  std::snprintf(micros, sizeof micros, ".%06lldZ", static_cast<long long>(time_us % 1'000'000));
  return std::string(buffer) + micros;
}

json::object checkpoint_json(const audit::Checkpoint& c) {
  return {{"size", c.size},
          {"root", audit::to_hex(c.root)},
          {"time_us", c.time_us},
          {"time", iso_time(c.time_us)},
          {"public_key", c.public_key_hex},
          {"signature", c.signature_hex}};
}

json::object entry_json(const audit::Entry& e) {
  return {{"seq", e.seq},
          {"time_us", e.time_us},
          {"actor", e.actor},
          {"organisation", e.organisation},
          {"action", audit::action_name(e.action)},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"ground", e.ground},
          {"rule", e.rule},
          {"request_id", e.request_id},
          {"source", e.source},
          {"outcome", audit::outcome_name(e.outcome)}};
}

// Reads a JSON document into domain values; throws std::exception on any mismatch
// (caught at the command edge and reported as a malformed file).
std::string text(const json::object& o, std::string_view key) { return std::string(o.at(key).as_string()); }

audit::Checkpoint checkpoint_from(const json::object& o) {
  audit::Checkpoint c;
  c.size = o.at("size").to_number<std::uint64_t>();
  auto root = audit::hash_from_hex(text(o, "root"));
  if (!root) throw std::invalid_argument("checkpoint root is not 64 hex digits");
  c.root = *root;
  c.time_us = o.at("time_us").to_number<std::int64_t>();
  c.public_key_hex = text(o, "public_key");
  c.signature_hex = text(o, "signature");
  return c;
}

audit::InclusionBundle bundle_from(const json::value& v) {
  const json::object& o = v.as_object();
  if (text(o, "format") != "tafel-audit-inclusion-1") throw std::invalid_argument("not a tafel inclusion proof");
  audit::InclusionBundle b;
  const json::object& e = o.at("entry").as_object();
  b.entry.seq = e.at("seq").to_number<std::uint64_t>();
  b.entry.time_us = e.at("time_us").to_number<std::int64_t>();
  b.entry.actor = text(e, "actor");
  b.entry.organisation = text(e, "organisation");
  auto action = audit::parse_action(text(e, "action"));
  auto outcome = audit::parse_outcome(text(e, "outcome"));
  if (!action || !outcome) throw std::invalid_argument("unknown action or outcome");
  b.entry.action = *action;
  b.entry.outcome = *outcome;
  b.entry.object_type = text(e, "object_type");
  b.entry.object_id = text(e, "object_id");
  b.entry.ground = text(e, "ground");
  b.entry.rule = text(e, "rule");
  b.entry.request_id = text(e, "request_id");
  b.entry.source = text(e, "source");
  for (const auto& p : o.at("proof").as_array()) {
    auto h = audit::hash_from_hex(p.as_string());
    if (!h) throw std::invalid_argument("proof hash is not 64 hex digits");
    b.proof.push_back(*h);
  }
  b.checkpoint = checkpoint_from(o.at("checkpoint").as_object());
  return b;
}

// --public-key takes the 64 hex digits themselves or a file that holds them.
std::optional<std::string> resolve_public_key(const std::string& given) {
  auto trimmed = [](std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
    return s;
  };
  std::string key = trimmed(given);
  if (key.size() != 64 || !audit::bytes_from_hex(key)) {
    std::ifstream in(given);
    if (!in) return std::nullopt;
    std::ostringstream all;
    all << in.rdbuf();
    key = trimmed(all.str());
  }
  if (key.size() != 64 || !audit::bytes_from_hex(key)) return std::nullopt;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool write_output(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    return true;
  }
  std::ofstream out(path, std::ios::trunc);
  out << content;
  return static_cast<bool>(out);
}

// What every database-touching audit subcommand needs: the database and the log.
struct Opened {
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<storage::AuditLog> log;
  std::string key_path;
};

std::optional<Opened> open_log(const CLI::App* sub, const AuditOptions& options, std::string_view name,
                               std::size_t pool = 2) {
  std::optional<Config> config = resolve_config(sub, options.config);
  if (!config) return std::nullopt;
  auto database = storage::Database::open(config->database, pool);
  if (!database) {
    std::cerr << "tafel audit " << name << ": " << database.error().message << "\n";
    return std::nullopt;
  }
  auto version = (*database)->schema_version();
  if (!version || *version < 2) {
    std::cerr << "tafel audit " << name << ": the database has no audit log yet: run `tafel migrate` first\n";
    return std::nullopt;
  }
  Opened o;
  auto key_path = instance_key_path(*config, options.key_file);
  if (!key_path) {
    std::cerr << "tafel audit " << name << ": " << key_path.error().message << "\n";
    return std::nullopt;
  }
  o.key_path = *key_path;
  auto key = storage::AuditKey::load_or_create(o.key_path);
  if (!key) {
    std::cerr << "tafel audit " << name << ": " << key.error().message << "\n";
    return std::nullopt;
  }
  static const app::SystemClock clock;
  o.database = std::move(*database);
  o.log = std::make_unique<storage::AuditLog>(*o.database, std::move(*key), clock);
  return o;
}

int run_verify(const CLI::App* sub, const AuditOptions& options) {
  auto opened = open_log(sub, options, "verify");
  if (!opened) return 2;
  std::string key = opened->log->key().public_key_hex();
  if (!options.public_key.empty()) {
    auto given = resolve_public_key(options.public_key);
    if (!given) {
      std::cerr << "tafel audit verify: --public-key needs 64 hex digits or a file holding them\n";
      return 2;
    }
    key = *given;
  }
  const auto started = std::chrono::steady_clock::now();
  auto report = opened->log->verify(key);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!report) {
    std::cerr << "tafel audit verify: " << report.error().message << "\n";
    return 2;
  }
  if (options.json) {
    json::object o{{"intact", report->intact()},
                   {"entries", report->entries},
                   {"checkpoints", report->checkpoints},
                   {"root", audit::to_hex(report->root)},
                   {"seconds", seconds}};
    if (report->problem) {
      o["problem"] = json::object{
          {"kind", report->problem->kind}, {"seq", report->problem->seq}, {"message", report->problem->message}};
    }
    std::cout << json::serialize(o) << "\n";
  } else if (report->intact()) {
    std::cout << "audit log intact: " << report->entries << " entries, " << report->checkpoints
              << " signed checkpoints verified, root " << audit::to_hex(report->root) << "\n";
  } else {
    std::cout << "audit log NOT intact: " << report->problem->message << "\n"
              << "first entry concerned: " << report->problem->seq << " (" << report->problem->kind << ")\n";
  }
  return report->intact() ? 0 : 1;
}

int run_prove(const CLI::App* sub, const AuditOptions& options) {
  auto opened = open_log(sub, options, "prove");
  if (!opened) return 2;
  auto bundle = opened->log->prove(options.seq);
  if (!bundle && bundle.error().code == "not_checkpointed") {
    // Sign the current head so that the newest entries can be proven right away.
    if (auto c = opened->log->checkpoint_now(); c) bundle = opened->log->prove(options.seq);
  }
  if (!bundle) {
    std::cerr << "tafel audit prove: " << bundle.error().message << "\n";
    return 1;
  }
  json::array proof;
  for (const auto& h : bundle->proof) proof.emplace_back(audit::to_hex(h));
  json::object o{{"format", "tafel-audit-inclusion-1"},
                 {"entry", entry_json(bundle->entry)},
                 {"leaf_index", bundle->entry.seq - 1},
                 {"leaf_hash", audit::to_hex(kHasher.leaf(audit::canonical_bytes(bundle->entry)))},
                 {"proof", std::move(proof)},
                 {"checkpoint", checkpoint_json(bundle->checkpoint)}};
  if (!write_output(options.output, json::serialize(o) + "\n")) {
    std::cerr << "tafel audit prove: cannot write " << options.output << "\n";
    return 2;
  }
  return 0;
}

int run_check_proof(const AuditOptions& options) {
  auto key = resolve_public_key(options.public_key);
  if (!key) {
    std::cerr << "tafel audit check-proof: --public-key needs 64 hex digits or a file holding them\n";
    return 2;
  }
  std::ifstream in(options.proof_file);
  std::ostringstream content;
  content << in.rdbuf();
  audit::InclusionBundle bundle;
  try {
    bundle = bundle_from(json::parse(content.str()));
  } catch (const std::exception&) {
    std::cerr << "tafel audit check-proof: " << options.proof_file << " is not a well-formed tafel inclusion proof\n";
    return 2;
  }
  auto checked = audit::check_bundle(bundle, *key, kHasher, &storage::audit_verify_signature);
  if (!checked) {
    std::cout << "proof REJECTED: " << checked.error().message << "\n";
    return 1;
  }
  std::cout << "proof valid: entry " << bundle.entry.seq << " is in the audit log signed at size "
            << bundle.checkpoint.size << " on " << iso_time(bundle.checkpoint.time_us) << " (root "
            << audit::to_hex(bundle.checkpoint.root) << ")\n";
  return 0;
}

int run_export(const CLI::App* sub, const AuditOptions& options) {
  auto opened = open_log(sub, options, "export-checkpoints");
  if (!opened) return 2;
  // Sign the current head first, so the export covers every entry written so far.
  if (auto size = opened->log->size(); size && *size > 0) (void)opened->log->checkpoint_now();
  auto all = opened->log->checkpoints();
  if (!all) {
    std::cerr << "tafel audit export-checkpoints: " << all.error().message << "\n";
    return 1;
  }
  json::array list;
  for (const auto& c : *all) list.emplace_back(checkpoint_json(c));
  json::object o{{"format", "tafel-audit-checkpoints-1"},
                 {"public_key", opened->log->key().public_key_hex()},
                 {"checkpoints", std::move(list)}};
  if (!write_output(options.output, json::serialize(o) + "\n")) {
    std::cerr << "tafel audit export-checkpoints: cannot write " << options.output << "\n";
    return 2;
  }
  return 0;
}

int run_public_key(const CLI::App* sub, const AuditOptions& options) {
  auto opened = open_log(sub, options, "public-key");
  if (!opened) return 2;
  std::cout << opened->log->key().public_key_hex() << "\n";
  return 0;
}

// For the crash test: appends under concurrent load and writes each sequence number
// to stdout (unbuffered) the moment its append was acknowledged.
int run_load(const CLI::App* sub, const AuditOptions& options) {
  auto opened = open_log(sub, options, "load", 4);
  if (!opened) return 2;
  app::audit::GroupCommitAppender appender(*opened->log);
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&, t] {
      for (std::uint64_t i = next++; i < options.count && !failed; i = next++) {
        audit::Entry e;
        e.actor = "user-" + std::to_string(t);
        e.organisation = "org-1";
        e.action = audit::Action::view;
        e.object_type = "situation";
        e.object_id = "s-" + std::to_string(i);
        e.request_id = "load-" + std::to_string(i);
        auto seq = appender.append(std::move(e));
        if (!seq) {
          failed = true;
          return;
        }
        const std::string line = std::to_string(*seq) + "\n";
        (void)!::write(STDOUT_FILENO, line.data(), line.size());
      }
    });
  }
  for (auto& t : threads) t.join();
  return failed ? 1 : 0;
}


// --- tafel bench audit ------------------------------------------------------------

struct BenchOptions {
  int threads = 64;
  double seconds = 3.0;
  std::uint64_t verify_entries = 1'000'000;
  std::uint64_t proof_entries = 10'000'000;
  bool json = false;
};

audit::Entry bench_entry(std::uint64_t i) {
  audit::Entry e;
  e.actor = "user-" + std::to_string(i % 500);
  e.organisation = "org-" + std::to_string(i % 40);
  e.action = i % 10 == 0 ? audit::Action::sharing_decision : audit::Action::view;
  e.object_type = "situation";
  e.object_id = "sit-" + std::to_string(i);
  if (e.action == audit::Action::sharing_decision) {
    e.ground = "case_consultation";
    e.rule = "rule-" + std::to_string(i % 100);
  }
  e.request_id = "01J" + std::to_string(1'000'000'000 + i);
  e.source = "9f86d081884c7d659a2feaa0c55ad015";
  e.outcome = audit::Outcome::success;
  e.time_us = 1'767'225'600'000'000 + static_cast<std::int64_t>(i);
  return e;
}

// Durable appends per second through the group committer, `threads` request threads.
struct AppendFigure {
  double per_second = 0;
  std::uint64_t entries = 0;
  std::uint64_t batches = 0;
};

Result<AppendFigure> bench_appends(const std::string& url, const BenchOptions& options) {
  auto database = storage::Database::open(url, 4);
  if (!database) return tl::unexpected(database.error());
  if (auto m = (*database)->migrate(); !m) return tl::unexpected(m.error());
  static const app::SystemClock clock;
  storage::AuditLog log(**database, storage::AuditKey::generate(), clock);
  app::audit::GroupCommitAppender appender(log);
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> acknowledged{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&, t] {
      for (std::uint64_t i = static_cast<std::uint64_t>(t); !stop; i += static_cast<std::uint64_t>(options.threads)) {
        if (!appender.append(bench_entry(i))) {
          failed = true;
          return;
        }
        ++acknowledged;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (failed) return fail("bench_failed", "an append failed during the benchmark");
  AppendFigure f;
  f.entries = acknowledged;
  f.per_second = static_cast<double>(f.entries) / elapsed;
  f.batches = appender.stats().batches;
  return f;
}

// Fills a SQLite log with `n` entries (in large transactions), then times verify.
Result<double> bench_verify(const std::string& url, std::uint64_t n) {
  auto database = storage::Database::open(url, 2);
  if (!database) return tl::unexpected(database.error());
  if (auto m = (*database)->migrate(); !m) return tl::unexpected(m.error());
  static const app::SystemClock clock;
  storage::AuditLog log(**database, storage::AuditKey::generate(), clock);
  std::vector<audit::Entry> batch;
  for (std::uint64_t i = 0; i < n;) {
    batch.clear();
    for (; batch.size() < 20'000 && i < n; ++i) batch.push_back(bench_entry(i));
    if (auto r = log.append(batch); !r) return tl::unexpected(r.error());
  }
  const auto start = std::chrono::steady_clock::now();
  auto report = log.verify(log.key().public_key_hex());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!report) return tl::unexpected(report.error());
  if (!report->intact() || report->entries != n) return fail("bench_failed", "the benchmark log did not verify");
  return seconds;
}

struct ProofFigure {
  double build_tree_seconds = 0;
  double proof_microseconds_median = 0;
  double proof_microseconds_max = 0;
  std::size_t proof_hashes = 0;
  std::size_t proof_bytes = 0;       // binary: hashes x 32
  std::size_t proof_json_bytes = 0;  // the whole `tafel audit prove` document
};

ProofFigure bench_proof(std::uint64_t n) {
  ProofFigure f;
  const auto start = std::chrono::steady_clock::now();
  audit::MerkleTree tree(kHasher);
  tree.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    audit::Entry e = bench_entry(i);
    e.seq = i + 1;
    tree.append(kHasher.leaf(audit::canonical_bytes(e)));
  }
  f.build_tree_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::mt19937_64 rng(7);
  std::vector<double> micros;
  const audit::Hash root = tree.root();
  for (int k = 0; k < 1000; ++k) {
    const std::uint64_t index = rng() % n;
    const auto t0 = std::chrono::steady_clock::now();
    auto proof = tree.inclusion_proof(index, n);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    if (!audit::verify_inclusion(kHasher, index, n, tree.leaf(index), proof, root)) micros.back() = 1e9;
    f.proof_hashes = std::max(f.proof_hashes, proof.size());
  }
  std::sort(micros.begin(), micros.end());
  f.proof_microseconds_median = micros[micros.size() / 2];
  f.proof_microseconds_max = micros.back();
  f.proof_bytes = f.proof_hashes * 32;
  // Size of the JSON document `tafel audit prove` prints for such a proof.
  audit::Entry e = bench_entry(n / 2);
  e.seq = n / 2 + 1;
  json::array proof;
  for (const auto& h : tree.inclusion_proof(n / 2, n)) proof.emplace_back(audit::to_hex(h));
  audit::Checkpoint c{n, root, 1'767'225'600'000'000, std::string(64, '0'), std::string(128, '0')};
  json::object o{{"format", "tafel-audit-inclusion-1"}, {"entry", entry_json(e)}, {"leaf_index", n / 2},
                 {"leaf_hash", audit::to_hex(tree.leaf(n / 2))}, {"proof", std::move(proof)},
                 {"checkpoint", checkpoint_json(c)}};
  f.proof_json_bytes = json::serialize(o).size();
  return f;
}

int run_bench_audit(const BenchOptions& options) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("tafel-bench-audit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};

  auto say = [&](const std::string& line) {
    if (!options.json) std::cerr << line << std::flush;
  };
  say("appends, SQLite synchronous=NORMAL (WAL)... ");
  auto normal = bench_appends((dir / "normal.sqlite").string(), options);
  if (!normal) return std::cerr << "\ntafel bench audit: " << normal.error().message << "\n", 1;
  say("done\nappends, SQLite synchronous=FULL... ");
  auto full = bench_appends((dir / "full.sqlite").string() + "?synchronous=full", options);
  if (!full) return std::cerr << "\ntafel bench audit: " << full.error().message << "\n", 1;
  say("done\nverify " + std::to_string(options.verify_entries) + " entries... ");
  auto verify = bench_verify((dir / "verify.sqlite").string(), options.verify_entries);
  if (!verify) return std::cerr << "\ntafel bench audit: " << verify.error().message << "\n", 1;
  say("done\ninclusion proofs in a tree of " + std::to_string(options.proof_entries) + " entries... ");
  const ProofFigure proof = bench_proof(options.proof_entries);
  say("done\n");

  if (options.json) {
    json::object o{
        {"benchmark", "audit"},
        {"threads", options.threads},
        {"appends_per_second_sqlite_normal", normal->per_second},
        {"appends_sqlite_normal", normal->entries},
        {"batches_sqlite_normal", normal->batches},
        {"appends_per_second_sqlite_full", full->per_second},
        {"appends_sqlite_full", full->entries},
        {"batches_sqlite_full", full->batches},
        {"verify_entries", options.verify_entries},
        {"verify_seconds", *verify},
        {"proof_tree_entries", options.proof_entries},
        {"proof_tree_build_seconds", proof.build_tree_seconds},
        {"proof_hashes", proof.proof_hashes},
        {"proof_bytes", proof.proof_bytes},
        {"proof_json_bytes", proof.proof_json_bytes},
        {"proof_build_microseconds_median", proof.proof_microseconds_median},
        {"proof_build_microseconds_max", proof.proof_microseconds_max},
    };
    std::cout << json::serialize(o) << "\n";
    return 0;
  }
  std::printf("durable appends/s, SQLite WAL synchronous=NORMAL, %d threads: %.0f (%llu entries in %llu commits)\n",
              options.threads, normal->per_second, static_cast<unsigned long long>(normal->entries),
              static_cast<unsigned long long>(normal->batches));
  std::printf("durable appends/s, SQLite WAL synchronous=FULL,   %d threads: %.0f (%llu entries in %llu commits)\n",
              options.threads, full->per_second, static_cast<unsigned long long>(full->entries),
              static_cast<unsigned long long>(full->batches));
  std::printf("verify %llu entries (SQLite): %.2f s\n", static_cast<unsigned long long>(options.verify_entries),
              *verify);
  std::printf("inclusion proof at %llu entries (tree in memory, built in %.1f s): %zu hashes = %zu bytes "
              "(%zu bytes as `audit prove` JSON), built in %.1f us median, %.1f us max\n",
              static_cast<unsigned long long>(options.proof_entries), proof.build_tree_seconds, proof.proof_hashes,
              proof.proof_bytes, proof.proof_json_bytes, proof.proof_microseconds_median,
              proof.proof_microseconds_max);
  return 0;
}

}  // namespace

// Registers `tafel bench audit` under the shared bench parent.
void add_bench_audit(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* sub = bench_command(app)->add_subcommand(
      "audit", "Audit trail: durable appends/s (SQLite NORMAL and FULL, group commit), verify time, proof size");
  sub->add_option("--threads", options->threads, "Concurrent appending request threads")->check(CLI::Range(1, 1024));
  sub->add_option("--seconds", options->seconds, "Duration of each append measurement");
  sub->add_option("--verify-entries", options->verify_entries, "Entries in the log that is verified");
  sub->add_option("--proof-entries", options->proof_entries, "Entries in the in-memory tree for proofs");
  sub->add_flag("--json", options->json, "Print the figures as JSON");
  sub->callback([options, &commands] { commands.exit_code = run_bench_audit(*options); });
}


void add_audit_command(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* audit = app.add_subcommand("audit", "Verify, prove and export the tamper-evident audit trail");
  audit->require_subcommand(1);

  auto add_key_option = [&](CLI::App* sub) {
    add_config_options(sub, options->config);
    sub->add_option("--key", options->key_file,
                    "Audit signing key file (default: <sqlite file>.audit-key, or var/tafel.audit-key for "
                    "PostgreSQL; env TAFEL_AUDIT_KEY); created on first use");
  };

  CLI::App* verify = audit->add_subcommand(
      "verify", "Recompute every entry hash and Merkle root and check every signed checkpoint; exit 0 when "
                "intact, 1 naming the first altered, removed, inserted or reordered entry");
  add_key_option(verify);
  verify->add_option("--public-key", options->public_key,
                     "Check checkpoints against this public key (64 hex digits or a file) instead of the key file's");
  verify->add_flag("--json", options->json, "Print the result as JSON");
  verify->callback([verify, options, &commands] { commands.exit_code = run_verify(verify, *options); });

  CLI::App* prove = audit->add_subcommand("prove", "Print an inclusion proof (JSON) for entry N against the latest "
                                                   "signed checkpoint");
  add_key_option(prove);
  prove->add_option("N", options->seq, "Sequence number of the entry")->required()->check(CLI::PositiveNumber);
  prove->add_option("--output,-o", options->output, "Write the proof to this file instead of stdout");
  prove->callback([prove, options, &commands] { commands.exit_code = run_prove(prove, *options); });

  CLI::App* check = audit->add_subcommand(
      "check-proof", "Check an inclusion proof and its signed checkpoint with the public key alone (no database)");
  check->add_option("FILE", options->proof_file, "Proof written by `tafel audit prove`")
      ->required()
      ->check(CLI::ExistingFile);
  check->add_option("--public-key", options->public_key, "The audit public key: 64 hex digits or a file holding them")
      ->required();
  check->callback([options, &commands] { commands.exit_code = run_check_proof(*options); });

  CLI::App* exporter = audit->add_subcommand(
      "export-checkpoints", "Sign the current head and write every signed checkpoint with the public key (JSON), "
                            "for each party's DPO to keep");
  add_key_option(exporter);
  exporter->add_option("--output,-o", options->output, "Write to this file instead of stdout");
  exporter->callback([exporter, options, &commands] { commands.exit_code = run_export(exporter, *options); });

  CLI::App* public_key = audit->add_subcommand("public-key", "Print the audit public key (hex) for DPOs");
  add_key_option(public_key);
  public_key->callback([public_key, options, &commands] { commands.exit_code = run_public_key(public_key, *options); });

  // Hidden: used by tests/audit to kill a process that is appending under load.
  CLI::App* load = audit->add_subcommand("load-test", "Append synthetic entries concurrently (tests only)");
  load->group("");
  add_key_option(load);
  load->add_option("--threads", options->threads, "Concurrent appenders")->check(CLI::Range(1, 256));
  load->add_option("--count", options->count, "Entries to append");
  load->callback([load, options, &commands] { commands.exit_code = run_load(load, *options); });

  // `tafel bench audit` lives here too (see cli/bench_command.h).
  add_bench_audit(app, commands);
}

}  // namespace tafel::cli
