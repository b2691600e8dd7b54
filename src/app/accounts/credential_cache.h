#pragma once
// CredentialCache: what AccountService::authenticate found behind a session or API
// token digest, kept for a short while so that a request costs one one-row query
// (the credentials generation) instead of three queries and a write (ADR 0017).
//
// An entry is only trusted while
//  * the store's credentials generation is the one it was read at or later (every
//    write that ends or changes a credential or its user raises it in its own
//    transaction, on any server: a revoked token is refused on the very next
//    request everywhere), and
//  * it is younger than `lifetime` (bounds how long a server trusts what it read,
//    should a writer outside AccountStore forget the generation).
// Timeouts of sessions are still checked on every request by AccountService.
//
// Thread-safe (one mutex; the critical sections are a hash lookup or insert).

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/accounts/account_store.h"
#include "core/access/user.h"

namespace tafel::app::accounts {

struct CredentialCacheOptions {
  access::Micros lifetime = 30LL * 1000000;  // 0 turns the cache off
  std::size_t max_entries = 10000;           // then the oldest half is dropped
};

// What is cached: a verified identity (without the session's last_seen_at, which
// the service keeps up to date in the entry) and the generation it was read at.
struct CachedCredential {
  access::User user;
  Session session;                // browser sessions
  std::optional<ApiToken> token;  // API tokens
  std::int64_t generation = 0;
  access::Micros cached_at = 0;
};

class CredentialCache {
 public:
  explicit CredentialCache(CredentialCacheOptions options = {}) : options_(options) {}

  // The entry of `digest` if it was read at `generation` or later and is younger
  // than the lifetime at `now`; nullopt otherwise (and a stale entry is dropped).
  std::optional<CachedCredential> find(const std::string& digest, std::int64_t generation, access::Micros now);

  // Keeps `entry` for `digest` (replacing an older one).
  void put(const std::string& digest, CachedCredential entry);

  // Records that the session or token of `digest` was touched in the store at `at`.
  void touched(const std::string& digest, access::Micros at);

  // Forgets `digest` (a session that timed out, a token found revoked).
  void erase(const std::string& digest);

 private:
  CredentialCacheOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, CachedCredential> entries_;
};

}  // namespace tafel::app::accounts
