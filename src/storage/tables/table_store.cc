#include "storage/tables/table_store.h"

#include <algorithm>

#include <soci/soci.h>

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
    std::string document = encode_table(table);
    std::string fingerprint = world_fingerprint(table);
    s << "UPDATE consultation_tables SET document = :d, world_fingerprint = :w WHERE id = :i", soci::use(document),
        soci::use(fingerprint), soci::use(id);
    write_members(s, table);
    write_feedback_recipients(s, table);
    bump_sharing_world(s);  // a new table of the sharing engine's world
  });
  if (!r) return tl::unexpected(r.error());
  return table;
}

Result<std::optional<Table>> SqlTableStore::find(std::int64_t id) {
  std::string document;
  long long version = 0;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    s << "SELECT document, version FROM consultation_tables WHERE id = :i", soci::use(key),
        soci::into(document, found), soci::into(version);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<Table>();
  auto t = decode_table(document);
  if (!t) return tl::unexpected(t.error());
  t->id = id;
  t->version = version;
  return std::optional<Table>(std::move(*t));
}

Result<Table> SqlTableStore::update(Table table) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = table.id, current = 0;
    std::string was;
    soci::indicator found = soci::i_null;
    s << "SELECT version, world_fingerprint FROM consultation_tables WHERE id = :i", soci::use(id),
        soci::into(current, found), soci::into(was);
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
    std::string document = encode_table(saved);
    std::string fingerprint = world_fingerprint(saved);
    // The version condition makes the check and the write one step on both engines.
    s << "UPDATE consultation_tables SET name = :n, version = :v, document = :d, world_fingerprint = :w, "
         "updated_at = :u WHERE id = :i AND version = :c",
        soci::use(saved.name), soci::use(next), soci::use(document), soci::use(fingerprint), soci::use(at),
        soci::use(id), soci::use(current);
    write_members(s, saved);
    write_feedback_recipients(s, saved);
    if (fingerprint != was) bump_sharing_world(s);
    table = std::move(saved);
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such table");
  if (conflict) return fail("conflict", "the table changed meanwhile; reload and retry");
  return table;
}

Result<std::vector<Table>> SqlTableStore::list(std::optional<access::OrganisationId> organisation) {
  std::vector<std::pair<std::string, long long>> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0);
    std::string document;
    long long version = 0;
    soci::statement st =
        organisation
            ? (s.prepare << "SELECT t.document, t.version FROM consultation_tables t JOIN consultation_table_members m "
                            "ON m.table_id = t.id WHERE m.organisation_id = :o ORDER BY t.name, t.id",
               soci::use(org), soci::into(document), soci::into(version))
            : (s.prepare << "SELECT document, version FROM consultation_tables ORDER BY name, id", soci::into(document),
               soci::into(version));
    st.execute();
    while (st.fetch()) rows.emplace_back(document, version);
  });
  if (!r) return tl::unexpected(r.error());
  return decode_rows(rows);
}

Result<std::vector<Table>> SqlTableStore::with_feedback_to(access::OrganisationId organisation) {
  std::vector<std::pair<std::string, long long>> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation;
    std::string document;
    long long version = 0;
    soci::statement st =
        (s.prepare << "SELECT t.document, t.version FROM consultation_tables t "
                      "JOIN consultation_table_feedback_recipients f ON f.table_id = t.id "
                      "WHERE f.organisation_id = :o ORDER BY t.name, t.id",
         soci::use(org), soci::into(document), soci::into(version));
    st.execute();
    while (st.fetch()) rows.emplace_back(document, version);
  });
  if (!r) return tl::unexpected(r.error());
  return decode_rows(rows);
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
