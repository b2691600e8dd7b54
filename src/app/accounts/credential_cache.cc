#include "app/accounts/credential_cache.h"

#include <algorithm>
#include <vector>

namespace tafel::app::accounts {

std::optional<CachedCredential> CredentialCache::find(const std::string& digest, std::int64_t generation,
                                                      access::Micros now) {
  if (options_.lifetime <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(digest);
  if (it == entries_.end()) return std::nullopt;
  // Generations only grow: an entry read at a later one than this request's reading
  // was read after it, hence is at least as fresh.
  if (it->second.generation < generation || now - it->second.cached_at >= options_.lifetime ||
      now < it->second.cached_at) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void CredentialCache::put(const std::string& digest, CachedCredential entry) {
  if (options_.lifetime <= 0) return;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= options_.max_entries && entries_.find(digest) == entries_.end()) {
    // Full (many distinct credentials within one lifetime): drop the older half
    // rather than grow; the dropped ones are read from the store again.
    std::vector<access::Micros> ages;
    ages.reserve(entries_.size());
    for (const auto& [d, e] : entries_) ages.push_back(e.cached_at);
    auto middle = ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 2);
    std::nth_element(ages.begin(), middle, ages.end());
    access::Micros cut = *middle;
    std::erase_if(entries_, [cut](const auto& kv) { return kv.second.cached_at <= cut; });
  }
  entries_.insert_or_assign(digest, std::move(entry));
}

void CredentialCache::touched(const std::string& digest, access::Micros at) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(digest);
  if (it == entries_.end()) return;
  it->second.session.last_seen_at = at;
  if (it->second.token) it->second.token->last_used_at = at;
}

void CredentialCache::erase(const std::string& digest) {
  std::lock_guard lock(mutex_);
  entries_.erase(digest);
}

}  // namespace tafel::app::accounts
