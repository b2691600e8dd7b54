#include "app/accounts/account_service.h"

#include <algorithm>
#include <mutex>

#include "app/authorization.h"
#include "core/access/base32.h"
#include "core/access/totp_window.h"

namespace tafel::app::accounts {

namespace {

using access::Micros;

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '@') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kDigits[u >> 4]);
      out.push_back(kDigits[u & 15]);
    }
  }
  return out;
}

// Recovery codes are compared without case, spaces or dashes: "abcde-fghij" == "ABCDEFGHIJ".
std::string normalise_recovery_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

bool is_totp_code(std::string_view code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

constexpr int kRecoveryCodeCount = 10;

}  // namespace

AccountService::AccountService(AccountStore& store, SecurityLog& log, Crypto& crypto, const Clock& clock,
                               SessionPolicy policy, UnitOfWork& transactions)
    : store_(store),
      log_(log),
      crypto_(crypto),
      clock_(clock),
      policy_(policy),
      transactions_(transactions),
      cache_(policy.cache) {}

Micros AccountService::now() const { return clock_.now().time_since_epoch().count(); }

std::string AccountService::random_token(std::size_t bytes) { return to_hex(crypto_.random_bytes(bytes)); }

std::string AccountService::random_password() {
  // 16 base32 characters: 80 bits, readable over the phone, grouped for typing.
  std::string raw = access::base32_encode(crypto_.random_bytes(10));
  return raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4) + "-" + raw.substr(12, 4);
}

const std::string& AccountService::dummy_hash() {
  // Verifying against the hash of a password nobody knows gives unknown e-mails the
  // same cost as known ones. Made once per service, with the service's own crypto.
  std::call_once(dummy_once_, [&] {
    auto h = crypto_.hash_password(random_token(16));
    dummy_hash_ = h ? *h : std::string();
  });
  return dummy_hash_;
}

Result<void> AccountService::record(std::string kind, std::optional<access::UserId> actor,
                                    const access::User* subject, const std::string& address, std::string detail) {
  SecurityEvent event;
  event.at = clock_.now();
  event.kind = std::move(kind);
  event.actor = actor;
  if (subject) {
    event.subject = subject->id;
    event.organisation = subject->organisation_id;
  }
  event.address = address;
  event.detail = std::move(detail);
  return log_.record(event);
}

Result<void> AccountService::end_credentials(std::optional<access::UserId> actor, const access::User& subject,
                                             const std::string& address, std::string_view reason,
                                             const std::string& keep_session) {
  if (auto r = store_.end_credentials_of(subject.id, keep_session); !r) return r;
  return record("credentials_ended", actor, &subject, address, std::string(reason));
}

Result<LoginOutcome> AccountService::start_session(const access::User& user, bool second_factor_passed) {
  Session session;
  std::string token = random_token(32);
  session.id_digest = crypto_.token_digest(token);
  session.user_id = user.id;
  session.created_at = now();
  session.last_seen_at = session.created_at;
  session.second_factor_passed = second_factor_passed;
  session.csrf_token = random_token(32);
  if (auto r = store_.create_session(session); !r) return tl::unexpected(r.error());
  LoginOutcome outcome;
  outcome.session_token = token;
  outcome.csrf_token = session.csrf_token;
  if (second_factor_passed) {
    outcome.status = LoginOutcome::Status::complete;
  } else {
    outcome.status = user.second_factor_enrolled ? LoginOutcome::Status::second_factor_needed
                                                 : LoginOutcome::Status::enrolment_needed;
  }
  return outcome;
}

Result<LoginOutcome> AccountService::login(std::string_view email, std::string_view password,
                                           const std::string& address, std::string_view previous_session_token) {
  Micros at = now();
  if (!previous_session_token.empty()) {
    if (auto r = store_.delete_session(crypto_.token_digest(previous_session_token)); !r) {
      return tl::unexpected(r.error());
    }
  }
  auto normalised = access::normalise_email(email);
  // An invalid address is throttled under its raw text, like any unknown address.
  // Keys are digested so the throttle table holds no e-mail or address in clear.
  std::string account_key = crypto_.token_digest("account:" + (normalised ? *normalised : trim(email).substr(0, 254)));
  std::string address_key = crypto_.token_digest("address:" + address);

  auto account_state = store_.throttle(account_key);
  if (!account_state) return tl::unexpected(account_state.error());
  auto address_state = store_.throttle(address_key);
  if (!address_state) return tl::unexpected(address_state.error());

  std::optional<access::User> user;
  if (normalised) {
    auto found = store_.find_user_by_email(*normalised);
    if (!found) return tl::unexpected(found.error());
    user = std::move(*found);
  }

  auto account_lock = access::locked_until(*account_state, at);
  auto address_lock = access::locked_until(*address_state, at);
  if (account_lock || address_lock) {
    if (auto r = record("login_throttled", std::nullopt, user ? &*user : nullptr, address,
                        account_lock ? "account" : "address");
        !r) {
      return tl::unexpected(r.error());
    }
    LoginOutcome outcome;
    outcome.status = LoginOutcome::Status::throttled;
    outcome.retry_at = std::max(account_lock.value_or(0), address_lock.value_or(0));
    return outcome;
  }

  bool ok = false;
  if (user) {
    auto hash = store_.password_hash(user->id);
    if (!hash) return tl::unexpected(hash.error());
    ok = crypto_.verify_password(*hash, password) && user->active;
  } else {
    crypto_.verify_password(dummy_hash(), password);
  }

  if (!ok) {
    auto next_account = access::after_failure(*account_state, access::kAccountThrottle, at);
    auto next_address = access::after_failure(*address_state, access::kAddressThrottle, at);
    if (auto r = store_.save_throttle(account_key, next_account); !r) return tl::unexpected(r.error());
    if (auto r = store_.save_throttle(address_key, next_address); !r) return tl::unexpected(r.error());
    const access::User* subject = user ? &*user : nullptr;
    std::string detail = !user ? "unknown_account" : (!user->active ? "inactive" : "wrong_password");
    if (auto r = record("login_failed", std::nullopt, subject, address, detail); !r) return tl::unexpected(r.error());
    if (next_account.locked_until > at || next_address.locked_until > at) {
      if (auto r = record("lockout", std::nullopt, subject, address,
                          next_account.locked_until > at ? "account" : "address");
          !r) {
        return tl::unexpected(r.error());
      }
    }
    return LoginOutcome{};
  }

  if (auto r = store_.save_throttle(account_key, access::after_success()); !r) return tl::unexpected(r.error());
  bool needs_second_factor = access::sees_personal_data(user->role);
  auto outcome = start_session(*user, !needs_second_factor);
  if (!outcome) return outcome;
  if (auto r = record("login_succeeded", user->id, &*user, address, needs_second_factor ? "password" : "complete");
      !r) {
    return tl::unexpected(r.error());
  }
  return outcome;
}

Result<std::optional<Authenticated>> AccountService::authenticate(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > 128) return std::optional<Authenticated>{};
  std::string digest = crypto_.token_digest(session_token);
  std::string key = "s:" + digest;
  // Read before the records: a change committed meanwhile only costs a re-read.
  auto generation = store_.credentials_generation();
  if (!generation) return tl::unexpected(generation.error());
  Micros at = now();
  auto timed_out = [&](const Session& s) {
    return at - s.last_seen_at >= policy_.idle_timeout || at - s.created_at >= policy_.absolute_timeout;
  };
  std::optional<CachedCredential> cached = cache_.find(key, *generation, at);
  if (cached && timed_out(cached->session)) {
    cache_.erase(key);
    cached.reset();  // the store decides: another server may have touched it since
  }
  if (!cached) {
    auto session = store_.find_session(digest);
    if (!session) return tl::unexpected(session.error());
    if (!*session) return std::optional<Authenticated>{};
    if (timed_out(**session)) {
      if (auto r = store_.delete_session(digest); !r) return tl::unexpected(r.error());
      return std::optional<Authenticated>{};
    }
    auto user = store_.find_user((*session)->user_id);
    if (!user) return tl::unexpected(user.error());
    if (!*user || !(*user)->active) return std::optional<Authenticated>{};
    cached = CachedCredential{std::move(**user), std::move(**session), std::nullopt, *generation, at};
    cache_.put(key, *cached);
  }
  const Session& s = cached->session;
  if (at - s.last_seen_at >= policy_.touch_interval) {
    if (auto r = store_.touch_session(digest, at); !r) return tl::unexpected(r.error());
    cache_.touched(key, at);
  }
  Authenticated who;
  who.user = std::move(cached->user);
  who.session = std::move(cached->session);
  who.session.last_seen_at = at;
  who.principal = {who.user.id, who.user.organisation_id, who.user.role,
                   who.session.second_factor_passed || !access::sees_personal_data(who.user.role)};
  return std::optional<Authenticated>{std::move(who)};
}

Result<std::optional<Authenticated>> AccountService::authenticate_api_token(std::string_view token) {
  if (token.rfind("tafel_", 0) != 0 || token.size() > 128) return std::optional<Authenticated>{};
  std::string digest = crypto_.token_digest(token);
  std::string key = "t:" + digest;
  auto generation = store_.credentials_generation();
  if (!generation) return tl::unexpected(generation.error());
  Micros at = now();
  std::optional<CachedCredential> cached = cache_.find(key, *generation, at);
  if (!cached) {
    auto found = store_.find_api_token(digest);
    if (!found) return tl::unexpected(found.error());
    if (!*found || (*found)->revoked) return std::optional<Authenticated>{};
    auto user = store_.find_user((*found)->user_id);
    if (!user) return tl::unexpected(user.error());
    if (!*user || !(*user)->active) return std::optional<Authenticated>{};
    cached = CachedCredential{std::move(**user), Session{}, std::move(**found), *generation, at};
    cache_.put(key, *cached);
  }
  if (at - cached->token->last_used_at >= policy_.touch_interval) {
    if (auto r = store_.touch_api_token(cached->token->id, at); !r) return tl::unexpected(r.error());
    cache_.touched(key, at);
  }
  Authenticated who;
  who.user = std::move(cached->user);
  who.token = std::move(cached->token);
  who.principal = {who.user.id, who.user.organisation_id, who.user.role, true};
  return std::optional<Authenticated>{std::move(who)};
}

Result<bool> AccountService::check_totp(access::UserId user, const TotpState& state, std::string_view code) {
  if (state.secret.empty()) return false;
  std::int64_t unix_seconds = now() / 1000000;
  for (std::int64_t step : access::totp_candidate_steps(unix_seconds, state.last_used_step)) {
    std::string expected = crypto_.hotp(state.secret, static_cast<std::uint64_t>(step));
    // Both are 6 ASCII digits; compare without an early exit.
    unsigned diff = expected.size() == code.size() ? 0u : 1u;
    for (std::size_t i = 0; i < expected.size() && i < code.size(); ++i) {
      diff |= static_cast<unsigned>(expected[i] ^ code[i]);
    }
    if (diff == 0) return store_.claim_totp_step(user, step);
  }
  return false;
}

Result<LoginOutcome> AccountService::verify_second_factor(std::string_view session_token, std::string_view code,
                                                          const std::string& address) {
  auto who = authenticate(session_token);
  if (!who) return tl::unexpected(who.error());
  if (!*who) return fail("not_authenticated", "the session has ended; log in again");
  const access::User& user = (*who)->user;
  std::string key = crypto_.token_digest("second_factor:" + std::to_string(user.id));
  Micros at = now();
  auto state = store_.throttle(key);
  if (!state) return tl::unexpected(state.error());
  if (auto lock = access::locked_until(*state, at)) {
    if (auto r = record("login_throttled", user.id, &user, address, "second_factor"); !r) {
      return tl::unexpected(r.error());
    }
    LoginOutcome outcome;
    outcome.status = LoginOutcome::Status::throttled;
    outcome.retry_at = *lock;
    return outcome;
  }
  auto totp = store_.totp(user.id);
  if (!totp) return tl::unexpected(totp.error());
  if (!totp->enrolled) return fail("not_enrolled", "no second factor is enrolled yet");

  std::string trimmed = trim(code);
  bool ok = false;
  std::string used = "totp";
  if (is_totp_code(trimmed)) {
    auto checked = check_totp(user.id, *totp, trimmed);
    if (!checked) return tl::unexpected(checked.error());
    ok = *checked;
  } else if (!trimmed.empty() && trimmed.size() <= 32) {
    auto consumed = store_.consume_recovery_code(user.id, crypto_.token_digest(normalise_recovery_code(trimmed)));
    if (!consumed) return tl::unexpected(consumed.error());
    ok = *consumed;
    used = "recovery_code";
  }
  if (!ok) {
    auto next = access::after_failure(*state, access::kAccountThrottle, at);
    if (auto r = store_.save_throttle(key, next); !r) return tl::unexpected(r.error());
    if (auto r = record("second_factor_failed", user.id, &user, address); !r) return tl::unexpected(r.error());
    if (next.locked_until > at) {
      if (auto r = record("lockout", user.id, &user, address, "second_factor"); !r) return tl::unexpected(r.error());
    }
    return LoginOutcome{};
  }
  if (auto r = store_.save_throttle(key, access::after_success()); !r) return tl::unexpected(r.error());
  if (auto r = store_.delete_session(crypto_.token_digest(session_token)); !r) return tl::unexpected(r.error());
  auto outcome = start_session(user, true);
  if (!outcome) return outcome;
  if (auto r = record(used == "totp" ? "second_factor_passed" : "recovery_code_used", user.id, &user, address);
      !r) {
    return tl::unexpected(r.error());
  }
  return outcome;
}

Result<void> AccountService::verify_second_factor(const Authenticated& who, std::string_view code,
                                                  const std::string& address) {
  const access::User& user = who.user;
  std::string key = crypto_.token_digest("second_factor:" + std::to_string(user.id));
  Micros at = now();
  auto state = store_.throttle(key);
  if (!state) return tl::unexpected(state.error());
  if (access::locked_until(*state, at)) {
    if (auto r = record("login_throttled", user.id, &user, address, "fresh_second_factor"); !r) return r;
    return fail("throttled", "too many wrong codes; try again later");
  }
  auto totp = store_.totp(user.id);
  if (!totp) return tl::unexpected(totp.error());
  if (!totp->enrolled) return fail("not_enrolled", "no second factor is enrolled yet");
  std::string trimmed = trim(code);
  auto ok = is_totp_code(trimmed) ? check_totp(user.id, *totp, trimmed) : Result<bool>(false);
  if (!ok) return tl::unexpected(ok.error());
  if (!*ok) {
    auto next = access::after_failure(*state, access::kAccountThrottle, at);
    if (auto r = store_.save_throttle(key, next); !r) return r;
    if (auto r = record("second_factor_failed", user.id, &user, address, "fresh_second_factor"); !r) return r;
    return fail("invalid_code", "the code does not match or was already used; wait for the next code");
  }
  if (auto r = store_.save_throttle(key, access::after_success()); !r) return r;
  return {};
}

Result<AccountService::Enrolment> AccountService::begin_enrolment(const Authenticated& who) {
  if (auto r = authorize(who.principal, access::Action::complete_second_factor); !r) return tl::unexpected(r.error());
  if (who.user.second_factor_enrolled) return fail("already_enrolled", "a second factor is already enrolled");
  auto secret = crypto_.random_bytes(20);  // 160 bits, as RFC 4226 recommends
  if (auto r = store_.set_pending_totp(who.user.id, secret); !r) return tl::unexpected(r.error());
  Enrolment e;
  e.secret_base32 = access::base32_encode(secret);
  e.otpauth_uri = "otpauth://totp/tafel:" + percent_encode(who.user.email) + "?secret=" + e.secret_base32 +
                  "&issuer=tafel&algorithm=SHA1&digits=6&period=30";
  return e;
}

Result<AccountService::EnrolmentDone> AccountService::confirm_enrolment(const Authenticated& who,
                                                                        std::string_view code,
                                                                        const std::string& address) {
  if (who.user.second_factor_enrolled) return fail("already_enrolled", "a second factor is already enrolled");
  auto totp = store_.totp(who.user.id);
  if (!totp) return tl::unexpected(totp.error());
  if (totp->secret.empty()) return fail("not_started", "start enrolment first");
  std::string trimmed = trim(code);
  auto ok = is_totp_code(trimmed) ? check_totp(who.user.id, *totp, trimmed) : Result<bool>(false);
  if (!ok) return tl::unexpected(ok.error());
  if (!*ok) {
    if (auto r = record("second_factor_failed", who.user.id, &who.user, address, "enrolment"); !r) {
      return tl::unexpected(r.error());
    }
    return fail("invalid_code", "the code does not match; check the time on your phone and try again");
  }
  EnrolmentDone done;
  std::vector<std::string> digests;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    std::string raw = access::base32_encode(crypto_.random_bytes(7)).substr(0, 10);  // 50 bits
    done.recovery_codes.push_back(raw.substr(0, 5) + "-" + raw.substr(5));
    digests.push_back(crypto_.token_digest(raw));
  }
  // The enrolment, the new session and the audit entry commit together.
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto r = store_.confirm_totp(who.user.id); !r) return tl::unexpected(r.error());
    if (auto r = store_.replace_recovery_codes(who.user.id, digests); !r) return tl::unexpected(r.error());
    if (!who.session.id_digest.empty()) {
      if (auto r = store_.delete_session(who.session.id_digest); !r) return tl::unexpected(r.error());
    }
    access::User enrolled = who.user;
    enrolled.second_factor_enrolled = true;
    auto outcome = start_session(enrolled, true);
    if (!outcome) return tl::unexpected(outcome.error());
    done.login = *outcome;
    return record("second_factor_enrolled", who.user.id, &who.user, address);
  });
  if (!saved) return tl::unexpected(saved.error());
  return done;
}

Result<void> AccountService::logout(std::string_view session_token, const std::string& address) {
  auto who = authenticate(session_token);
  if (!who) return tl::unexpected(who.error());
  if (!*who) return {};
  if (auto r = store_.delete_session(crypto_.token_digest(session_token)); !r) return r;
  return record("logout", (*who)->user.id, &(*who)->user, address);
}

Result<void> AccountService::change_password(const Authenticated& who, std::string_view current,
                                             std::string_view next, const std::string& address) {
  if (auto r = authorize(who.principal, access::Action::manage_own_account); !r) return r;
  auto hash = store_.password_hash(who.user.id);
  if (!hash) return tl::unexpected(hash.error());
  if (!crypto_.verify_password(*hash, current)) {
    if (auto r = record("password_change_failed", who.user.id, &who.user, address); !r) return r;
    return fail("wrong_password", "the current password is not correct");
  }
  if (auto r = access::check_new_password(next); !r) return r;
  auto new_hash = crypto_.hash_password(next);
  if (!new_hash) return tl::unexpected(new_hash.error());
  return transactions_.run([&]() -> Result<void> {
    if (auto r = store_.set_password_hash(who.user.id, *new_hash); !r) return r;
    if (auto r = record("password_changed", who.user.id, &who.user, address); !r) return r;
    return end_credentials(who.user.id, who.user, address, "password_changed", who.session.id_digest);
  });
}

Result<AccountService::NewUser> AccountService::create_user(const access::Principal& actor, access::User user,
                                                            const std::string& address) {
  if (auto r = authorize(actor, access::Action::manage_users, {user.organisation_id, user.role}); !r) {
    return tl::unexpected(r.error());
  }
  auto email = access::normalise_email(user.email);
  if (!email) return tl::unexpected(email.error());
  user.email = *email;
  user.active = true;
  user.second_factor_enrolled = false;
  if (auto r = access::check_user_fields(user); !r) return tl::unexpected(r.error());
  NewUser created;
  created.initial_password = random_password();
  auto hash = crypto_.hash_password(created.initial_password);
  if (!hash) return tl::unexpected(hash.error());
  auto saved = transactions_.run([&]() -> Result<void> {
    auto id = store_.create_user(user, *hash);
    if (!id) return tl::unexpected(id.error());
    created.id = *id;
    user.id = *id;
    return record("user_created", actor.user_id, &user, address, std::string(access::name_of(user.role)));
  });
  if (!saved) return tl::unexpected(saved.error());
  return created;
}

Result<access::User> AccountService::update_user(const access::Principal& actor, const access::User& changes,
                                                 const std::string& address) {
  auto existing = store_.find_user(changes.id);
  if (!existing) return tl::unexpected(existing.error());
  if (!*existing) return fail("not_found", "no such user");
  access::User before = **existing;
  // The policy sees the role before and after, and whether the active flag changes.
  access::Target target{before.organisation_id, changes.role, before.role,
                        changes.active != before.active ? access::UserChange::activation : access::UserChange::details};
  if (auto r = authorize(actor, access::Action::manage_users, target); !r) return tl::unexpected(r.error());
  access::User after = before;
  after.display_name = changes.display_name;
  after.phone = changes.phone;
  after.language = changes.language;
  after.role = changes.role;
  after.active = changes.active;
  if (auto r = access::check_user_fields(after); !r) return tl::unexpected(r.error());
  if (actor.user_id == before.id && (after.role != before.role || !after.active)) {
    // Nobody removes their own rights by mistake and locks the organisation out.
    return fail("invalid_input", "you cannot change your own role or deactivate yourself");
  }
  // The change and its audit entries commit together.
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto r = store_.update_user(after); !r) return r;
    if (after.role != before.role) {
      std::string detail = std::string(access::name_of(before.role)) + "->" + std::string(access::name_of(after.role));
      if (auto r = record("role_changed", actor.user_id, &after, address, detail); !r) return r;
      // A session or token issued for the old role must not carry on with the new one.
      if (auto r = end_credentials(actor.user_id, after, address, "role_changed"); !r) return r;
    }
    if (before.active && !after.active) {
      if (auto r = record("user_deactivated", actor.user_id, &after, address); !r) return r;
      if (auto r = end_credentials(actor.user_id, after, address, "deactivated"); !r) return r;
    } else if (!before.active && after.active) {
      if (auto r = record("user_reactivated", actor.user_id, &after, address); !r) return r;
    }
    if (after.display_name != before.display_name || after.phone != before.phone || after.language != before.language) {
      if (auto r = record("user_changed", actor.user_id, &after, address); !r) return r;
    }
    return {};
  });
  if (!saved) return tl::unexpected(saved.error());
  return after;
}

Result<std::string> AccountService::reset_password(const access::Principal& actor, access::UserId user_id,
                                                   bool reset_second_factor, const std::string& address) {
  auto existing = store_.find_user(user_id);
  if (!existing) return tl::unexpected(existing.error());
  if (!*existing) return fail("not_found", "no such user");
  const access::User& user = **existing;
  if (auto r = authorize(actor, access::Action::manage_users,
                         {user.organisation_id, user.role, user.role, access::UserChange::credentials});
      !r) {
    return tl::unexpected(r.error());
  }
  std::string password = random_password();
  auto hash = crypto_.hash_password(password);
  if (!hash) return tl::unexpected(hash.error());
  auto saved = transactions_.run([&]() -> Result<void> {
    if (auto r = store_.set_password_hash(user.id, *hash); !r) return r;
    if (reset_second_factor) {
      if (auto r = store_.clear_totp(user.id); !r) return r;
      if (auto r = store_.replace_recovery_codes(user.id, {}); !r) return r;
    }
    if (auto r = record("password_reset", actor.user_id, &user, address, reset_second_factor ? "with_second_factor" : "");
        !r) {
      return r;
    }
    return end_credentials(actor.user_id, user, address,
                           reset_second_factor ? "second_factor_reset" : "password_reset");
  });
  if (!saved) return tl::unexpected(saved.error());
  return password;
}

Result<AccountService::NewToken> AccountService::create_api_token(const Authenticated& who, std::string_view name,
                                                                  const std::vector<std::string>& scopes,
                                                                  const std::string& address) {
  if (auto r = authorize(who.principal, access::Action::manage_own_account); !r) return tl::unexpected(r.error());
  if (who.token) return fail("forbidden", "an API token cannot create API tokens");
  std::string trimmed = trim(name);
  if (trimmed.empty() || trimmed.size() > 100) return fail("invalid_input", "name must be 1 to 100 characters");
  if (scopes.empty()) return fail("invalid_input", "choose at least one scope");
  for (const auto& s : scopes) {
    if (std::find(std::begin(kApiScopes), std::end(kApiScopes), s) == std::end(kApiScopes)) {
      return fail("invalid_input", "unknown scope");
    }
  }
  ApiToken token;
  token.user_id = who.user.id;
  token.name = trimmed;
  token.scopes = scopes;
  token.created_at = now();
  NewToken created;
  created.token = "tafel_" + random_token(32);
  token.digest = crypto_.token_digest(created.token);
  auto saved = transactions_.run([&]() -> Result<void> {
    auto id = store_.create_api_token(token);
    if (!id) return tl::unexpected(id.error());
    created.id = *id;
    return record("api_token_created", who.user.id, &who.user, address);
  });
  if (!saved) return tl::unexpected(saved.error());
  return created;
}

Result<void> AccountService::revoke_api_token(const Authenticated& who, std::int64_t token_id,
                                              const std::string& address) {
  if (auto r = authorize(who.principal, access::Action::manage_own_account); !r) return r;
  return transactions_.run([&]() -> Result<void> {
    if (auto r = store_.revoke_api_token(who.user.id, token_id); !r) return r;
    return record("api_token_revoked", who.user.id, &who.user, address);
  });
}

bool AccountService::csrf_matches(const Session& session, std::string_view submitted) {
  if (session.csrf_token.empty() || submitted.size() != session.csrf_token.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < submitted.size(); ++i) {
    diff |= static_cast<unsigned>(submitted[i] ^ session.csrf_token[i]);
  }
  return diff == 0;
}

Result<access::UserId> AccountService::provision_user(const access::User& user, std::string_view password,
                                                      const std::vector<std::uint8_t>& totp_secret) {
  auto email = access::normalise_email(user.email);
  if (!email) return tl::unexpected(email.error());
  access::User u = user;
  u.email = *email;
  if (auto r = access::check_user_fields(u); !r) return tl::unexpected(r.error());
  auto hash = crypto_.hash_password(password);
  if (!hash) return tl::unexpected(hash.error());
  return transactions_.run_returning<access::UserId>([&]() -> Result<access::UserId> {
    auto id = store_.create_user(u, *hash);
    if (!id) return id;
    if (!totp_secret.empty()) {
      if (auto r = store_.set_pending_totp(*id, totp_secret); !r) return tl::unexpected(r.error());
      if (auto r = store_.confirm_totp(*id); !r) return tl::unexpected(r.error());
    }
    u.id = *id;
    if (auto r = record("user_created", std::nullopt, &u, "", std::string(access::name_of(u.role))); !r) {
      return tl::unexpected(r.error());
    }
    return id;
  });
}

}  // namespace tafel::app::accounts
