#include "storage/cases/case_store.h"
#include "storage/sharing_world_generation.h"

#include <soci/soci.h>

#include <stdexcept>

#include "storage/accounts_sql.h"
#include "storage/prepared_statement.h"

namespace tafel::storage {

using namespace tafel::cases;
using app::cases::SealedIdentity;

namespace {

// Raised inside a transaction to roll it back with the use case's own error.
struct Abort : std::runtime_error {
  Error error;
  explicit Abort(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
};

void write_tracks(soci::session& s, const Case& c) {
  long long id = c.id;
  s << "DELETE FROM case_tracks WHERE case_id = :i", soci::use(id);
  for (const auto& m : c.tracks) {
    long long org = m.organisation;
    std::string track(name_of(m.track));
    s << "INSERT INTO case_tracks (case_id, organisation_id, track) VALUES (:c, :o, :t)", soci::use(id),
        soci::use(org), soci::use(track);
  }
}

constexpr const char* kColumns =
    "id, table_id, opened_by_organisation, opened_by_user, opened_at, closed_at, minor, vulnerable, informed, "
    "informed_by, informed_at";

Case from_row(const soci::row& r) {
  Case c;
  c.id = sql::integer(r, 0);
  c.table_id = sql::integer(r, 1);
  c.opened_by_organisation = sql::integer(r, 2);
  c.opened_by_user = sql::integer(r, 3);
  c.opened_at_us = sql::integer(r, 4);
  c.closed_at_us = sql::nullable_integer(r, 5).value_or(0);
  c.minor = sql::integer(r, 6) != 0;
  c.vulnerable = sql::integer(r, 7) != 0;
  c.informed = parse_informed(sql::text(r, 8)).value_or(Informed::not_recorded);
  c.informed_by = sql::integer(r, 9);
  c.informed_at_us = sql::integer(r, 10);
  return c;
}

void read_tracks(soci::session& s, std::vector<Case>& cases) {
  for (auto& c : cases) {
    long long id = c.id, org = 0;
    std::string track;
    soci::statement st = (s.prepare << "SELECT organisation_id, track FROM case_tracks WHERE case_id = :i "
                                       "ORDER BY track, organisation_id",
                          soci::use(id), soci::into(org), soci::into(track));
    st.execute();
    while (st.fetch()) c.tracks.push_back({org, parse_track(track).value_or(Track::care)});
  }
}

}  // namespace

Result<Case> SqlCaseStore::insert(Case c, const std::function<Result<SealedIdentity>(std::int64_t)>& seal) {
  std::optional<Error> failed;
  auto r = db_.transaction([&](soci::session& s) {
    bump_sharing_world(s);  // a world input: the cached worlds rebuild
    long long table = c.table_id, org = c.opened_by_organisation, user = c.opened_by_user, at = c.opened_at_us,
              informed_by = c.informed_by, informed_at = c.informed_at_us, id = 0;
    int minor = c.minor ? 1 : 0, vulnerable = c.vulnerable ? 1 : 0;
    std::string informed(name_of(c.informed)), empty;
    s << "INSERT INTO cases (table_id, opened_by_organisation, opened_by_user, opened_at, minor, vulnerable, "
         "informed, informed_by, informed_at, identity, wrapped_key, key_id) "
         "VALUES (:t, :o, :u, :a, :m, :v, :i, :ib, :ia, :x, :y, :z) RETURNING id",
        soci::use(table), soci::use(org), soci::use(user), soci::use(at), soci::use(minor), soci::use(vulnerable),
        soci::use(informed), soci::use(informed_by), soci::use(informed_at), soci::use(empty), soci::use(empty),
        soci::use(empty), soci::into(id);
    c.id = id;
    // The identity is sealed for the new number (its associated data), in the same
    // transaction: a case never exists without its sealed identity.
    auto sealed = seal(c.id);
    if (!sealed) {
      failed = sealed.error();
      throw Abort(sealed.error());
    }
    s << "UPDATE cases SET identity = :x, wrapped_key = :y, key_id = :z WHERE id = :i", soci::use(sealed->ciphertext),
        soci::use(sealed->wrapped_key), soci::use(sealed->key_id), soci::use(id);
    write_tracks(s, c);
  });
  if (failed) return tl::unexpected(*failed);
  if (!r) return tl::unexpected(r.error());
  return c;
}

Result<std::optional<Case>> SqlCaseStore::find(std::int64_t id) {
  std::vector<Case> found;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kColumns + " FROM cases WHERE id = :i",
                                    soci::use(key));
    for (const auto& row : rows) found.push_back(from_row(row));
    read_tracks(s, found);
  });
  if (!r) return tl::unexpected(r.error());
  if (found.empty()) return std::optional<Case>();
  return std::optional<Case>(std::move(found.front()));
}

Result<void> SqlCaseStore::update(const Case& c) {
  bool missing = false;
  auto r = db_.transaction([&](soci::session& s) {
    bump_sharing_world(s);  // a world input: the cached worlds rebuild
    long long id = c.id, informed_by = c.informed_by, informed_at = c.informed_at_us, closed = c.closed_at_us, count = 0;
    s << "SELECT COUNT(*) FROM cases WHERE id = :i", soci::use(id), soci::into(count);
    if (count == 0) {
      missing = true;
      return;
    }
    int minor = c.minor ? 1 : 0, vulnerable = c.vulnerable ? 1 : 0;
    soci::indicator closed_ind = c.closed_at_us ? soci::i_ok : soci::i_null;
    std::string informed(name_of(c.informed));
    s << "UPDATE cases SET closed_at = :c, minor = :m, vulnerable = :v, informed = :i, informed_by = :ib, "
         "informed_at = :ia WHERE id = :id",
        soci::use(closed, closed_ind), soci::use(minor), soci::use(vulnerable), soci::use(informed),
        soci::use(informed_by), soci::use(informed_at), soci::use(id);
    write_tracks(s, c);
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such case");
  return {};
}

Result<std::optional<SealedIdentity>> SqlCaseStore::identity(std::int64_t id) {
  SealedIdentity sealed;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    s << "SELECT identity, wrapped_key, key_id FROM cases WHERE id = :i", soci::use(key),
        soci::into(sealed.ciphertext, found), soci::into(sealed.wrapped_key), soci::into(sealed.key_id);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<SealedIdentity>();
  return std::optional<SealedIdentity>(std::move(sealed));
}

Result<void> SqlCaseStore::set_identity(std::int64_t id, const SealedIdentity& sealed) {
  return db_.transaction([&](soci::session& s) {
    long long key = id;
    s << "UPDATE cases SET identity = :x, wrapped_key = :y, key_id = :z WHERE id = :i", soci::use(sealed.ciphertext),
        soci::use(sealed.wrapped_key), soci::use(sealed.key_id), soci::use(key);
  });
}

Result<std::vector<Case>> SqlCaseStore::list(std::optional<std::int64_t> table_id) {
  std::vector<Case> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long table = table_id.value_or(0);
    std::string sql = std::string("SELECT ") + kColumns + " FROM cases" +
                      (table_id ? " WHERE table_id = :t" : "") + " ORDER BY id DESC";
    if (table_id) {
      soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(table));
      for (const auto& row : rows) out.push_back(from_row(row));
    } else {
      soci::rowset<soci::row> rows = (s.prepare << sql);
      for (const auto& row : rows) out.push_back(from_row(row));
    }
    read_tracks(s, out);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::vector<Case>> SqlCaseStore::list_involving(access::OrganisationId organisation) {
  std::vector<Case> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation;
    std::string sql = std::string("SELECT ") + kColumns +
                      " FROM cases WHERE id IN (SELECT case_id FROM case_tracks WHERE organisation_id = :o) "
                      "ORDER BY id DESC";
    soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(org));
    for (const auto& row : rows) out.push_back(from_row(row));
    read_tracks(s, out);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::vector<Case>> SqlCaseStore::list_page(std::optional<access::OrganisationId> involving,
                                                  std::optional<std::int64_t> before, std::size_t limit) {
  std::vector<Case> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = involving.value_or(0), below = before.value_or(0), n = static_cast<long long>(limit);
    std::string sql = std::string("SELECT ") + kColumns + " FROM cases WHERE 1 = 1";
    if (involving) sql += " AND id IN (SELECT case_id FROM case_tracks WHERE organisation_id = :o)";
    if (before) sql += " AND id < :b";
    sql += " ORDER BY id DESC LIMIT :n";
    PreparedStatement(s, sql).for_each_row_bound([&](const soci::row& row) { out.push_back(from_row(row)); },
                                                 [&](soci::statement& st) {
                                                   if (involving) st.exchange(soci::use(org, "o"));
                                                   if (before) st.exchange(soci::use(below, "b"));
                                                   st.exchange(soci::use(n, "n"));
                                                 });
    read_tracks(s, out);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<bool> SqlCaseStore::remove(std::int64_t id) {
  bool removed = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long key = id;
    // The case row first: on PostgreSQL a concurrent purge of the same case waits on
    // its row lock and then deletes nothing, which is how it learns it came second.
    soci::statement st = (s.prepare << "DELETE FROM cases WHERE id = :i", soci::use(key));
    st.execute(true);
    removed = st.get_affected_rows() > 0;
    if (!removed) return;
    s << "DELETE FROM case_tracks WHERE case_id = :i", soci::use(key);
    bump_sharing_world(s);  // a world input: the cached worlds rebuild
  });
  if (!r) return tl::unexpected(r.error());
  return removed;
}

Result<std::optional<MasterKeyCheck>> SqlCaseStore::key_check() {
  MasterKeyCheck check;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    s << "SELECT key_id, key_check FROM case_master_key WHERE id = 1", soci::into(check.key_id, found),
        soci::into(check.key_check);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<MasterKeyCheck>();
  return std::optional<MasterKeyCheck>(std::move(check));
}

Result<void> SqlCaseStore::set_key_check(const MasterKeyCheck& check) {
  return db_.transaction([&](soci::session& s) {
    s << "DELETE FROM case_master_key WHERE id = 1";
    s << "INSERT INTO case_master_key (id, key_id, key_check) VALUES (1, :k, :c)", soci::use(check.key_id),
        soci::use(check.key_check);
  });
}

Result<std::vector<std::string>> SqlCaseStore::key_ids() {
  std::vector<std::string> out;
  auto r = db_.with_session([&](soci::session& s) {
    std::string id;
    soci::statement st = (s.prepare << "SELECT DISTINCT key_id FROM cases ORDER BY key_id", soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<int> SqlCaseStore::rewrap_all(
    const std::function<Result<SealedIdentity>(std::int64_t, const SealedIdentity&)>& rewrap,
    const MasterKeyCheck& check) {
  int count = 0;
  std::optional<Error> failed;
  auto r = db_.transaction([&](soci::session& s) {
    std::vector<std::pair<std::int64_t, SealedIdentity>> rows;
    {
      long long id = 0;
      SealedIdentity sealed;
      soci::statement st = (s.prepare << "SELECT id, identity, wrapped_key, key_id FROM cases ORDER BY id",
                            soci::into(id), soci::into(sealed.ciphertext), soci::into(sealed.wrapped_key),
                            soci::into(sealed.key_id));
      st.execute();
      while (st.fetch()) rows.emplace_back(id, sealed);
    }
    for (const auto& [id, sealed] : rows) {
      auto next = rewrap(id, sealed);
      if (!next) {
        failed = next.error();
        throw Abort(next.error());
      }
      long long key = id;
      s << "UPDATE cases SET wrapped_key = :y, key_id = :z WHERE id = :i", soci::use(next->wrapped_key),
          soci::use(next->key_id), soci::use(key);
      ++count;
    }
    s << "DELETE FROM case_master_key WHERE id = 1";
    s << "INSERT INTO case_master_key (id, key_id, key_check) VALUES (1, :k, :c)", soci::use(check.key_id),
        soci::use(check.key_check);
  });
  if (failed) return tl::unexpected(*failed);
  if (!r) return tl::unexpected(r.error());
  return count;
}

}  // namespace tafel::storage
