#pragma once
// The port through which the audit views read the log: entries matching a filter,
// newest first. Implemented by storage::AuditLog; MemoryAuditReader serves tests.
// Reading never changes the log; recording that someone looked is the use case's job.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/entry.h"
#include "core/result.h"

namespace tafel::app::audit {

// Every set criterion must hold (AND); empty strings and nullopt mean "any".
struct AuditFilter {
  std::optional<std::int64_t> from_us;  // time_us >= from_us
  std::optional<std::int64_t> to_us;    // time_us <  to_us
  std::string actor;                    // exact user id
  std::string organisation;             // exact organisation id
  std::optional<core::audit::Action> action;
  std::string object_type;              // exact, e.g. "person"
  std::string object_id;                // exact record id
  // Paging: only entries with seq < before_seq (0: no bound) — newest-first pages;
  // and seq > after_seq — oldest-first pages (exports).
  std::uint64_t before_seq = 0;
  std::uint64_t after_seq = 0;
  bool oldest_first = false;
  std::size_t limit = 100;  // at most this many entries; at most kMaxLimit
  friend bool operator==(const AuditFilter&, const AuditFilter&) = default;
};

inline constexpr std::size_t kMaxAuditPage = 10'000;

// True when `e` satisfies every criterion of `filter` except paging and limit.
inline bool matches(const AuditFilter& filter, const core::audit::Entry& e) {
  if (filter.from_us && e.time_us < *filter.from_us) return false;
  if (filter.to_us && e.time_us >= *filter.to_us) return false;
  if (!filter.actor.empty() && e.actor != filter.actor) return false;
  if (!filter.organisation.empty() && e.organisation != filter.organisation) return false;
  if (filter.action && e.action != *filter.action) return false;
  if (!filter.object_type.empty() && e.object_type != filter.object_type) return false;
  if (!filter.object_id.empty() && e.object_id != filter.object_id) return false;
  if (filter.before_seq != 0 && e.seq >= filter.before_seq) return false;
  if (e.seq <= filter.after_seq) return false;
  return true;
}

class AuditReader {
 public:
  virtual ~AuditReader() = default;
  // The entries matching `filter`, newest first (oldest first when
  // filter.oldest_first), at most min(filter.limit, kMaxAuditPage) of them.
  virtual Result<std::vector<core::audit::Entry>> find(const AuditFilter& filter) = 0;
};

}  // namespace tafel::app::audit
