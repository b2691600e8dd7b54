#include "core/retention/retention.h"

#include <algorithm>
#include <cassert>

namespace tafel::retention {

namespace {

std::optional<Timestamp> earliest(std::optional<Timestamp> a, std::optional<Timestamp> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

// `from` plus `days`, saturating: a period past the end of time never comes.
Timestamp plus_days(Timestamp from, std::int32_t days) {
  const Timestamp span = static_cast<Timestamp>(days) * kMicrosPerDay;
  if (from > sharing::kNever - span) return sharing::kNever;
  return from + span;
}

}  // namespace

std::optional<Timestamp> case_due(std::optional<Timestamp> closed_at, std::optional<std::int32_t> table_days) {
  assert(!table_days || *table_days > 0);
  if (!closed_at || !table_days) return std::nullopt;
  return plus_days(*closed_at, *table_days);
}

std::optional<Timestamp> contribution_due(Timestamp received_at, sharing::CategorySet categories,
                                          const std::vector<agreement::Retention>& agreement_retention,
                                          std::optional<Timestamp> case_due_at) {
  std::optional<Timestamp> due = case_due_at;
  for (const auto& r : agreement_retention) {
    if (r.days <= 0 || !categories.has(r.category)) continue;
    due = earliest(due, plus_days(received_at, r.days));
  }
  return due;
}

}  // namespace tafel::retention
