#include "storage/accounts_store.h"

#include <soci/soci.h>

#include <stdexcept>

#include "storage/accounts_sql.h"
#include "storage/prepared_statement.h"

namespace tafel::storage {

namespace {

using app::accounts::ApiToken;
using app::accounts::SecurityEvent;
using app::accounts::Session;
using app::accounts::TotpState;

constexpr const char* kUserColumns =
    "id, organisation_id, email, display_name, phone, role, language, active, totp_enrolled";

// Raised in the transaction of every write that ends or changes a credential or its
// user (AccountStore::credentials_generation); writers serialise on this one row,
// which is what makes "same generation" mean "nothing ended since".
void bump_credentials(soci::session& s) {
  PreparedStatement(s, "UPDATE credentials_generation SET generation = generation + 1 WHERE id = 1").execute();
}

access::User read_user(const soci::row& r) {
  access::User u;
  u.id = sql::integer(r, 0);
  u.organisation_id = sql::integer(r, 1);
  u.email = sql::text(r, 2);
  u.display_name = sql::text(r, 3);
  u.phone = sql::text(r, 4);
  auto role = access::parse_role(sql::text(r, 5));
  if (!role) throw std::runtime_error("unknown role in users table");
  u.role = *role;
  u.language = sql::text(r, 6);
  u.active = sql::integer(r, 7) != 0;
  u.second_factor_enrolled = sql::integer(r, 8) != 0;
  return u;
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw std::runtime_error("malformed secret in users table");
  };
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

long long affected(soci::statement& st) { return st.get_affected_rows(); }

std::string join_scopes(const std::vector<std::string>& scopes) { return sql::join(scopes, ' '); }

ApiToken read_token(const soci::row& r) {
  ApiToken t;
  t.id = sql::integer(r, 0);
  t.user_id = sql::integer(r, 1);
  t.name = sql::text(r, 2);
  t.digest = sql::text(r, 3);
  t.scopes = sql::split(sql::text(r, 4), ' ');
  t.created_at = sql::integer(r, 5);
  t.last_used_at = sql::integer(r, 6);
  t.revoked = sql::integer(r, 7) != 0;
  return t;
}

constexpr const char* kTokenColumns = "id, user_id, name, digest, scopes, created_at, last_used_at, revoked";

}  // namespace

Result<access::UserId> SqlAccountStore::create_user(const access::User& user, const std::string& password_hash) {
  long long id = 0;
  bool duplicate = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long taken = 0;
    std::string email = user.email;
    s << "SELECT COUNT(*) FROM users WHERE email = :e", soci::use(email), soci::into(taken);
    if (taken > 0) {
      duplicate = true;
      return;
    }
    long long org = user.organisation_id;
    std::string name = user.display_name, phone = user.phone, role(access::name_of(user.role)),
                lang = user.language, hash = password_hash;
    int active = user.active ? 1 : 0;
    long long now = clock_.now().time_since_epoch().count();
    s << "INSERT INTO users (organisation_id, email, display_name, phone, role, language, active, password_hash, "
         "created_at) VALUES (:o, :e, :n, :p, :r, :l, :a, :h, :t) RETURNING id",
        soci::use(org), soci::use(email), soci::use(name), soci::use(phone), soci::use(role), soci::use(lang),
        soci::use(active), soci::use(hash), soci::use(now), soci::into(id);
  });
  if (!r) return tl::unexpected(r.error());
  if (duplicate) return fail("duplicate_email", "this e-mail address already has an account");
  return id;
}

Result<std::vector<access::User>> SqlAccountStore::users_where(const std::string& condition,
                                                               const std::string& text_value, long long int_value) {
  std::vector<access::User> out;
  auto r = db_.with_session([&](soci::session& s) {
    std::string query = std::string("SELECT ") + kUserColumns + " FROM users WHERE " + condition + " ORDER BY id";
    std::string tv = text_value;
    long long iv = int_value;
    auto each = [&](const soci::row& row) { out.push_back(read_user(row)); };
    if (condition.find(":t") != std::string::npos) {
      PreparedStatement(s, query).for_each_row(each, soci::use(tv, "t"));
    } else {
      PreparedStatement(s, query).for_each_row(each, soci::use(iv, "i"));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::optional<access::User>> SqlAccountStore::find_user(access::UserId id) {
  auto users = users_where("id = :i", "", id);
  if (!users) return tl::unexpected(users.error());
  if (users->empty()) return std::optional<access::User>{};
  return std::optional<access::User>{users->front()};
}

Result<std::optional<access::User>> SqlAccountStore::find_user_by_email(const std::string& email) {
  auto users = users_where("email = :t", email, 0);
  if (!users) return tl::unexpected(users.error());
  if (users->empty()) return std::optional<access::User>{};
  return std::optional<access::User>{users->front()};
}

Result<std::vector<access::User>> SqlAccountStore::list_users(access::OrganisationId organisation) {
  return users_where("organisation_id = :i", "", organisation);
}

Result<void> SqlAccountStore::update_user(const access::User& user) {
  bool missing = false, duplicate = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = user.id;
    std::string email = user.email;
    long long taken = 0;
    s << "SELECT COUNT(*) FROM users WHERE email = :e AND id <> :i", soci::use(email), soci::use(id),
        soci::into(taken);
    if (taken > 0) {
      duplicate = true;
      return;
    }
    long long org = user.organisation_id;
    std::string name = user.display_name, phone = user.phone, role(access::name_of(user.role)),
                lang = user.language;
    int active = user.active ? 1 : 0;
    soci::statement st = (s.prepare << "UPDATE users SET organisation_id = :o, email = :e, display_name = :n, "
                                       "phone = :p, role = :r, language = :l, active = :a WHERE id = :i",
                          soci::use(org), soci::use(email), soci::use(name), soci::use(phone), soci::use(role),
                          soci::use(lang), soci::use(active), soci::use(id));
    st.execute(true);
    missing = affected(st) == 0;
    bump_credentials(s);
  });
  if (!r) return r;
  if (duplicate) return fail("duplicate_email", "this e-mail address already has an account");
  if (missing) return fail("not_found", "no such user");
  return {};
}

Result<std::string> SqlAccountStore::password_hash(access::UserId id) {
  std::string hash;
  soci::indicator ind = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long i = id;
    s << "SELECT password_hash FROM users WHERE id = :i", soci::use(i), soci::into(hash, ind);
  });
  if (!r) return tl::unexpected(r.error());
  if (ind != soci::i_ok) return fail("not_found", "no such user");
  return hash;
}

Result<void> SqlAccountStore::set_password_hash(access::UserId id, const std::string& hash) {
  return db_.transaction([&](soci::session& s) {
    long long i = id;
    std::string h = hash;
    s << "UPDATE users SET password_hash = :h WHERE id = :i", soci::use(h), soci::use(i);
    bump_credentials(s);
  });
}

Result<TotpState> SqlAccountStore::totp(access::UserId id) {
  TotpState state;
  bool found = false;
  std::string stored;
  auto r = db_.with_session([&](soci::session& s) {
    long long i = id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT totp_secret, totp_enrolled, totp_last_step FROM users WHERE id = :i", soci::use(i));
    for (const auto& row : rows) {
      found = true;
      stored = sql::text(row, 0);
      state.enrolled = sql::integer(row, 1) != 0;
      state.last_used_step = sql::integer(row, 2);
    }
  });
  if (!r) return tl::unexpected(r.error());
  if (!found) return fail("not_found", "no such user");
  if (SecretSealer::is_sealed(stored)) {
    auto plain = sealer_ ? sealer_->open(stored) : std::nullopt;
    // Another instance's key file, or altered data: never guess a secret.
    if (!plain) return fail("secret_unreadable", "the second-factor secret cannot be read with this instance's key");
    state.secret = std::move(*plain);
    return state;
  }
  state.secret = from_hex(stored);
  if (sealer_ && !stored.empty()) {
    // A secret from before sealing: seal it now, unless it changed meanwhile.
    std::string sealed = sealer_->seal(state.secret);
    auto resealed = db_.transaction([&](soci::session& s) {
      long long i = id;
      s << "UPDATE users SET totp_secret = :n WHERE id = :i AND totp_secret = :o", soci::use(sealed), soci::use(i),
          soci::use(stored);
    });
    if (!resealed) return tl::unexpected(resealed.error());
  }
  return state;
}

Result<void> SqlAccountStore::set_pending_totp(access::UserId id, const std::vector<std::uint8_t>& secret) {
  return db_.transaction([&](soci::session& s) {
    long long i = id;
    std::string hex = sealer_ ? sealer_->seal(secret) : to_hex(secret);
    s << "UPDATE users SET totp_secret = :s, totp_enrolled = 0, totp_last_step = -1 WHERE id = :i", soci::use(hex),
        soci::use(i);
  });
}

Result<void> SqlAccountStore::confirm_totp(access::UserId id) {
  bool missing = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long i = id;
    soci::statement st =
        (s.prepare << "UPDATE users SET totp_enrolled = 1 WHERE id = :i AND totp_secret <> ''", soci::use(i));
    st.execute(true);
    missing = affected(st) == 0;
    bump_credentials(s);
  });
  if (!r) return r;
  if (missing) return fail("not_found", "no pending second factor");
  return {};
}

Result<void> SqlAccountStore::clear_totp(access::UserId id) {
  return db_.transaction([&](soci::session& s) {
    long long i = id;
    s << "UPDATE users SET totp_secret = '', totp_enrolled = 0, totp_last_step = -1 WHERE id = :i", soci::use(i);
    bump_credentials(s);
  });
}

Result<bool> SqlAccountStore::claim_totp_step(access::UserId id, std::int64_t step) {
  bool claimed = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long i = id, st_value = step;
    soci::statement st = (s.prepare << "UPDATE users SET totp_last_step = :s WHERE id = :i AND totp_last_step < :s2",
                          soci::use(st_value), soci::use(i), soci::use(st_value));
    st.execute(true);
    claimed = affected(st) == 1;
  });
  if (!r) return tl::unexpected(r.error());
  return claimed;
}

Result<void> SqlAccountStore::replace_recovery_codes(access::UserId id, const std::vector<std::string>& digests) {
  return db_.transaction([&](soci::session& s) {
    long long i = id;
    s << "DELETE FROM recovery_codes WHERE user_id = :i", soci::use(i);
    for (const auto& d : digests) {
      std::string digest = d;
      s << "INSERT INTO recovery_codes (user_id, digest) VALUES (:i, :d)", soci::use(i), soci::use(digest);
    }
  });
}

Result<bool> SqlAccountStore::consume_recovery_code(access::UserId id, const std::string& digest) {
  bool consumed = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long i = id, now = clock_.now().time_since_epoch().count();
    std::string d = digest;
    soci::statement st = (s.prepare << "UPDATE recovery_codes SET used_at = :t WHERE user_id = :i AND digest = :d "
                                       "AND used_at IS NULL",
                          soci::use(now), soci::use(i), soci::use(d));
    st.execute(true);
    consumed = affected(st) == 1;
  });
  if (!r) return tl::unexpected(r.error());
  return consumed;
}

Result<int> SqlAccountStore::unused_recovery_codes(access::UserId id) {
  long long n = 0;
  auto r = db_.with_session([&](soci::session& s) {
    long long i = id;
    s << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :i AND used_at IS NULL", soci::use(i), soci::into(n);
  });
  if (!r) return tl::unexpected(r.error());
  return static_cast<int>(n);
}

Result<void> SqlAccountStore::create_session(const Session& session) {
  return db_.transaction([&](soci::session& s) {
    std::string d = session.id_digest, csrf = session.csrf_token;
    long long u = session.user_id, c = session.created_at, l = session.last_seen_at;
    int passed = session.second_factor_passed ? 1 : 0;
    s << "INSERT INTO sessions (id_digest, user_id, created_at, last_seen_at, second_factor_passed, csrf_token) "
         "VALUES (:d, :u, :c, :l, :p, :x)",
        soci::use(d), soci::use(u), soci::use(c), soci::use(l), soci::use(passed), soci::use(csrf);
  });
}

Result<std::optional<Session>> SqlAccountStore::find_session(const std::string& id_digest) {
  std::optional<Session> out;
  auto r = db_.with_session([&](soci::session& s) {
    std::string d = id_digest;
    PreparedStatement(s,
                      "SELECT id_digest, user_id, created_at, last_seen_at, second_factor_passed, csrf_token "
                      "FROM sessions WHERE id_digest = :d")
        .for_each_row([&](const soci::row& row) {
      Session x;
      x.id_digest = sql::text(row, 0);
      x.user_id = sql::integer(row, 1);
      x.created_at = sql::integer(row, 2);
      x.last_seen_at = sql::integer(row, 3);
      x.second_factor_passed = sql::integer(row, 4) != 0;
      x.csrf_token = sql::text(row, 5);
      out = x;
    }, soci::use(d));
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<void> SqlAccountStore::touch_session(const std::string& id_digest, access::Micros at) {
  return db_.transaction([&](soci::session& s) {
    std::string d = id_digest;
    long long t = at;
    s << "UPDATE sessions SET last_seen_at = :t WHERE id_digest = :d", soci::use(t), soci::use(d);
  });
}

Result<void> SqlAccountStore::delete_session(const std::string& id_digest) {
  return db_.transaction([&](soci::session& s) {
    std::string d = id_digest;
    s << "DELETE FROM sessions WHERE id_digest = :d", soci::use(d);
    bump_credentials(s);
  });
}

Result<void> SqlAccountStore::delete_sessions_of(access::UserId id, const std::string& keep) {
  return db_.transaction([&](soci::session& s) {
    long long i = id;
    std::string k = keep;
    s << "DELETE FROM sessions WHERE user_id = :i AND id_digest <> :k", soci::use(i), soci::use(k);
    bump_credentials(s);
  });
}

// One transaction (or part of the caller's unit of work). calendar_feed_tokens
// belongs to the tables migration, but its rows are this user's credentials.
Result<void> SqlAccountStore::end_credentials_of(access::UserId id, const std::string& keep) {
  return db_.transaction([&](soci::session& s) {
    long long i = id;
    std::string k = keep;
    s << "DELETE FROM sessions WHERE user_id = :i AND id_digest <> :k", soci::use(i), soci::use(k);
    s << "UPDATE api_tokens SET revoked = 1 WHERE user_id = :i AND revoked = 0", soci::use(i);
    s << "DELETE FROM calendar_feed_tokens WHERE user_id = :i", soci::use(i);
    bump_credentials(s);
  });
}

Result<access::ThrottleState> SqlAccountStore::throttle(const std::string& key) {
  access::ThrottleState state;
  auto r = db_.with_session([&](soci::session& s) {
    std::string k = key;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT failures, window_start, locked_until FROM login_throttle WHERE key_digest = :k",
         soci::use(k));
    for (const auto& row : rows) {
      state.failures = static_cast<int>(sql::integer(row, 0));
      state.window_start = sql::integer(row, 1);
      state.locked_until = sql::integer(row, 2);
    }
  });
  if (!r) return tl::unexpected(r.error());
  return state;
}

Result<void> SqlAccountStore::save_throttle(const std::string& key, const access::ThrottleState& state) {
  return db_.transaction([&](soci::session& s) {
    std::string k = key;
    int failures = state.failures;
    long long w = state.window_start, l = state.locked_until;
    if (state == access::ThrottleState{}) {
      s << "DELETE FROM login_throttle WHERE key_digest = :k", soci::use(k);
      return;
    }
    // Upsert in the syntax both engines share (SQLite >= 3.24, PostgreSQL >= 9.5).
    s << "INSERT INTO login_throttle (key_digest, failures, window_start, locked_until) VALUES (:k, :f, :w, :l) "
         "ON CONFLICT (key_digest) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, "
         "locked_until = excluded.locked_until",
        soci::use(k), soci::use(failures), soci::use(w), soci::use(l);
  });
}

Result<std::int64_t> SqlAccountStore::create_api_token(const ApiToken& token) {
  long long id = 0;
  auto r = db_.transaction([&](soci::session& s) {
    long long u = token.user_id, c = token.created_at, l = token.last_used_at;
    std::string name = token.name, digest = token.digest, scopes = join_scopes(token.scopes);
    s << "INSERT INTO api_tokens (user_id, name, digest, scopes, created_at, last_used_at) "
         "VALUES (:u, :n, :d, :s, :c, :l) RETURNING id",
        soci::use(u), soci::use(name), soci::use(digest), soci::use(scopes), soci::use(c), soci::use(l),
        soci::into(id);
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<std::optional<ApiToken>> SqlAccountStore::find_api_token(const std::string& digest) {
  std::optional<ApiToken> out;
  auto r = db_.with_session([&](soci::session& s) {
    std::string d = digest;
    PreparedStatement(s, std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE digest = :d")
        .for_each_row([&](const soci::row& row) { out = read_token(row); }, soci::use(d));
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::vector<ApiToken>> SqlAccountStore::list_api_tokens(access::UserId id) {
  std::vector<ApiToken> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long i = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE user_id = :i ORDER BY id",
         soci::use(i));
    for (const auto& row : rows) out.push_back(read_token(row));
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<void> SqlAccountStore::revoke_api_token(access::UserId id, std::int64_t token_id) {
  bool missing = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long u = id, t = token_id;
    soci::statement st =
        (s.prepare << "UPDATE api_tokens SET revoked = 1 WHERE id = :t AND user_id = :u", soci::use(t), soci::use(u));
    st.execute(true);
    missing = affected(st) == 0;
    bump_credentials(s);
  });
  if (!r) return r;
  if (missing) return fail("not_found", "no such token");
  return {};
}

Result<void> SqlAccountStore::touch_api_token(std::int64_t token_id, access::Micros at) {
  return db_.transaction([&](soci::session& s) {
    long long t = token_id, a = at;
    s << "UPDATE api_tokens SET last_used_at = :a WHERE id = :t", soci::use(a), soci::use(t);
  });
}

Result<std::int64_t> SqlAccountStore::credentials_generation() {
  long long generation = 0;
  auto r = db_.with_session([&](soci::session& s) {
    PreparedStatement(s, "SELECT generation FROM credentials_generation WHERE id = 1").execute(soci::into(generation));
  });
  if (!r) return tl::unexpected(r.error());
  return static_cast<std::int64_t>(generation);
}

Result<void> SqlSecurityLog::record(const SecurityEvent& event) {
  return db_.transaction([&](soci::session& s) {
    long long at = event.at.time_since_epoch().count();
    long long actor = event.actor.value_or(0), subject = event.subject.value_or(0),
              org = event.organisation.value_or(0);
    soci::indicator ai = event.actor ? soci::i_ok : soci::i_null, si = event.subject ? soci::i_ok : soci::i_null,
                    oi = event.organisation ? soci::i_ok : soci::i_null;
    std::string kind = event.kind, address = event.address, detail = event.detail;
    s << "INSERT INTO security_events (at, kind, actor_id, subject_id, organisation_id, address, detail) "
         "VALUES (:at, :k, :a, :s, :o, :ad, :d)",
        soci::use(at), soci::use(kind), soci::use(actor, ai), soci::use(subject, si), soci::use(org, oi),
        soci::use(address), soci::use(detail);
  });
}

Result<std::vector<SecurityEvent>> SqlSecurityLog::recent(std::optional<access::OrganisationId> organisation,
                                                          int limit) {
  std::vector<SecurityEvent> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long org = organisation.value_or(0);
    int all = organisation ? 0 : 1, lim = limit;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, at, kind, actor_id, subject_id, organisation_id, address, detail "
                      "FROM security_events WHERE (:all = 1 OR organisation_id = :o) ORDER BY id DESC LIMIT :l",
         soci::use(all), soci::use(org), soci::use(lim));
    for (const auto& row : rows) {
      SecurityEvent e;
      e.id = sql::integer(row, 0);
      e.at = app::Instant{std::chrono::microseconds{sql::integer(row, 1)}};
      e.kind = sql::text(row, 2);
      e.actor = sql::nullable_integer(row, 3);
      e.subject = sql::nullable_integer(row, 4);
      e.organisation = sql::nullable_integer(row, 5);
      e.address = sql::text(row, 6);
      e.detail = sql::text(row, 7);
      out.push_back(std::move(e));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

}  // namespace tafel::storage
