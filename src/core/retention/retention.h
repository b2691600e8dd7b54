#pragma once
// Retention: how long a case and a contribution are kept, and when the purge removes them
// (issue 12, point 9; docs/retention.md).
//
// Two sources set periods. A consultation table keeps a closed case (and everything on
// it) for its own number of days after closure; an open case is never due. A
// collaboration agreement keeps the information received under it for a number of days
// per category (agreement::Retention), counted from when it was received. Where several
// periods apply the shortest wins: information must not outlive any period that covers it.
//
// Pure: the caller passes the time.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/agreement/document.h"
#include "core/sharing/vocabulary.h"

namespace tafel::retention {

using sharing::Timestamp;

inline constexpr Timestamp kMicrosPerDay = 86'400'000'000;

// When a case is due for purging: `closed_at` plus `table_days`; nullopt while the case
// is open or when the table sets no period. `table_days` must be positive when given.
std::optional<Timestamp> case_due(std::optional<Timestamp> closed_at, std::optional<std::int32_t> table_days);

// When a contribution is due: the earliest of its case's due time (a contribution never
// outlives its case) and `received_at` plus the agreement's days for each of the
// contribution's categories that the agreement names. nullopt when nothing limits it.
std::optional<Timestamp> contribution_due(Timestamp received_at, sharing::CategorySet categories,
                                          const std::vector<agreement::Retention>& agreement_retention,
                                          std::optional<Timestamp> case_due_at);

// True when `due_at` is set and not after `now`.
constexpr bool is_due(std::optional<Timestamp> due_at, Timestamp now) { return due_at && *due_at <= now; }

}  // namespace tafel::retention
