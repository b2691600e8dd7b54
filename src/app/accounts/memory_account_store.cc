#include "app/accounts/memory_account_store.h"

namespace tafel::app::accounts {

using Lock = std::lock_guard<std::mutex>;

Result<MemoryAccountStore::Account*> MemoryAccountStore::account(access::UserId id) {
  auto it = accounts_.find(id);
  if (it == accounts_.end()) return fail("not_found", "no such user");
  return &it->second;
}

Result<access::UserId> MemoryAccountStore::create_user(const access::User& user, const std::string& password_hash) {
  Lock lock(mutex_);
  for (const auto& [id, a] : accounts_) {
    if (a.user.email == user.email) return fail("duplicate_email", "this e-mail address already has an account");
  }
  Account a;
  a.user = user;
  a.user.id = next_user_++;
  a.user.second_factor_enrolled = false;
  a.password_hash = password_hash;
  accounts_[a.user.id] = a;
  return a.user.id;
}

Result<std::optional<access::User>> MemoryAccountStore::find_user(access::UserId id) {
  Lock lock(mutex_);
  auto it = accounts_.find(id);
  if (it == accounts_.end()) return std::optional<access::User>{};
  return std::optional<access::User>{it->second.user};
}

Result<std::optional<access::User>> MemoryAccountStore::find_user_by_email(const std::string& email) {
  Lock lock(mutex_);
  for (const auto& [id, a] : accounts_) {
    if (a.user.email == email) return std::optional<access::User>{a.user};
  }
  return std::optional<access::User>{};
}

Result<std::vector<access::User>> MemoryAccountStore::list_users(access::OrganisationId organisation) {
  Lock lock(mutex_);
  std::vector<access::User> out;
  for (const auto& [id, a] : accounts_) {
    if (a.user.organisation_id == organisation) out.push_back(a.user);
  }
  return out;
}

Result<void> MemoryAccountStore::update_user(const access::User& user) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  auto a = account(user.id);
  if (!a) return tl::unexpected(a.error());
  for (const auto& [id, other] : accounts_) {
    if (id != user.id && other.user.email == user.email) {
      return fail("duplicate_email", "this e-mail address already has an account");
    }
  }
  bool enrolled = (*a)->user.second_factor_enrolled;
  (*a)->user = user;
  (*a)->user.second_factor_enrolled = enrolled;
  return {};
}

Result<std::string> MemoryAccountStore::password_hash(access::UserId id) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  return (*a)->password_hash;
}

Result<void> MemoryAccountStore::set_password_hash(access::UserId id, const std::string& hash) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  (*a)->password_hash = hash;
  return {};
}

Result<TotpState> MemoryAccountStore::totp(access::UserId id) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  return (*a)->totp;
}

Result<void> MemoryAccountStore::set_pending_totp(access::UserId id, const std::vector<std::uint8_t>& secret) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  (*a)->totp = TotpState{secret, false, -1};
  (*a)->user.second_factor_enrolled = false;
  return {};
}

Result<void> MemoryAccountStore::confirm_totp(access::UserId id) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  if ((*a)->totp.secret.empty()) return fail("not_found", "no pending second factor");
  (*a)->totp.enrolled = true;
  (*a)->user.second_factor_enrolled = true;
  return {};
}

Result<void> MemoryAccountStore::clear_totp(access::UserId id) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  (*a)->totp = TotpState{};
  (*a)->user.second_factor_enrolled = false;
  return {};
}

Result<bool> MemoryAccountStore::claim_totp_step(access::UserId id, std::int64_t step) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  if (step <= (*a)->totp.last_used_step) return false;
  (*a)->totp.last_used_step = step;
  return true;
}

Result<void> MemoryAccountStore::replace_recovery_codes(access::UserId id, const std::vector<std::string>& digests) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  (*a)->recovery.clear();
  for (const auto& d : digests) (*a)->recovery[d] = false;
  return {};
}

Result<bool> MemoryAccountStore::consume_recovery_code(access::UserId id, const std::string& digest) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  auto it = (*a)->recovery.find(digest);
  if (it == (*a)->recovery.end() || it->second) return false;
  it->second = true;
  return true;
}

Result<int> MemoryAccountStore::unused_recovery_codes(access::UserId id) {
  Lock lock(mutex_);
  auto a = account(id);
  if (!a) return tl::unexpected(a.error());
  int n = 0;
  for (const auto& [d, used] : (*a)->recovery) n += used ? 0 : 1;
  return n;
}

Result<void> MemoryAccountStore::create_session(const Session& session) {
  Lock lock(mutex_);
  sessions_[session.id_digest] = session;
  return {};
}

Result<std::optional<Session>> MemoryAccountStore::find_session(const std::string& id_digest) {
  Lock lock(mutex_);
  auto it = sessions_.find(id_digest);
  if (it == sessions_.end()) return std::optional<Session>{};
  return std::optional<Session>{it->second};
}

Result<void> MemoryAccountStore::touch_session(const std::string& id_digest, access::Micros at) {
  Lock lock(mutex_);
  auto it = sessions_.find(id_digest);
  if (it != sessions_.end()) it->second.last_seen_at = at;
  return {};
}

Result<void> MemoryAccountStore::delete_session(const std::string& id_digest) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  sessions_.erase(id_digest);
  return {};
}

Result<void> MemoryAccountStore::delete_sessions_of(access::UserId id, const std::string& keep) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user_id == id && entry.first != keep; });
  return {};
}

Result<void> MemoryAccountStore::end_credentials_of(access::UserId id, const std::string& keep) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user_id == id && entry.first != keep; });
  for (auto& [tid, t] : tokens_) {
    if (t.user_id == id) t.revoked = true;
  }
  return {};
}

Result<access::ThrottleState> MemoryAccountStore::throttle(const std::string& key) {
  Lock lock(mutex_);
  auto it = throttles_.find(key);
  return it == throttles_.end() ? access::ThrottleState{} : it->second;
}

Result<void> MemoryAccountStore::save_throttle(const std::string& key, const access::ThrottleState& state) {
  Lock lock(mutex_);
  throttles_[key] = state;
  return {};
}

Result<std::int64_t> MemoryAccountStore::create_api_token(const ApiToken& token) {
  Lock lock(mutex_);
  ApiToken t = token;
  t.id = next_token_++;
  tokens_[t.id] = t;
  return t.id;
}

Result<std::optional<ApiToken>> MemoryAccountStore::find_api_token(const std::string& digest) {
  Lock lock(mutex_);
  for (const auto& [id, t] : tokens_) {
    if (t.digest == digest) return std::optional<ApiToken>{t};
  }
  return std::optional<ApiToken>{};
}

Result<std::vector<ApiToken>> MemoryAccountStore::list_api_tokens(access::UserId id) {
  Lock lock(mutex_);
  std::vector<ApiToken> out;
  for (const auto& [tid, t] : tokens_) {
    if (t.user_id == id) out.push_back(t);
  }
  return out;
}

Result<void> MemoryAccountStore::revoke_api_token(access::UserId id, std::int64_t token_id) {
  Lock lock(mutex_);
  ++generation_;  // before any early return: a spurious raise only costs a cache miss
  auto it = tokens_.find(token_id);
  if (it == tokens_.end() || it->second.user_id != id) return fail("not_found", "no such token");
  it->second.revoked = true;
  return {};
}

Result<void> MemoryAccountStore::touch_api_token(std::int64_t token_id, access::Micros at) {
  Lock lock(mutex_);
  auto it = tokens_.find(token_id);
  if (it != tokens_.end()) it->second.last_used_at = at;
  return {};
}

Result<std::int64_t> MemoryAccountStore::credentials_generation() {
  Lock lock(mutex_);
  return generation_;
}

std::size_t MemoryAccountStore::session_count() const {
  Lock lock(mutex_);
  return sessions_.size();
}

Result<void> MemorySecurityLog::record(const SecurityEvent& event) {
  Lock lock(mutex_);
  events_.push_back(event);
  events_.back().id = static_cast<std::int64_t>(events_.size());
  return {};
}

Result<std::vector<SecurityEvent>> MemorySecurityLog::recent(std::optional<access::OrganisationId> organisation,
                                                             int limit) {
  Lock lock(mutex_);
  std::vector<SecurityEvent> out;
  for (auto it = events_.rbegin(); it != events_.rend() && static_cast<int>(out.size()) < limit; ++it) {
    if (!organisation || it->organisation == organisation) out.push_back(*it);
  }
  return out;
}

std::vector<SecurityEvent> MemorySecurityLog::all() const {
  Lock lock(mutex_);
  return events_;
}

}  // namespace tafel::app::accounts
