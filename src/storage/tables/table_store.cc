#include "storage/tables/table_store.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>
#include <unordered_map>

#include <soci/soci.h>

#include "storage/accounts_sql.h"
#include "storage/prepared_statement.h"
#include "storage/sharing_world_generation.h"

namespace tafel::storage {

using namespace tafel::tables;
using app::tables::FeedOwner;

namespace {

std::int64_t now_us(const app::Clock& clock) { return clock.now().time_since_epoch().count(); }

void write_members(soci::session& s, const Table& t) {
  std::int64_t id = t.id;
  s << "DELETE FROM consultation_table_members WHERE table_id = :t", soci::use(id);
  for (auto org : t.members) {
    std::int64_t o = org;
    s << "INSERT INTO consultation_table_members (table_id, organisation_id) VALUES (:t, :o)", soci::use(id),
        soci::use(o);
  }
}

// The organisations `t` sent a feedback form to: what received_feedback looks up.
void write_feedback_recipients(soci::session& s, const Table& t) {
  std::int64_t id = t.id;
  s << "DELETE FROM consultation_table_feedback_recipients WHERE table_id = :t", soci::use(id);
  std::vector<std::int64_t> recipients;
  for (const auto& m : t.meetings) {
    for (const auto& f : m.feedback) {
      if (f.state == FeedbackState::sent &&
          std::find(recipients.begin(), recipients.end(), f.recipient) == recipients.end()) {
        recipients.push_back(f.recipient);
      }
    }
  }
  for (auto org : recipients) {
    std::int64_t o = org;
    s << "INSERT INTO consultation_table_feedback_recipients (table_id, organisation_id) VALUES (:t, :o)",
        soci::use(id), soci::use(o);
  }
}

// What of `t` the sharing engine's world reads (app/decisions/record_sharing_world.cc):
// a save that leaves it unchanged leaves the world's generation alone.
std::string world_fingerprint(const Table& t) {
  std::string out = t.name;
  out += '\n';
  out += sharing::name_of(t.basis);
  out += t.basis_approved() ? "+approved\n" : "\n";
  out += t.basis_reference;
  out += '\n' + std::to_string(t.finality.bits()) + '\n';
  for (auto org : t.members) out += std::to_string(org) + ",";
  return out;
}

// The head document: the table without its meetings and actions (those are rows).
std::string encode_head(const Table& t) {
  Table head = t;
  head.meetings.clear();
  head.actions.clear();
  return encode_table(head);
}

bool has_sent_feedback(const Meeting& m) {
  return selects(TableParts::of_meetings(TableParts::Meetings::with_sent_feedback), m);
}

// Writes the rows of one kind of part (meetings or actions) of table `id`, in
// `now`'s order, touching only those that changed: a save of a ten-year-old table
// rewrites the meeting it changed, not 120. With `known` (the rows as stored, from
// the cache) the parts are compared field by field and only the changed ones are
// encoded; without, the stored documents are read and compared with the encoded ones.
template <typename Part, typename Encode, typename Write, typename Remove>
void write_changed(soci::session& s, long long id, std::string_view select, const std::vector<Part>& now,
                   const std::vector<Part>* known, const std::vector<long long>* known_positions, Encode encode,
                   Write write, Remove remove) {
  if (known) {
    std::unordered_map<long long, std::size_t> stored;  // part id -> index in *known
    stored.reserve(known->size());
    for (std::size_t i = 0; i < known->size(); ++i) stored.emplace((*known)[i].id, i);
    for (std::size_t i = 0; i < now.size(); ++i) {
      auto old = stored.find(now[i].id);
      if (old == stored.end()) {
        write(now[i], static_cast<long long>(i), encode(now[i]), true);
        continue;
      }
      if ((*known_positions)[old->second] != static_cast<long long>(i) || !((*known)[old->second] == now[i])) {
        write(now[i], static_cast<long long>(i), encode(now[i]), false);
      }
      stored.erase(old);
    }
    for (const auto& [gone, unused] : stored) remove(gone);
    return;
  }
  std::unordered_map<long long, std::pair<long long, std::string>> stored;  // part id -> (position, document)
  PreparedStatement(s, select).for_each_row(
      [&](const soci::row& row) {
        stored[sql::integer(row, 0)] = {sql::integer(row, 1), row.get<std::string>(2)};
      },
      soci::use(id, "t"));
  for (std::size_t i = 0; i < now.size(); ++i) {
    std::string doc = encode(now[i]);
    auto old = stored.find(now[i].id);
    if (old == stored.end()) {
      write(now[i], static_cast<long long>(i), std::move(doc), true);
      continue;
    }
    if (old->second.first != static_cast<long long>(i) || old->second.second != doc) {
      write(now[i], static_cast<long long>(i), std::move(doc), false);
    }
    stored.erase(old);
  }
  for (const auto& [gone, unused] : stored) remove(gone);
}

// Writes `t`'s meetings and actions as rows, touching only those that changed
// (`known`: the rows as stored, or nullptr to read them).
void write_parts(soci::session& s, const Table& t, const TablePartsCache::Parts* known) {
  long long id = t.id;
  write_changed(
      s, id, "SELECT meeting_id, position, document FROM consultation_table_meetings WHERE table_id = :t", t.meetings,
      known ? &known->meetings : nullptr, known ? &known->meeting_positions : nullptr, encode_meeting_document,
      [&](const Meeting& m, long long pos, std::string doc, bool fresh) {
        long long mid = m.id, starts = m.starts_at_us, ends = m.ends_at_us;
        int sent = has_sent_feedback(m) ? 1 : 0;
        std::string status(name_of(m.status));
        if (fresh) {
          PreparedStatement(s,
                            "INSERT INTO consultation_table_meetings (table_id, meeting_id, position, starts_at_us, "
                            "ends_at_us, status, sent_feedback, document) VALUES (:t, :m, :p, :s, :e, :st, :f, :d)")
              .execute(soci::use(id, "t"), soci::use(mid, "m"), soci::use(pos, "p"), soci::use(starts, "s"),
                       soci::use(ends, "e"), soci::use(status, "st"), soci::use(sent, "f"), soci::use(doc, "d"));
        } else {
          PreparedStatement(s,
                            "UPDATE consultation_table_meetings SET position = :p, starts_at_us = :s, ends_at_us = :e, "
                            "status = :st, sent_feedback = :f, document = :d WHERE table_id = :t AND meeting_id = :m")
              .execute(soci::use(pos, "p"), soci::use(starts, "s"), soci::use(ends, "e"), soci::use(status, "st"),
                       soci::use(sent, "f"), soci::use(doc, "d"), soci::use(id, "t"), soci::use(mid, "m"));
        }
      },
      [&](long long mid) {
        PreparedStatement(s, "DELETE FROM consultation_table_meetings WHERE table_id = :t AND meeting_id = :m")
            .execute(soci::use(id, "t"), soci::use(mid, "m"));
      });
  write_changed(
      s, id, "SELECT action_id, position, document FROM consultation_table_actions WHERE table_id = :t", t.actions,
      known ? &known->actions : nullptr, known ? &known->action_positions : nullptr, encode_action_document,
      [&](const ActionItem& a, long long pos, std::string doc, bool fresh) {
        long long aid = a.id, org = a.owner_organisation, user = a.owner_user;
        std::string status(name_of(a.status)), due = a.due;
        if (fresh) {
          PreparedStatement(s,
                            "INSERT INTO consultation_table_actions (table_id, action_id, position, owner_organisation, "
                            "owner_user, due, status, document) VALUES (:t, :a, :p, :o, :u, :d, :s, :doc)")
              .execute(soci::use(id, "t"), soci::use(aid, "a"), soci::use(pos, "p"), soci::use(org, "o"),
                       soci::use(user, "u"), soci::use(due, "d"), soci::use(status, "s"), soci::use(doc, "doc"));
        } else {
          PreparedStatement(s,
                            "UPDATE consultation_table_actions SET position = :p, owner_organisation = :o, "
                            "owner_user = :u, due = :d, status = :s, document = :doc WHERE table_id = :t AND "
                            "action_id = :a")
              .execute(soci::use(pos, "p"), soci::use(org, "o"), soci::use(user, "u"), soci::use(due, "d"),
                       soci::use(status, "s"), soci::use(doc, "doc"), soci::use(id, "t"), soci::use(aid, "a"));
        }
      },
      [&](long long aid) {
        PreparedStatement(s, "DELETE FROM consultation_table_actions WHERE table_id = :t AND action_id = :a")
            .execute(soci::use(id, "t"), soci::use(aid, "a"));
      });
}

// Decodes the rows of a (document, version) query, in order.
Result<std::vector<Table>> decode_rows(std::vector<std::pair<std::string, long long>>& rows) {
  std::vector<Table> out;
  for (auto& [document, version] : rows) {
    auto t = decode_table(document);
    if (!t) return tl::unexpected(t.error());
    t->version = version;
    out.push_back(std::move(*t));
  }
  return out;
}

// The head of table `id` (no meetings, no actions), or nullopt.
Result<std::optional<Table>> read_head(soci::session& s, long long id) {
  std::string document;
  long long version = 0;
  soci::indicator found = soci::i_null;
  PreparedStatement(s, "SELECT document, version FROM consultation_tables WHERE id = :i")
      .execute(soci::use(id, "i"), soci::into(document, found), soci::into(version));
  if (found != soci::i_ok) return std::optional<Table>();
  auto t = decode_table(document);
  if (!t) return tl::unexpected(t.error());
  t->id = id;
  t->version = version;
  return std::optional<Table>(std::move(*t));
}

// Every meeting and action of table `id` as stored, in order.
Result<TablePartsCache::Parts> read_all_parts(soci::session& s, long long id) {
  TablePartsCache::Parts parts;
  Result<void> read = {};
  PreparedStatement(s, "SELECT position, document FROM consultation_table_meetings WHERE table_id = :t "
                       "ORDER BY position")
      .for_each_row(
          [&](const soci::row& row) {
            if (!read) return;
            auto m = decode_meeting_document(row.get<std::string>(1));
            if (!m) {
              read = tl::unexpected(m.error());
              return;
            }
            parts.meeting_positions.push_back(sql::integer(row, 0));
            parts.meetings.push_back(std::move(*m));
          },
          soci::use(id, "t"));
  if (!read) return tl::unexpected(read.error());
  PreparedStatement(s, "SELECT position, document FROM consultation_table_actions WHERE table_id = :t "
                       "ORDER BY position")
      .for_each_row(
          [&](const soci::row& row) {
            if (!read) return;
            auto a = decode_action_document(row.get<std::string>(1));
            if (!a) {
              read = tl::unexpected(a.error());
              return;
            }
            parts.action_positions.push_back(sql::integer(row, 0));
            parts.actions.push_back(std::move(*a));
          },
          soci::use(id, "t"));
  if (!read) return tl::unexpected(read.error());
  return parts;
}

}  // namespace

Result<Table> SqlTableStore::insert(Table table) {
  std::int64_t at = now_us(clock_);
  auto r = db_.transaction([&](soci::session& s) {
    std::string placeholder = "{}";
    long long version = 1;
    long long id = 0;
    s << "INSERT INTO consultation_tables (name, version, document, created_at, updated_at) "
         "VALUES (:n, :v, :d, :c, :u) RETURNING id",
        soci::use(table.name), soci::use(version), soci::use(placeholder), soci::use(at), soci::use(at),
        soci::into(id);
    table.id = id;
    table.version = 1;
    std::string document = encode_head(table);
    std::string fingerprint = world_fingerprint(table);
    s << "UPDATE consultation_tables SET document = :d, world_fingerprint = :w WHERE id = :i", soci::use(document),
        soci::use(fingerprint), soci::use(id);
    TablePartsCache::Parts none;
    write_parts(s, table, &none);  // every part is new
    write_members(s, table);
    write_feedback_recipients(s, table);
    bump_sharing_world(s);  // a new table of the sharing engine's world
  });
  if (!r) return tl::unexpected(r.error());
  return table;
}

Result<std::optional<Table>> SqlTableStore::find(std::int64_t id) {
  std::optional<Table> out;
  Result<void> read = {};
  // A transaction's own reads may hold writes that roll back: never kept.
  const bool keep = db_.current_transaction() == nullptr;
  auto r = db_.with_session([&](soci::session& s) {
    auto head = read_head(s, id);
    if (!head || !*head) {
      read = head ? Result<void>() : tl::unexpected(head.error());
      return;
    }
    Table& t = **head;
    auto kept = parts_cache_.at(id, t.version);
    if (!kept) {
      auto parts = read_all_parts(s, id);
      if (!parts) {
        read = tl::unexpected(parts.error());
        return;
      }
      if (!keep) {
        t.meetings = std::move(parts->meetings);
        t.actions = std::move(parts->actions);
        out = std::move(*head);
        return;
      }
      // The rows were read after the head: they are of its version or, when a save
      // came between, of a later one, which update() then refuses as a conflict
      // and no read sees under this version again (versions only grow).
      kept = std::make_shared<const TablePartsCache::Parts>(std::move(*parts));
      parts_cache_.remember(id, t.version, kept);
    }
    t.meetings = kept->meetings;
    t.actions = kept->actions;
    out = std::move(*head);
  });
  if (!r) return tl::unexpected(r.error());
  if (!read) return tl::unexpected(read.error());
  return out;
}

Result<Table> SqlTableStore::update(Table table) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  // The rows as stored at the version `table` was read at, when find() kept them.
  auto known = parts_cache_.at(table.id, table.version);
  auto r = db_.transaction([&](soci::session& s) {
    long long id = table.id, current = 0;
    std::string was;
    soci::indicator found = soci::i_null;
    PreparedStatement(s, "SELECT version, world_fingerprint FROM consultation_tables WHERE id = :i")
        .execute(soci::use(id, "i"), soci::into(current, found), soci::into(was));
    if (found != soci::i_ok) {
      missing = true;
      return;
    }
    if (current != table.version) {
      conflict = true;
      return;
    }
    long long next = current + 1;
    Table saved = table;
    saved.version = next;
    std::string document = encode_head(saved);
    std::string fingerprint = world_fingerprint(saved);
    // The version condition makes the check and the write one step on both engines;
    // from here the head's row is locked: the stored rows are those of `current`.
    PreparedStatement head(s,
                           "UPDATE consultation_tables SET name = :n, version = :v, document = :d, "
                           "world_fingerprint = :w, updated_at = :u WHERE id = :i AND version = :c");
    head.execute(soci::use(saved.name, "n"), soci::use(next, "v"), soci::use(document, "d"),
                 soci::use(fingerprint, "w"), soci::use(at, "u"), soci::use(id, "i"), soci::use(current, "c"));
    if (head.affected_rows() != 1) {  // PostgreSQL: saved by another transaction since the SELECT
      conflict = true;
      return;
    }
    write_parts(s, saved, known.get());
    write_members(s, saved);
    write_feedback_recipients(s, saved);
    if (fingerprint != was) bump_sharing_world(s);
    table = std::move(saved);
  });
  // The kept version is no longer the stored one (or this save rolled back).
  parts_cache_.forget(table.id);
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such table");
  if (conflict) return fail("conflict", "the table changed meanwhile; reload and retry");
  return table;
}

Result<std::vector<Table>> SqlTableStore::list(std::optional<access::OrganisationId> organisation) {
  auto tables = heads(organisation);
  if (!tables) return tables;
  Result<void> read = {};
  auto r = db_.with_session([&](soci::session& s) {
    for (auto& t : *tables) {
      auto parts = read_all_parts(s, t.id);
      if (!parts) {
        read = tl::unexpected(parts.error());
        return;
      }
      t.meetings = std::move(parts->meetings);
      t.actions = std::move(parts->actions);
    }
  });
  if (!r) return tl::unexpected(r.error());
  if (!read) return tl::unexpected(read.error());
  return tables;
}

Result<std::vector<Table>> SqlTableStore::heads(std::optional<access::OrganisationId> organisation) {
  std::vector<std::pair<std::string, long long>> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0);
    auto each = [&](const soci::row& row) { rows.emplace_back(row.get<std::string>(0), sql::integer(row, 1)); };
    if (organisation) {
      PreparedStatement(s, "SELECT t.document, t.version FROM consultation_tables t JOIN consultation_table_members m "
                           "ON m.table_id = t.id WHERE m.organisation_id = :o ORDER BY t.name, t.id")
          .for_each_row(each, soci::use(org, "o"));
    } else {
      PreparedStatement(s, "SELECT document, version FROM consultation_tables ORDER BY name, id").for_each_row(each);
    }
  });
  if (!r) return tl::unexpected(r.error());
  return decode_rows(rows);
}

Result<std::vector<Table>> SqlTableStore::heads_page(std::optional<access::OrganisationId> organisation,
                                                     std::optional<std::int64_t> after, std::size_t limit) {
  std::vector<std::pair<std::string, long long>> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0), from = after.value_or(0), n = static_cast<long long>(limit);
    // The cursor is a table's number; the page starts after its (name, id), read by
    // primary key, so the walk follows the index on (name, id) of migration 0026.
    std::string sql = organisation ? "SELECT t.document, t.version FROM consultation_table_members m JOIN "
                                     "consultation_tables t ON t.id = m.table_id WHERE m.organisation_id = :o"
                                   : "SELECT t.document, t.version FROM consultation_tables t WHERE 1 = 1";
    if (after) sql += " AND (t.name, t.id) > (SELECT c.name, c.id FROM consultation_tables c WHERE c.id = :a)";
    sql += " ORDER BY t.name, t.id LIMIT :n";
    PreparedStatement(s, sql).for_each_row_bound(
        [&](const soci::row& row) { rows.emplace_back(row.get<std::string>(0), sql::integer(row, 1)); },
        [&](soci::statement& st) {
          if (organisation) st.exchange(soci::use(org, "o"));
          if (after) st.exchange(soci::use(from, "a"));
          st.exchange(soci::use(n, "n"));
        });
  });
  if (!r) return tl::unexpected(r.error());
  return decode_rows(rows);
}

Result<std::vector<Table>> SqlTableStore::with_parts(std::optional<access::OrganisationId> organisation,
                                                     const TableParts& parts) {
  std::map<long long, std::vector<Meeting>> meetings;
  std::map<long long, std::vector<ActionItem>> actions;
  std::vector<Table> out;
  Result<void> read = {};
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0);
    // Appends a (table id, document) row, decoded, to its table's parts.
    auto collect = [&](const soci::row& row, auto decode, auto& into) {
      if (!read) return;
      auto part = decode(row.get<std::string>(1));
      if (!part) {
        read = tl::unexpected(part.error());
        return;
      }
      into[sql::integer(row, 0)].push_back(std::move(*part));
    };
    if (parts.selects_meetings()) {
      // The members drive the join (CROSS JOIN fixes SQLite's order): an
      // organisation's few tables, then their meetings by primary key.
      std::string sql = organisation ? "SELECT m.table_id, m.document FROM consultation_table_members mm "
                                       "CROSS JOIN consultation_table_meetings m WHERE m.table_id = mm.table_id "
                                       "AND mm.organisation_id = :o AND "
                                     : "SELECT m.table_id, m.document FROM consultation_table_meetings m WHERE ";
      long long from = parts.from_us, until = parts.until_us, limit = static_cast<long long>(parts.limit);
      switch (parts.meetings) {
        case TableParts::Meetings::upcoming:
          sql += "m.status IN ('planned', 'open') AND m.ends_at_us >= :f ORDER BY m.starts_at_us, m.table_id, "
                 "m.position";
          if (limit > 0) sql += " LIMIT :n";
          break;
        case TableParts::Meetings::planned_between:
          sql += "m.status = 'planned' AND m.starts_at_us > :f AND m.starts_at_us <= :u ORDER BY m.table_id, "
                 "m.position";
          break;
        case TableParts::Meetings::with_sent_feedback:
          sql += "m.sent_feedback = 1 ORDER BY m.table_id, m.position";
          break;
        case TableParts::Meetings::none:
          break;
      }
      // One of a few fixed texts (the filters choose it; values are bound).
      PreparedStatement(s, sql).for_each_row_bound(
          [&](const soci::row& row) { collect(row, decode_meeting_document, meetings); },
          [&](soci::statement& st) {
            if (organisation) st.exchange(soci::use(org, "o"));
            if (parts.meetings != TableParts::Meetings::with_sent_feedback) st.exchange(soci::use(from, "f"));
            if (parts.meetings == TableParts::Meetings::planned_between) st.exchange(soci::use(until, "u"));
            if (parts.meetings == TableParts::Meetings::upcoming && limit > 0) st.exchange(soci::use(limit, "n"));
          });
      if (!read) return;
    }
    if (parts.open_actions) {
      std::string sql = organisation ? "SELECT a.table_id, a.document FROM consultation_table_actions a JOIN "
                                       "consultation_table_members mm ON mm.table_id = a.table_id AND "
                                       "mm.organisation_id = :o WHERE a.status = 'open'"
                                     : "SELECT a.table_id, a.document FROM consultation_table_actions a WHERE "
                                       "a.status = 'open'";
      long long user = parts.action_owner_user.value_or(0), owner = parts.action_owner_organisation.value_or(0);
      std::string due = parts.due_before;
      if (parts.action_owner_user) sql += " AND a.owner_user = :u";
      if (parts.action_owner_organisation) sql += " AND a.owner_organisation = :w";
      if (!due.empty()) sql += " AND a.due < :d";
      sql += " ORDER BY a.table_id, a.position";
      PreparedStatement(s, sql).for_each_row_bound(
          [&](const soci::row& row) { collect(row, decode_action_document, actions); },
          [&](soci::statement& st) {
            if (organisation) st.exchange(soci::use(org, "o"));
            if (parts.action_owner_user) st.exchange(soci::use(user, "u"));
            if (parts.action_owner_organisation) st.exchange(soci::use(owner, "w"));
            if (!due.empty()) st.exchange(soci::use(due, "d"));
          });
      if (!read) return;
    }
    std::vector<long long> ids;
    for (const auto& [id, unused] : meetings) ids.push_back(id);
    for (const auto& [id, unused] : actions) {
      if (!meetings.contains(id)) ids.push_back(id);
    }
    for (long long id : ids) {
      auto head = read_head(s, id);
      if (!head) {
        read = tl::unexpected(head.error());
        return;
      }
      if (!*head) continue;  // removed meanwhile
      if (auto m = meetings.find(id); m != meetings.end()) (*head)->meetings = std::move(m->second);
      if (auto a = actions.find(id); a != actions.end()) (*head)->actions = std::move(a->second);
      out.push_back(std::move(**head));
    }
  });
  if (!r) return tl::unexpected(r.error());
  if (!read) return tl::unexpected(read.error());
  std::sort(out.begin(), out.end(),
            [](const Table& a, const Table& b) { return a.name != b.name ? a.name < b.name : a.id < b.id; });
  return out;
}

Result<std::vector<Table>> SqlTableStore::with_feedback_to(access::OrganisationId organisation) {
  std::map<long long, std::vector<Meeting>> meetings;
  std::vector<Table> out;
  Result<void> read = {};
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation;
    PreparedStatement(s, "SELECT m.table_id, m.document FROM consultation_table_feedback_recipients f "
                         "CROSS JOIN consultation_table_meetings m WHERE m.table_id = f.table_id "
                         "AND f.organisation_id = :o AND m.sent_feedback = 1 ORDER BY m.table_id, m.position")
        .for_each_row(
            [&](const soci::row& row) {
              if (!read) return;
              auto m = decode_meeting_document(row.get<std::string>(1));
              if (!m) {
                read = tl::unexpected(m.error());
                return;
              }
              meetings[sql::integer(row, 0)].push_back(std::move(*m));
            },
            soci::use(org, "o"));
    if (!read) return;
    for (auto& [id, ms] : meetings) {
      auto head = read_head(s, id);
      if (!head) {
        read = tl::unexpected(head.error());
        return;
      }
      if (!*head) continue;
      (*head)->meetings = std::move(ms);
      out.push_back(std::move(**head));
    }
  });
  if (!r) return tl::unexpected(r.error());
  if (!read) return tl::unexpected(read.error());
  std::sort(out.begin(), out.end(),
            [](const Table& a, const Table& b) { return a.name != b.name ? a.name < b.name : a.id < b.id; });
  return out;
}

Result<void> SqlTableStore::set_feed_token(const FeedOwner& owner, const std::string& digest) {
  std::int64_t at = now_us(clock_);
  return db_.transaction([&](soci::session& s) {
    long long user = owner.user, org = owner.organisation;
    s << "DELETE FROM calendar_feed_tokens WHERE user_id = :u", soci::use(user);
    s << "INSERT INTO calendar_feed_tokens (digest, user_id, organisation_id, created_at) VALUES (:d, :u, :o, :c)",
        soci::use(digest), soci::use(user), soci::use(org), soci::use(at);
  });
}

Result<void> SqlTableStore::revoke_feed_token(access::UserId user) {
  return db_.transaction([&](soci::session& s) {
    long long u = user;
    s << "DELETE FROM calendar_feed_tokens WHERE user_id = :u", soci::use(u);
  });
}

Result<std::optional<FeedOwner>> SqlTableStore::feed_owner(const std::string& digest) {
  long long user = 0, org = 0;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    // A deactivated user's feed stays silent even if its token row survived.
    s << "SELECT f.user_id, f.organisation_id FROM calendar_feed_tokens f JOIN users u ON u.id = f.user_id "
         "WHERE f.digest = :d AND u.active = 1",
        soci::use(digest), soci::into(user, found), soci::into(org);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<FeedOwner>();
  return std::optional<FeedOwner>(FeedOwner{user, org});
}

}  // namespace tafel::storage
