#include "storage/audit_log.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>  // also declares the SQLite C API, in namespace sqlite_api

#include <algorithm>
#include <array>
#include <cassert>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "storage/prepared_statement.h"

namespace tafel::storage {
namespace {

namespace audit = core::audit;

const audit::MerkleHasher kHasher(&audit_sha256);

// Rows read per query while verifying or proving: keyset pages keep memory flat on
// PostgreSQL, whose driver buffers a whole result set.
constexpr std::size_t kPage = 8192;

std::int64_t micros(app::Instant t) { return t.time_since_epoch().count(); }

struct Head {
  long long size = 0;
  std::string frontier;
  std::string root;
  long long checkpoint_size = 0;
  long long checkpoint_at = 0;
};

// Locks the head row for the rest of the transaction, then reads it. Locking by an
// UPDATE works on both engines (row lock on PostgreSQL; on SQLite the transaction
// already holds the write lock) and serialises appenders across processes.
Head lock_head(soci::session& sql) {
  PreparedStatement(sql, "UPDATE audit_head SET size = size WHERE singleton = 1").execute();
  Head h;
  bool found =
      PreparedStatement(sql, "SELECT size, frontier, root, checkpoint_size, checkpoint_at FROM audit_head "
                             "WHERE singleton = 1")
          .execute(soci::into(h.size), soci::into(h.frontier), soci::into(h.root), soci::into(h.checkpoint_size),
                   soci::into(h.checkpoint_at));
  if (!found) throw std::runtime_error("the audit log head is missing: is the database migrated?");
  return h;
}

Head read_head(soci::session& sql) {
  Head h;
  sql << "SELECT size, frontier, root, checkpoint_size, checkpoint_at FROM audit_head WHERE singleton = 1",
      soci::into(h.size), soci::into(h.frontier), soci::into(h.root), soci::into(h.checkpoint_size),
      soci::into(h.checkpoint_at);
  if (!sql.got_data()) throw std::runtime_error("the audit log head is missing: is the database migrated?");
  return h;
}

void write_head(soci::session& sql, const audit::MerkleFrontier& frontier, long long checkpoint_size,
                long long checkpoint_at) {
  const auto size = static_cast<long long>(frontier.size());
  const std::string encoded = frontier.encode();
  const std::string root = audit::to_hex(frontier.root());
  PreparedStatement(sql,
                    "UPDATE audit_head SET size = :size, frontier = :frontier, root = :root, checkpoint_size = :cs, "
                    "checkpoint_at = :ca WHERE singleton = 1")
      .execute(soci::use(size), soci::use(encoded), soci::use(root), soci::use(checkpoint_size),
               soci::use(checkpoint_at));
}

void insert_checkpoint(soci::session& sql, const audit::Checkpoint& c) {
  const auto size = static_cast<long long>(c.size);
  const std::string root = audit::to_hex(c.root);
  const long long at = c.time_us;
  PreparedStatement(sql,
                    "INSERT INTO audit_checkpoint (tree_size, root, signed_at, public_key, signature) "
                    "VALUES (:s, :r, :a, :k, :g)")
      .execute(soci::use(size), soci::use(root), soci::use(at), soci::use(c.public_key_hex),
               soci::use(c.signature_hex));
}

audit::Checkpoint sign(const AuditKey& key, std::uint64_t size, const audit::Hash& root, std::int64_t at) {
  audit::Checkpoint c;
  c.size = size;
  c.root = root;
  c.time_us = at;
  c.public_key_hex = key.public_key_hex();
  c.signature_hex = key.sign_hex(audit::signed_message(size, root, at));
  return c;
}

audit::MerkleFrontier decode_frontier(const Head& h) {
  auto f = audit::MerkleFrontier::decode(kHasher, static_cast<std::uint64_t>(h.size), h.frontier);
  if (!f) throw std::runtime_error("the audit log head is corrupt (frontier does not match its size)");
  return *f;
}

std::vector<audit::Checkpoint> read_checkpoints(soci::session& sql) {
  std::vector<audit::Checkpoint> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT tree_size, root, signed_at, public_key, signature FROM audit_checkpoint "
                      "ORDER BY tree_size");
  for (const soci::row& r : rows) {
    audit::Checkpoint c;
    c.size = static_cast<std::uint64_t>(r.get<long long>(0));
    // An unparsable root stays all-zero: it then fails its signature, which is reported.
    if (auto h = audit::hash_from_hex(r.get<std::string>(1))) c.root = *h;
    c.time_us = r.get<long long>(2);
    c.public_key_hex = r.get<std::string>(3);
    c.signature_hex = r.get<std::string>(4);
    out.push_back(std::move(c));
  }
  return out;
}

// SOCI returns BIGINT as long long on PostgreSQL but may pick int for small values
// on SQLite through row::get; these queries use typed into() to avoid that.
long long scalar(soci::session& sql, const std::string& query) {
  long long value = 0;
  soci::indicator ind = soci::i_ok;
  sql << query, soci::into(value, ind);
  return ind == soci::i_ok ? value : 0;
}

}  // namespace

AuditLog::AuditLog(Database& database, AuditKey key, const app::Clock& clock, Options options)
    : database_(database), key_(std::move(key)), clock_(clock), options_(options) {
  assert(options_.checkpoint_every > 0);
}

std::vector<std::uint64_t> AuditLog::append_in(soci::session& sql, std::span<const audit::Entry> entries) {
  for (const auto& e : entries) {
    if (auto valid = audit::validate(e); !valid) throw std::invalid_argument(valid.error().message);
  }
  std::vector<std::uint64_t> seqs;
  if (entries.empty()) return seqs;
  Head head = lock_head(sql);
  audit::MerkleFrontier frontier = decode_frontier(head);
  const std::int64_t now = micros(clock_.now());
  // The checkpoint interval runs from the first entry, not from the epoch.
  if (head.size == 0 && head.checkpoint_size == 0) head.checkpoint_at = now;

  const std::size_t n = entries.size();
  std::vector<long long> seq(n), at(n);
  std::vector<std::string> actor(n), organisation(n), action(n), object_type(n), object_id(n), ground(n), rule(n),
      request_id(n), source(n), outcome(n), leaf(n);
  std::vector<audit::Checkpoint> checkpoints;
  for (std::size_t i = 0; i < n; ++i) {
    audit::Entry e = entries[i];
    e.seq = frontier.size() + 1;
    if (e.time_us == 0) e.time_us = now;
    const audit::Hash h = kHasher.leaf(audit::canonical_bytes(e));
    frontier.append(h);
    seqs.push_back(e.seq);
    seq[i] = static_cast<long long>(e.seq);
    at[i] = e.time_us;
    actor[i] = std::move(e.actor);
    organisation[i] = std::move(e.organisation);
    action[i] = audit::action_name(e.action);
    object_type[i] = std::move(e.object_type);
    object_id[i] = std::move(e.object_id);
    ground[i] = std::move(e.ground);
    rule[i] = std::move(e.rule);
    request_id[i] = std::move(e.request_id);
    source[i] = std::move(e.source);
    outcome[i] = audit::outcome_name(e.outcome);
    leaf[i] = audit::to_hex(h);
    // Count-based checkpoints fall on multiples of checkpoint_every, whatever the batches.
    if (frontier.size() % options_.checkpoint_every == 0) {
      checkpoints.push_back(sign(key_, frontier.size(), frontier.root(), now));
      head.checkpoint_size = static_cast<long long>(frontier.size());
      head.checkpoint_at = now;
    }
  }
  if (checkpoints.empty() && now - head.checkpoint_at >= options_.checkpoint_interval.count() * 1'000'000 &&
      static_cast<long long>(frontier.size()) > head.checkpoint_size) {
    checkpoints.push_back(sign(key_, frontier.size(), frontier.root(), now));
    head.checkpoint_size = static_cast<long long>(frontier.size());
    head.checkpoint_at = now;
  }

  PreparedStatement(sql,
                    "INSERT INTO audit_entry (seq, at, actor, organisation, action, object_type, object_id, ground, "
                    "rule_id, request_id, source, outcome, leaf_hash) VALUES (:seq, :at, :actor, :org, :action, "
                    ":otype, :oid, :ground, :rule, :req, :src, :outcome, :leaf)")
      .execute(soci::use(seq), soci::use(at), soci::use(actor), soci::use(organisation), soci::use(action),
               soci::use(object_type), soci::use(object_id), soci::use(ground), soci::use(rule),
               soci::use(request_id), soci::use(source), soci::use(outcome), soci::use(leaf));
  for (const auto& c : checkpoints) insert_checkpoint(sql, c);
  write_head(sql, frontier, head.checkpoint_size, head.checkpoint_at);
  return seqs;
}

Result<std::vector<std::uint64_t>> AuditLog::append(std::span<const audit::Entry> entries) {
  for (const auto& e : entries) {
    if (auto valid = audit::validate(e); !valid) return tl::unexpected(valid.error());
  }
  std::vector<std::uint64_t> seqs;
  auto done = database_.transaction([&](soci::session& sql) { seqs = append_in(sql, entries); });
  if (!done) return tl::unexpected(done.error());
  return seqs;
}

Result<bool> AuditLog::checkpoint_if_due() {
  bool written = false;
  auto done = database_.transaction([&](soci::session& sql) {
    Head head = lock_head(sql);
    const std::int64_t now = micros(clock_.now());
    if (head.size <= head.checkpoint_size ||
        now - head.checkpoint_at < options_.checkpoint_interval.count() * 1'000'000) {
      return;
    }
    const audit::MerkleFrontier frontier = decode_frontier(head);
    insert_checkpoint(sql, sign(key_, frontier.size(), frontier.root(), now));
    write_head(sql, frontier, head.size, now);
    written = true;
  });
  if (!done) return tl::unexpected(done.error());
  return written;
}

Result<audit::Checkpoint> AuditLog::checkpoint_now() {
  bool empty = false;
  auto done = database_.transaction([&](soci::session& sql) {
    Head head = lock_head(sql);
    if (head.size == 0) {
      empty = true;
      return;
    }
    if (head.size <= head.checkpoint_size) return;
    const std::int64_t now = micros(clock_.now());
    const audit::MerkleFrontier frontier = decode_frontier(head);
    insert_checkpoint(sql, sign(key_, frontier.size(), frontier.root(), now));
    write_head(sql, frontier, head.size, now);
  });
  if (!done) return tl::unexpected(done.error());
  if (empty) return fail("empty_log", "the audit log has no entries yet");
  auto all = checkpoints();
  if (!all) return tl::unexpected(all.error());
  if (all->empty()) return fail("empty_log", "the audit log has no checkpoint");
  return all->back();
}

Result<std::vector<audit::Checkpoint>> AuditLog::checkpoints() {
  std::vector<audit::Checkpoint> out;
  auto done = database_.with_session([&](soci::session& sql) { out = read_checkpoints(sql); });
  if (!done) return tl::unexpected(done.error());
  return out;
}

Result<std::uint64_t> AuditLog::size() {
  long long n = 0;
  auto done = database_.with_session([&](soci::session& sql) { n = read_head(sql).size; });
  if (!done) return tl::unexpected(done.error());
  return static_cast<std::uint64_t>(n);
}

namespace {

// Feeds one stored row to the verifier. Text columns arrive as views so that the
// SQLite path can hand over the driver's buffers without copying them twice.
struct RowText {
  std::string_view actor, organisation, action, object_type, object_id, ground, rule, request_id, source, outcome,
      leaf;
};

bool feed(audit::LogVerifier& verifier, audit::Entry& e, long long seq, long long at, const RowText& row) {
  e.seq = static_cast<std::uint64_t>(seq);
  e.time_us = at;
  e.actor.assign(row.actor);
  e.organisation.assign(row.organisation);
  e.object_type.assign(row.object_type);
  e.object_id.assign(row.object_id);
  e.ground.assign(row.ground);
  e.rule.assign(row.rule);
  e.request_id.assign(row.request_id);
  e.source.assign(row.source);
  const auto parsed_action = audit::parse_action(row.action);
  const auto parsed_outcome = audit::parse_outcome(row.outcome);
  const auto recorded = audit::hash_from_hex(row.leaf);
  // An unknown action or outcome name cannot have been written by tafel: treat the
  // row as altered by giving it a hash that cannot match.
  e.action = parsed_action.value_or(audit::Action::view);
  e.outcome = parsed_outcome.value_or(audit::Outcome::success);
  audit::Hash h = recorded.value_or(audit::Hash{});
  if (!parsed_action || !parsed_outcome || !recorded) h = audit::Hash{};
  if (!parsed_action || !parsed_outcome) h[0] ^= 0xff;  // a mismatch even if the stored hash is all zeros
  return verifier.add(e, h);
}

constexpr const char* kVerifyColumns =
    "SELECT seq, at, actor, organisation, action, object_type, object_id, ground, rule_id, request_id, source, "
    "outcome, leaf_hash FROM audit_entry ";

// Rows copied out of SQLite's buffers into one flat string, so that a batch costs no
// allocation per row once its buffers have grown.
struct RowBatch {
  static constexpr int kTexts = 11;  // actor .. leaf_hash, in kVerifyColumns order
  struct Row {
    long long seq = 0;
    long long at = 0;
    std::array<std::uint32_t, kTexts + 1> offset{};  // text i is [offset[i], offset[i + 1])
  };
  std::string text;
  std::vector<Row> rows;
};

// Hands batches from the reading thread to the verifying one: at most `kInFlight`
// exist, and finished batches are recycled, so memory stays flat however long the log.
class BatchPipe {
 public:
  static constexpr std::size_t kRows = 4096;
  static constexpr std::size_t kInFlight = 4;

  BatchPipe() {
    for (std::size_t i = 0; i < kInFlight; ++i) free_.push_back(std::make_unique<RowBatch>());
  }

  // Reader: an empty batch to fill, or nullptr when the verifier stopped.
  std::unique_ptr<RowBatch> take_empty() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || !free_.empty(); });
    if (stopped_) return nullptr;
    auto b = std::move(free_.front());
    free_.pop_front();
    b->text.clear();
    b->rows.clear();
    return b;
  }
  void put_full(std::unique_ptr<RowBatch> b) {
    std::lock_guard lock(mutex_);
    full_.push_back(std::move(b));
    changed_.notify_all();
  }
  // Reader: no more rows; `error` is empty on success.
  void finish(std::string error) {
    std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = std::move(error);
    changed_.notify_all();
  }

  // Verifier: the next full batch, or nullptr at the end.
  std::unique_ptr<RowBatch> take_full() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ || !full_.empty(); });
    if (full_.empty()) return nullptr;
    auto b = std::move(full_.front());
    full_.pop_front();
    return b;
  }
  void recycle(std::unique_ptr<RowBatch> b) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(b));
    changed_.notify_all();
  }
  // Verifier: a problem was found, the reader may stop.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  std::string error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<RowBatch>> free_, full_;
  bool finished_ = false;
  bool stopped_ = false;
  std::string error_;
};

// Reads every row up to `limit` into batches (runs on its own thread).
void read_rows(sqlite_api::sqlite3* db, long long limit, BatchPipe& pipe) {
  using namespace sqlite_api;
  sqlite3_stmt* statement = nullptr;
  const std::string query = std::string(kVerifyColumns) + "WHERE seq <= ? ORDER BY seq";
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    return pipe.finish(std::string("cannot read the audit log: ") + sqlite3_errmsg(db));
  }
  struct Finalize {
    sqlite3_stmt* s;
    ~Finalize() { sqlite3_finalize(s); }
  } finalize{statement};
  sqlite3_bind_int64(statement, 1, limit);
  std::unique_ptr<RowBatch> batch;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    if (!batch && !(batch = pipe.take_empty())) return pipe.finish({});
    RowBatch::Row row;
    row.seq = sqlite3_column_int64(statement, 0);
    row.at = sqlite3_column_int64(statement, 1);
    for (int i = 0; i < RowBatch::kTexts; ++i) {
      row.offset[i] = static_cast<std::uint32_t>(batch->text.size());
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(statement, i + 2));
      if (p) batch->text.append(p, static_cast<std::size_t>(sqlite3_column_bytes(statement, i + 2)));
    }
    row.offset[RowBatch::kTexts] = static_cast<std::uint32_t>(batch->text.size());
    batch->rows.push_back(row);
    if (batch->rows.size() == BatchPipe::kRows) pipe.put_full(std::move(batch));
  }
  if (batch && !batch->rows.empty()) pipe.put_full(std::move(batch));
  if (rc != SQLITE_DONE) return pipe.finish(std::string("cannot read the audit log: ") + sqlite3_errmsg(db));
  pipe.finish({});
}

// SQLite: one streaming statement straight through the C API (SOCI's vector binding
// costs a std::string per column per row), read on a second thread while this one
// hashes: reading and hashing each take about half of the time of verifying.
void stream_sqlite(soci::session& sql, long long limit, audit::LogVerifier& verifier) {
  using namespace sqlite_api;
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  sqlite3* db = backend->conn_;
  // A private read-only connection without SQLite's per-call mutex (the pooled one is
  // serialised: 13 column reads per row each took and released it) and with the file
  // memory-mapped (no read() copy per page). Falls back to the pooled connection,
  // which this thread does not touch while the reader uses it.
  sqlite3* reader = nullptr;
  const char* file = sqlite3_db_filename(db, "main");
  if (file && *file &&
      sqlite3_open_v2(file, &reader, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
    sqlite3_exec(reader, "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
    db = reader;
  } else if (reader) {
    sqlite3_close(reader);
    reader = nullptr;
  }
  struct Close {
    sqlite3* c;
    ~Close() {
      if (c) sqlite3_close(c);
    }
  } close_reader{reader};

  BatchPipe pipe;
  std::thread reading([&] { read_rows(db, limit, pipe); });
  struct Join {
    std::thread& t;
    BatchPipe& p;
    ~Join() {
      p.stop();
      t.join();
    }
  } join{reading, pipe};
  audit::Entry e;
  while (auto batch = pipe.take_full()) {
    const std::string_view text(batch->text);
    for (const RowBatch::Row& r : batch->rows) {
      auto t = [&](int i) { return text.substr(r.offset[i], r.offset[i + 1] - r.offset[i]); };
      const RowText row{t(0), t(1), t(2), t(3), t(4), t(5), t(6), t(7), t(8), t(9), t(10)};
      if (!feed(verifier, e, r.seq, r.at, row)) return;  // Join stops the reader
    }
    pipe.recycle(std::move(batch));
  }
  if (auto error = pipe.error(); !error.empty()) throw std::runtime_error(error);
}

// PostgreSQL: keyset pages through SOCI's vector binding, whose driver buffers a
// whole result set (so an unbounded query would hold the log in memory).
void stream_paged(soci::session& sql, long long limit, audit::LogVerifier& verifier) {
  std::vector<long long> seq(kPage), at(kPage);
  std::vector<std::string> actor(kPage), organisation(kPage), action(kPage), object_type(kPage), object_id(kPage),
      ground(kPage), rule(kPage), request_id(kPage), source(kPage), outcome(kPage), leaf(kPage);
  long long last = 0;
  audit::Entry e;
  for (;;) {
    for (auto* v : {&seq, &at}) v->resize(kPage);
    for (auto* v : {&actor, &organisation, &action, &object_type, &object_id, &ground, &rule, &request_id, &source,
                    &outcome, &leaf}) {
      v->resize(kPage);
    }
    sql << std::string(kVerifyColumns) + "WHERE seq > :last AND seq <= :lim ORDER BY seq LIMIT " +
               std::to_string(kPage),
        soci::into(seq), soci::into(at), soci::into(actor), soci::into(organisation), soci::into(action),
        soci::into(object_type), soci::into(object_id), soci::into(ground), soci::into(rule), soci::into(request_id),
        soci::into(source), soci::into(outcome), soci::into(leaf), soci::use(last), soci::use(limit);
    const std::size_t rows = seq.size();
    for (std::size_t i = 0; i < rows; ++i) {
      const RowText row{actor[i],     organisation[i], action[i],     object_type[i], object_id[i], ground[i],
                        rule[i],      request_id[i],   source[i],     outcome[i],     leaf[i]};
      if (!feed(verifier, e, seq[i], at[i], row)) return;
    }
    if (rows < kPage) return;
    last = seq[rows - 1];
  }
}

}  // namespace

Result<audit::VerifyReport> AuditLog::verify(const std::string& public_key_hex) {
  audit::VerifyReport report;
  const bool sqlite = database_.engine() == Engine::sqlite;
  auto done = database_.with_session([&](soci::session& sql) {
    // Appenders may run while we read: check the prefix the head recorded when we
    // started, then look at what lies beyond it against a head read afterwards.
    const Head start = read_head(sql);
    std::vector<audit::Checkpoint> checkpoints;
    for (auto& c : read_checkpoints(sql)) {
      if (c.size <= static_cast<std::uint64_t>(start.size)) checkpoints.push_back(std::move(c));
    }
    audit::LogVerifier verifier(kHasher, &audit_verify_signature, public_key_hex, std::move(checkpoints));
    if (sqlite) {
      stream_sqlite(sql, start.size, verifier);
    } else {
      stream_paged(sql, start.size, verifier);
    }
    const audit::Hash head_root = audit::hash_from_hex(start.root).value_or(audit::Hash{});
    report = verifier.finish(static_cast<std::uint64_t>(start.size), head_root);
    if (!report.intact()) return;

    // Beyond the starting head: rows must be accounted for by the head as it is now.
    const long long max_seq = scalar(sql, "SELECT MAX(seq) FROM audit_entry");
    const long long max_checkpoint = scalar(sql, "SELECT MAX(tree_size) FROM audit_checkpoint");
    const Head end = read_head(sql);
    if (max_seq > end.size) {
      report.problem = audit::Problem{"inserted", static_cast<std::uint64_t>(end.size + 1),
                                      "entry " + std::to_string(end.size + 1) +
                                          " was inserted: the log head records only " + std::to_string(end.size) +
                                          " entries"};
    } else if (max_seq < end.size || max_checkpoint > max_seq) {
      const auto missing = static_cast<std::uint64_t>(max_seq + 1);
      report.problem = audit::Problem{"removed", missing,
                                      "entry " + std::to_string(missing) + " is missing: it was removed"};
    }
  });
  if (!done) return tl::unexpected(done.error());
  return report;
}

Result<audit::InclusionBundle> AuditLog::prove(std::uint64_t wanted) {
  std::optional<Error> error;
  audit::InclusionBundle bundle;
  auto done = database_.with_session([&](soci::session& sql) {
    const auto all = read_checkpoints(sql);
    const long long exists = scalar(sql, "SELECT COUNT(*) FROM audit_entry WHERE seq = " + std::to_string(wanted));
    if (wanted == 0 || exists == 0) {
      error = Error{"not_found", "there is no audit entry " + std::to_string(wanted)};
      return;
    }
    if (all.empty() || all.back().size < wanted) {
      error = Error{"not_checkpointed", "no signed checkpoint covers entry " + std::to_string(wanted) + " yet"};
      return;
    }
    bundle.checkpoint = all.back();
    const std::uint64_t size = bundle.checkpoint.size;

    audit::MerkleTree tree(kHasher);
    tree.reserve(size);
    std::vector<long long> seq(kPage);
    std::vector<std::string> leaf(kPage);
    long long last = 0;
    const auto limit = static_cast<long long>(size);
    for (;;) {
      seq.resize(kPage);
      leaf.resize(kPage);
      sql << "SELECT seq, leaf_hash FROM audit_entry WHERE seq > :last AND seq <= :lim ORDER BY seq LIMIT " +
                 std::to_string(kPage),
          soci::into(seq), soci::into(leaf), soci::use(last), soci::use(limit);
      for (std::size_t i = 0; i < seq.size(); ++i) {
        // A damaged row yields a proof that does not verify; `audit verify` says why.
        tree.append(audit::hash_from_hex(leaf[i]).value_or(audit::Hash{}));
      }
      if (seq.size() < kPage) break;
      last = seq.back();
    }
    if (tree.size() != size) {
      error = Error{"log_damaged", "the audit log has fewer entries than its checkpoint: run `tafel audit verify`"};
      return;
    }
    bundle.proof = tree.inclusion_proof(wanted - 1, size);

    long long at = 0;
    std::string actor, organisation, action, object_type, object_id, ground, rule, request_id, source, outcome;
    const auto s = static_cast<long long>(wanted);
    sql << "SELECT at, actor, organisation, action, object_type, object_id, ground, rule_id, request_id, source, "
           "outcome FROM audit_entry WHERE seq = :s",
        soci::into(at), soci::into(actor), soci::into(organisation), soci::into(action), soci::into(object_type),
        soci::into(object_id), soci::into(ground), soci::into(rule), soci::into(request_id), soci::into(source),
        soci::into(outcome), soci::use(s);
    audit::Entry& e = bundle.entry;
    e.seq = wanted;
    e.time_us = at;
    e.actor = actor;
    e.organisation = organisation;
    e.action = audit::parse_action(action).value_or(audit::Action::view);
    e.object_type = object_type;
    e.object_id = object_id;
    e.ground = ground;
    e.rule = rule;
    e.request_id = request_id;
    e.source = source;
    e.outcome = audit::parse_outcome(outcome).value_or(audit::Outcome::success);
  });
  if (!done) return tl::unexpected(done.error());
  if (error) return tl::unexpected(*error);
  return bundle;
}

Result<std::vector<audit::Entry>> AuditLog::find(const app::audit::AuditFilter& filter) {
  // Only the criteria that are set become SQL conditions, each with its own bound
  // value; nothing from the filter is pasted into the query text.
  std::string where = "WHERE 1 = 1";
  long long from = filter.from_us.value_or(0), to = filter.to_us.value_or(0);
  long long before = static_cast<long long>(filter.before_seq), after = static_cast<long long>(filter.after_seq);
  std::string action = filter.action ? std::string(audit::action_name(*filter.action)) : std::string();
  if (filter.from_us) where += " AND at >= :from_us";
  if (filter.to_us) where += " AND at < :to_us";
  if (!filter.actor.empty()) where += " AND actor = :actor";
  if (!filter.organisation.empty()) where += " AND organisation = :organisation";
  if (filter.action) where += " AND action = :action";
  if (!filter.object_type.empty()) where += " AND object_type = :object_type";
  if (!filter.object_id.empty()) where += " AND object_id = :object_id";
  if (filter.before_seq != 0) where += " AND seq < :before_seq";
  if (filter.after_seq != 0) where += " AND seq > :after_seq";
  const std::size_t limit = std::max<std::size_t>(1, std::min(filter.limit, app::audit::kMaxAuditPage));
  const std::string query =
      "SELECT seq, at, actor, organisation, action, object_type, object_id, ground, rule_id, request_id, source, "
      "outcome FROM audit_entry " +
      where + (filter.oldest_first ? " ORDER BY seq ASC" : " ORDER BY seq DESC") + " LIMIT " + std::to_string(limit);

  std::vector<audit::Entry> out;
  auto done = database_.with_session([&](soci::session& sql) {
    std::vector<long long> seq(limit), at(limit);
    std::vector<std::string> actor(limit), organisation(limit), act(limit), object_type(limit), object_id(limit),
        ground(limit), rule(limit), request_id(limit), source(limit), outcome(limit);
    soci::statement st(sql);
    st.exchange(soci::into(seq));
    st.exchange(soci::into(at));
    st.exchange(soci::into(actor));
    st.exchange(soci::into(organisation));
    st.exchange(soci::into(act));
    st.exchange(soci::into(object_type));
    st.exchange(soci::into(object_id));
    st.exchange(soci::into(ground));
    st.exchange(soci::into(rule));
    st.exchange(soci::into(request_id));
    st.exchange(soci::into(source));
    st.exchange(soci::into(outcome));
    // Copies: SOCI binds by reference and the filter is const.
    std::string f_actor = filter.actor, f_org = filter.organisation, f_type = filter.object_type,
                f_id = filter.object_id;
    if (filter.from_us) st.exchange(soci::use(from, "from_us"));
    if (filter.to_us) st.exchange(soci::use(to, "to_us"));
    if (!filter.actor.empty()) st.exchange(soci::use(f_actor, "actor"));
    if (!filter.organisation.empty()) st.exchange(soci::use(f_org, "organisation"));
    if (filter.action) st.exchange(soci::use(action, "action"));
    if (!filter.object_type.empty()) st.exchange(soci::use(f_type, "object_type"));
    if (!filter.object_id.empty()) st.exchange(soci::use(f_id, "object_id"));
    if (filter.before_seq != 0) st.exchange(soci::use(before, "before_seq"));
    if (filter.after_seq != 0) st.exchange(soci::use(after, "after_seq"));
    st.alloc();
    st.prepare(query);
    st.define_and_bind();
    st.execute(true);
    const std::size_t rows = seq.size();
    out.reserve(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      audit::Entry e;
      e.seq = static_cast<std::uint64_t>(seq[i]);
      e.time_us = at[i];
      e.actor = std::move(actor[i]);
      e.organisation = std::move(organisation[i]);
      e.action = audit::parse_action(act[i]).value_or(audit::Action::view);
      e.object_type = std::move(object_type[i]);
      e.object_id = std::move(object_id[i]);
      e.ground = std::move(ground[i]);
      e.rule = std::move(rule[i]);
      e.request_id = std::move(request_id[i]);
      e.source = std::move(source[i]);
      e.outcome = audit::parse_outcome(outcome[i]).value_or(audit::Outcome::success);
      out.push_back(std::move(e));
    }
  });
  if (!done) return tl::unexpected(done.error());
  return out;
}

}  // namespace tafel::storage
