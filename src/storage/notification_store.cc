#include "storage/notification_store.h"

#include <soci/soci.h>

#include "storage/accounts_sql.h"
#include "storage/prepared_statement.h"

namespace tafel::storage {

using app::notify::MailState;
using app::notify::Notification;

namespace {

constexpr const char* kColumns =
    "id, user_id, kind, table_id, meeting_id, once_key, subject, body, link, ics, ics_method, created_at, read_at, "
    "mail_state, attempts, last_error, next_attempt_at";

// Due: pending and its time has come, or claimed by a sender whose claim ran out
// (it stopped while sending). The same condition guards the claiming UPDATE.
constexpr const char* kDue =
    "((mail_state = 'pending' AND next_attempt_at <= :now1) OR (mail_state = 'sending' AND claimed_until < :now2))";

Notification read(const soci::row& r) {
  Notification n;
  n.id = sql::integer(r, 0);
  n.user = sql::integer(r, 1);
  auto kind = app::notify::parse_notification_kind(sql::text(r, 2));
  if (!kind) throw std::runtime_error("unknown notification kind");
  n.kind = *kind;
  n.table_id = sql::nullable_integer(r, 3).value_or(0);  // NULL: a notice of no table (index_match)
  n.meeting_id = sql::integer(r, 4);
  n.once_key = sql::text(r, 5);
  n.subject = sql::text(r, 6);
  n.body = sql::text(r, 7);
  n.link = sql::text(r, 8);
  n.ics = sql::text(r, 9);
  n.ics_method = sql::text(r, 10);
  n.created_at_us = sql::integer(r, 11);
  if (auto at = sql::nullable_integer(r, 12)) n.read_at_us = *at;
  auto state = app::notify::parse_mail_state(sql::text(r, 13));
  if (!state) throw std::runtime_error("unknown mail state");
  n.mail_state = *state;
  n.attempts = static_cast<int>(sql::integer(r, 14));
  n.last_error = sql::text(r, 15);
  n.next_attempt_at_us = sql::integer(r, 16);
  return n;
}

}  // namespace

Result<std::optional<std::int64_t>> SqlNotificationStore::add(const Notification& n) {
  std::optional<std::int64_t> id;
  auto r = db_.transaction([&](soci::session& s) {
    long long user = n.user, table = n.table_id, meeting = n.meeting_id, created = n.created_at_us,
              next = n.next_attempt_at_us, new_id = 0;
    std::string kind(app::notify::name_of(n.kind)), state(app::notify::name_of(n.mail_state));
    soci::indicator once_ind = n.once_key.empty() ? soci::i_null : soci::i_ok;
    soci::indicator table_ind = n.table_id ? soci::i_ok : soci::i_null;
    soci::statement st =
        (s.prepare << "INSERT INTO notification (user_id, kind, table_id, meeting_id, once_key, subject, body, link, "
                      "ics, ics_method, created_at, mail_state, attempts, last_error, next_attempt_at) VALUES "
                      "(:u, :k, :t, :m, :o, :s, :b, :l, :i, :im, :c, :ms, 0, '', :n) "
                      "ON CONFLICT (user_id, once_key) DO NOTHING RETURNING id",
         soci::use(user), soci::use(kind), soci::use(table, table_ind), soci::use(meeting), soci::use(n.once_key, once_ind),
         soci::use(n.subject), soci::use(n.body), soci::use(n.link), soci::use(n.ics), soci::use(n.ics_method),
         soci::use(created), soci::use(state), soci::use(next), soci::into(new_id));
    st.execute(true);
    if (st.got_data()) id = new_id;
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<std::vector<Notification>> SqlNotificationStore::inbox(access::UserId user, std::size_t limit) {
  std::vector<Notification> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long u = user, l = static_cast<long long>(limit);
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " << kColumns
                   << " FROM notification WHERE user_id = :u "
                      "ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC LIMIT :l",
         soci::use(u), soci::use(l));
    for (const auto& row : rows) out.push_back(read(row));
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::int64_t> SqlNotificationStore::unread_count(access::UserId user) {
  std::int64_t count = 0;
  auto r = db_.with_session([&](soci::session& s) {
    long long u = user;
    // Every signed-in page's header asks: kept prepared (ADR 0023).
    PreparedStatement(s, "SELECT COUNT(*) FROM notification WHERE user_id = :u AND read_at IS NULL")
        .for_each_row([&](const soci::row& row) { count = sql::integer(row, 0); }, soci::use(u, "u"));
  });
  if (!r) return tl::unexpected(r.error());
  return count;
}

Result<bool> SqlNotificationStore::mark_read(access::UserId user, std::int64_t id, std::int64_t at_us) {
  bool found = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long u = user, i = id, at = at_us;
    soci::statement st = (s.prepare << "UPDATE notification SET read_at = :a WHERE id = :i AND user_id = :u "
                                       "AND read_at IS NULL",
                          soci::use(at), soci::use(i), soci::use(u));
    st.execute(true);
    if (st.get_affected_rows() > 0) {
      found = true;
      return;
    }
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT COUNT(*) FROM notification WHERE id = :i AND user_id = :u", soci::use(i), soci::use(u));
    for (const auto& row : rows) found = sql::integer(row, 0) > 0;
  });
  if (!r) return tl::unexpected(r.error());
  return found;
}

Result<std::int64_t> SqlNotificationStore::mark_all_read(access::UserId user, std::int64_t at_us) {
  std::int64_t count = 0;
  auto r = db_.transaction([&](soci::session& s) {
    long long u = user, at = at_us;
    soci::statement st = (s.prepare << "UPDATE notification SET read_at = :a WHERE user_id = :u AND read_at IS NULL",
                          soci::use(at), soci::use(u));
    st.execute(true);
    count = st.get_affected_rows();
  });
  if (!r) return tl::unexpected(r.error());
  return count;
}

Result<std::vector<Notification>> SqlNotificationStore::claim_due_mail(std::int64_t now_us, std::int64_t claim_until_us,
                                                                       std::size_t limit) {
  std::vector<Notification> claimed;
  auto r = db_.transaction([&](soci::session& s) {
    claimed.clear();  // a retried transaction starts over
    long long now = now_us, until = claim_until_us, l = static_cast<long long>(limit);
    std::vector<long long> candidates;
    {
      soci::rowset<soci::row> rows =
          (s.prepare << "SELECT id FROM notification WHERE " << kDue << " ORDER BY next_attempt_at, id LIMIT :l",
           soci::use(now), soci::use(now), soci::use(l));
      for (const auto& row : rows) candidates.push_back(sql::integer(row, 0));
    }
    for (long long id : candidates) {
      // Guarded: another server may have taken the row since the SELECT; then this
      // UPDATE changes nothing (PostgreSQL re-checks the condition after waiting
      // for the other transaction; SQLite serialises writers).
      soci::statement st =
          (s.prepare << "UPDATE notification SET mail_state = 'sending', claimed_until = :c, attempts = attempts + 1 "
                        "WHERE id = :i AND "
                     << kDue,
           soci::use(until), soci::use(id), soci::use(now), soci::use(now));
      st.execute(true);
      if (st.get_affected_rows() != 1) continue;
      soci::rowset<soci::row> rows =
          (s.prepare << "SELECT " << kColumns << " FROM notification WHERE id = :i", soci::use(id));
      for (const auto& row : rows) claimed.push_back(read(row));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return claimed;
}

Result<void> SqlNotificationStore::finish(std::int64_t id, const char* state, const std::string& error,
                                          std::optional<std::int64_t> next_attempt_us) {
  return db_.transaction([&](soci::session& s) {
    long long i = id, next = next_attempt_us.value_or(0);
    std::string st = state;
    std::string e = error.substr(0, 500);
    if (next_attempt_us) {
      s << "UPDATE notification SET mail_state = :s, last_error = :e, next_attempt_at = :n, claimed_until = 0 "
           "WHERE id = :i AND mail_state = 'sending'",
          soci::use(st), soci::use(e), soci::use(next), soci::use(i);
    } else {
      s << "UPDATE notification SET mail_state = :s, last_error = :e, claimed_until = 0 "
           "WHERE id = :i AND mail_state = 'sending'",
          soci::use(st), soci::use(e), soci::use(i);
    }
  });
}

Result<void> SqlNotificationStore::mail_sent(std::int64_t id) { return finish(id, "sent", "", std::nullopt); }

Result<void> SqlNotificationStore::mail_retry(std::int64_t id, const std::string& error, std::int64_t next_attempt_us) {
  return finish(id, "pending", error, next_attempt_us);
}

Result<void> SqlNotificationStore::mail_failed(std::int64_t id, const std::string& error) {
  return finish(id, "failed", error, std::nullopt);
}

Result<std::optional<Notification>> SqlNotificationStore::find(std::int64_t id) {
  std::optional<Notification> found;
  auto r = db_.with_session([&](soci::session& s) {
    long long i = id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT " << kColumns << " FROM notification WHERE id = :i", soci::use(i));
    for (const auto& row : rows) found = read(row);
  });
  if (!r) return tl::unexpected(r.error());
  return found;
}

}  // namespace tafel::storage
