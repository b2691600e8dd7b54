#include "storage/index/sql_index_store.h"

#include <stdexcept>

#include <soci/soci.h>

#include "storage/accounts_sql.h"

namespace tafel::storage {

using app::index::Answer;
using app::index::StoredMatch;
using app::index::StoredSignal;

namespace {

constexpr const char* kSignalColumns =
    "id, organisation_id, contact_point_id, registered_by, since, ground_kind, consent_id, statute, number_hash, clk, "
    "block_year, block_day_month, state, created_at, inactive_at, delete_at";
constexpr const char* kMatchColumns =
    "id, signal_a, signal_b, certainty, score_permille, answer_a, answer_b, created_at";

std::string clk_hex(const index::Clk& clk) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(index::kClkWords * 16);
  for (auto w : clk.words) {
    for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kHex[(w >> shift) & 15]);
  }
  return out;
}

index::Clk clk_of(const std::string& hex) {
  if (hex.size() != index::kClkWords * 16) throw std::runtime_error("corrupt CLK");
  index::Clk clk;
  for (std::size_t i = 0; i < index::kClkWords; ++i) {
    clk.words[i] = std::stoull(hex.substr(i * 16, 16), nullptr, 16);
  }
  return clk;
}

StoredSignal read_signal(const soci::row& r, bool with_encoding = true) {
  StoredSignal s;
  s.id = sql::integer(r, 0);
  s.organisation = sql::integer(r, 1);
  s.contact_point = sql::integer(r, 2);
  s.registered_by = sql::integer(r, 3);
  s.since = sql::text(r, 4);
  auto ground = app::index::parse_ground_kind(sql::text(r, 5));
  if (!ground) throw std::runtime_error("unknown ground");
  s.ground = *ground;
  s.consent_id = sql::integer(r, 6);
  s.statute = sql::text(r, 7);
  s.number_hash = sql::text(r, 8);
  std::string clk = sql::text(r, 9);
  if (!clk.empty()) {
    index::Encoding e;
    if (with_encoding) e.clk = clk_of(clk);
    e.blocks.year = static_cast<std::uint32_t>(sql::integer(r, 10));
    e.blocks.day_month = static_cast<std::uint32_t>(sql::integer(r, 11));
    s.encoding = e;
  }
  auto state = app::index::parse_signal_state(sql::text(r, 12));
  if (!state) throw std::runtime_error("unknown signal state");
  s.state = *state;
  s.created_at_us = sql::integer(r, 13);
  s.inactive_at_us = sql::integer(r, 14);
  s.delete_at_us = sql::integer(r, 15);
  return s;
}

StoredMatch read_match(const soci::row& r) {
  StoredMatch m;
  m.id = sql::integer(r, 0);
  m.signal_a = sql::integer(r, 1);
  m.signal_b = sql::integer(r, 2);
  auto certainty = app::index::parse_certainty(sql::text(r, 3));
  auto a = app::index::parse_answer(sql::text(r, 5));
  auto b = app::index::parse_answer(sql::text(r, 6));
  if (!certainty || !a || !b) throw std::runtime_error("corrupt match");
  m.certainty = *certainty;
  m.score_permille = static_cast<int>(sql::integer(r, 4));
  m.answer_a = *a;
  m.answer_b = *b;
  m.created_at_us = sql::integer(r, 7);
  return m;
}

}  // namespace

Result<std::int64_t> SqlIndexStore::add_signal(const StoredSignal& signal) {
  long long id = 0;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = signal.organisation, point = signal.contact_point, by = signal.registered_by,
              consent = signal.consent_id, created = signal.created_at_us, inactive = signal.inactive_at_us,
              deleted = signal.delete_at_us;
    long long year = signal.encoding ? signal.encoding->blocks.year : 0;
    long long day_month = signal.encoding ? signal.encoding->blocks.day_month : 0;
    std::string ground(app::index::name_of(signal.ground)), state(app::index::name_of(signal.state));
    std::string clk = signal.encoding ? clk_hex(signal.encoding->clk) : std::string();
    soci::indicator consent_ind = signal.ground == app::index::GroundKind::consent ? soci::i_ok : soci::i_null;
    soci::indicator number_ind = signal.number_hash.empty() ? soci::i_null : soci::i_ok;
    soci::indicator clk_ind = signal.encoding ? soci::i_ok : soci::i_null;
    s << "INSERT INTO index_signals (organisation_id, contact_point_id, registered_by, since, ground_kind, "
         "consent_id, statute, number_hash, clk, block_year, block_day_month, state, created_at, inactive_at, "
         "delete_at) VALUES (:o, :p, :b, :s, :g, :c, :st, :n, :k, :y, :dm, :state, :at, :ia, :da) RETURNING id",
        soci::use(org), soci::use(point), soci::use(by), soci::use(signal.since), soci::use(ground),
        soci::use(consent, consent_ind), soci::use(signal.statute), soci::use(signal.number_hash, number_ind),
        soci::use(clk, clk_ind), soci::use(year, clk_ind), soci::use(day_month, clk_ind), soci::use(state),
        soci::use(created), soci::use(inactive), soci::use(deleted), soci::into(id);
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<std::vector<StoredSignal>> SqlIndexStore::select_signals(const std::string& where, long long a, long long b,
                                                                const std::string* text) {
  std::vector<StoredSignal> out;
  auto r = db_.with_session([&](soci::session& s) {
    std::string sql = std::string("SELECT ") + kSignalColumns + " FROM index_signals WHERE " + where;
    if (text) {
      soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(*text), soci::use(a));
      for (const auto& row : rows) out.push_back(read_signal(row));
    } else if (b != 0) {
      soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(a), soci::use(b));
      for (const auto& row : rows) out.push_back(read_signal(row));
    } else {
      soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(a));
      for (const auto& row : rows) out.push_back(read_signal(row));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::optional<StoredSignal>> SqlIndexStore::find_signal(std::int64_t id) {
  auto rows = select_signals("id = :i", id, 0);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<StoredSignal>{};
  return std::optional<StoredSignal>(std::move(rows->front()));
}

Result<std::vector<StoredSignal>> SqlIndexStore::signals_of(access::OrganisationId organisation) {
  auto rows = select_signals("organisation_id = :o ORDER BY id DESC", organisation, 0);
  if (!rows) return tl::unexpected(rows.error());
  for (auto& s : *rows) {
    if (s.encoding) s.encoding->clk = {};  // the list needs to know only that there is one
  }
  return rows;
}

Result<bool> SqlIndexStore::remove_signal(std::int64_t id) {
  long long count = 0, key = id;
  auto r = db_.transaction([&](soci::session& s) {
    // Both engines cascade, but SQLite only with foreign keys on: delete explicitly.
    s << "DELETE FROM index_matches WHERE signal_a = :a", soci::use(key);
    s << "DELETE FROM index_matches WHERE signal_b = :b", soci::use(key);
    s << "SELECT COUNT(*) FROM index_signals WHERE id = :i", soci::use(key), soci::into(count);
    s << "DELETE FROM index_signals WHERE id = :i", soci::use(key);
  });
  if (!r) return tl::unexpected(r.error());
  return count > 0;
}

Result<std::vector<StoredSignal>> SqlIndexStore::with_number(const std::string& hash,
                                                             access::OrganisationId except) {
  return select_signals("number_hash = :h AND organisation_id <> :o", except, 0, &hash);
}

Result<std::vector<StoredSignal>> SqlIndexStore::in_blocks(const index::BlockingKeys& keys,
                                                           access::OrganisationId except) {
  // Two indexed lookups, the year block and the (day, month) block; a signal in both
  // is kept once.
  auto by_year = select_signals("block_year = :y AND organisation_id <> :o", keys.year, except);
  if (!by_year) return tl::unexpected(by_year.error());
  auto by_day_month = select_signals("block_day_month = :d AND organisation_id <> :o", keys.day_month, except);
  if (!by_day_month) return tl::unexpected(by_day_month.error());
  for (auto& s : *by_day_month) {
    if (!s.encoding || s.encoding->blocks.year != keys.year) by_year->push_back(std::move(s));
  }
  return by_year;
}

Result<std::int64_t> SqlIndexStore::add_match(const StoredMatch& m) {
  long long id = 0;
  auto r = db_.with_session([&](soci::session& s) {
    long long a = m.signal_a, b = m.signal_b, score = m.score_permille, at = m.created_at_us;
    std::string certainty(app::index::name_of(m.certainty)), answer_a(app::index::name_of(m.answer_a)),
        answer_b(app::index::name_of(m.answer_b));
    s << "INSERT INTO index_matches (signal_a, signal_b, certainty, score_permille, answer_a, answer_b, created_at) "
         "VALUES (:a, :b, :c, :s, :aa, :ab, :at) RETURNING id",
        soci::use(a), soci::use(b), soci::use(certainty), soci::use(score), soci::use(answer_a), soci::use(answer_b),
        soci::use(at), soci::into(id);
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<std::optional<StoredMatch>> SqlIndexStore::find_match(std::int64_t id) {
  std::optional<StoredMatch> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " << kMatchColumns << " FROM index_matches WHERE id = :i", soci::use(key));
    for (const auto& row : rows) out = read_match(row);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::vector<StoredMatch>> SqlIndexStore::matches_of(access::OrganisationId organisation) {
  std::vector<StoredMatch> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation;
    // The organisation's signals (indexed), then their matches on either side.
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT m.id, m.signal_a, m.signal_b, m.certainty, m.score_permille, m.answer_a, m.answer_b, "
                      "m.created_at FROM index_signals g JOIN index_matches m ON m.signal_a = g.id OR "
                      "m.signal_b = g.id WHERE g.organisation_id = :o ORDER BY m.id DESC",
         soci::use(org));
    for (const auto& row : rows) out.push_back(read_match(row));
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<void> SqlIndexStore::set_answer(std::int64_t match, bool side_a, Answer answer) {
  return db_.with_session([&](soci::session& s) {
    long long id = match;
    std::string value(app::index::name_of(answer));
    if (side_a) {
      s << "UPDATE index_matches SET answer_a = :v WHERE id = :i", soci::use(value), soci::use(id);
    } else {
      s << "UPDATE index_matches SET answer_b = :v WHERE id = :i", soci::use(value), soci::use(id);
    }
  });
}

Result<std::vector<std::int64_t>> SqlIndexStore::deactivate_due(std::int64_t now_us) {
  std::vector<std::int64_t> ids;
  auto r = db_.transaction([&](soci::session& s) {
    long long now = now_us;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id FROM index_signals WHERE state = 'active' AND inactive_at <= :n", soci::use(now));
    for (const auto& row : rows) ids.push_back(sql::integer(row, 0));
    for (auto id : ids) {
      long long key = id;
      s << "UPDATE index_signals SET state = 'inactive' WHERE id = :i", soci::use(key);
    }
  });
  if (!r) return tl::unexpected(r.error());
  return ids;
}

Result<std::vector<std::int64_t>> SqlIndexStore::delete_due(std::int64_t now_us) {
  std::vector<std::int64_t> ids;
  auto r = db_.transaction([&](soci::session& s) {
    long long now = now_us;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id FROM index_signals WHERE delete_at <= :n", soci::use(now));
    for (const auto& row : rows) ids.push_back(sql::integer(row, 0));
  });
  if (!r) return tl::unexpected(r.error());
  for (auto id : ids) {
    auto removed = remove_signal(id);
    if (!removed) return tl::unexpected(removed.error());
  }
  return ids;
}

}  // namespace tafel::storage
