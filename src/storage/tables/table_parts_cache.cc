#include "storage/tables/table_parts_cache.h"

#include <algorithm>

namespace tafel::storage {

void TablePartsCache::remember(std::int64_t id, std::int64_t version, std::shared_ptr<const Parts> parts) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const Entry& e) { return e.id == id; });
  if (entries_.size() >= capacity_) entries_.erase(entries_.begin());
  entries_.push_back(Entry{id, version, std::move(parts)});
}

std::shared_ptr<const TablePartsCache::Parts> TablePartsCache::at(std::int64_t id, std::int64_t version) const {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == id; });
  if (it == entries_.end() || it->version != version) return nullptr;
  std::rotate(it, it + 1, entries_.end());  // most recently used last
  return entries_.back().parts;
}

void TablePartsCache::forget(std::int64_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const Entry& e) { return e.id == id; });
}

}  // namespace tafel::storage
