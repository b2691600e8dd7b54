#pragma once
// TablePartsCache: the meetings and actions of the tables SqlTableStore::find read
// last, per table id and version (ADR 0025). A table's rows change only in
// SqlTableStore::update, which raises the head's version in the same transaction
// under a version check, and tables are never deleted, so the rows of (id, version)
// never change once committed: what was read for them stays true. find() serves a
// kept version without decoding; update() compares the parts it saves with the
// kept ones field by field and encodes and writes only those that differ.
//
// Only what was read outside any transaction is kept (a transaction's own writes
// may still roll back). A few tables at most; thread-safe.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/tables/action_item.h"
#include "core/tables/meeting.h"

namespace tafel::storage {

class TablePartsCache {
 public:
  // A table's rows as stored: each part with its stored position.
  struct Parts {
    std::vector<tables::Meeting> meetings;
    std::vector<long long> meeting_positions;
    std::vector<tables::ActionItem> actions;
    std::vector<long long> action_positions;
  };

  explicit TablePartsCache(std::size_t capacity = 8) : capacity_(capacity) {}

  // Keeps `parts` as the rows of table `id` at `version`, in place of anything kept
  // for `id`; the least recently used table goes when full.
  void remember(std::int64_t id, std::int64_t version, std::shared_ptr<const Parts> parts);
  // The rows kept for table `id` at `version`; nullptr when none (or another version).
  std::shared_ptr<const Parts> at(std::int64_t id, std::int64_t version) const;
  // Drops what is kept for table `id`.
  void forget(std::int64_t id);

 private:
  struct Entry {
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::shared_ptr<const Parts> parts;
  };
  mutable std::mutex mutex_;
  std::size_t capacity_;
  mutable std::vector<Entry> entries_;  // most recently used last
};

}  // namespace tafel::storage
