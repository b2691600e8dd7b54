#pragma once
// The outcome of a sharing decision: permit or deny, the permitting ground, what
// applied (agreement rule, consent, table), the obligations, and on deny the failing
// condition of every ground that was tried.
//
// A Decision is a small value without heap allocations: it refers to the world by
// index, so deciding allocates nothing. Policy turns indices into names.

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/sharing/vocabulary.h"

namespace tafel::sharing {

inline constexpr std::int32_t kNone = -1;

// One ground that was tried and failed, with its first failing condition and what
// the reason refers to (the consent it was read from, the agreement and rule that
// forbid the flow or that is not in force).
struct Attempt {
  Ground ground = Ground::not_personal;
  Reason reason = Reason::not_applicable;
  std::int32_t consent = kNone;
  std::int32_t agreement = kNone;
  std::int32_t rule = kNone;
};

struct Decision {
  bool permit = false;
  std::optional<Ground> ground;       // the permitting ground (permit only)
  std::int32_t agreement = kNone;     // the agreement whose rule permitted (ground agreement)
  std::int32_t rule = kNone;          // index of that rule within the agreement
  std::int32_t consent = kNone;       // the consent that applied (consent, shared_secrecy)
  std::int32_t table = kNone;         // the table that applied (case_consultation)
  ObligationSet obligations;          // the model's own obligations; see Policy::obligations
  // True when the onward-sharing check (origin under case_consultation) denied.
  bool use_restricted = false;

  // The grounds tried and failed, in the order tried. `not_personal` is left out when
  // it was only tried in the default order (it fails silently there).
  std::span<const Attempt> failed() const { return {attempts_.data(), attempt_count_}; }

  // On deny, the first failing condition of every ground tried, de-duplicated, in
  // order. Empty on permit.
  std::span<const Reason> reasons() const {
    if (permit) return {};
    return {reasons_.data(), reason_count_};
  }

  bool has_reason(Reason r) const {
    for (Reason x : reasons()) {
      if (x == r) return true;
    }
    return false;
  }

  void add_failure(const Attempt& attempt) {
    if (attempt_count_ < attempts_.size()) attempts_[attempt_count_++] = attempt;
    for (std::size_t i = 0; i < reason_count_; ++i) {
      if (reasons_[i] == attempt.reason) return;
    }
    if (reason_count_ < reasons_.size()) reasons_[reason_count_++] = attempt.reason;
  }

 private:
  // At most one attempt per ground, plus the onward-sharing check.
  std::array<Attempt, term_count<Ground>() + 1> attempts_{};
  std::array<Reason, term_count<Ground>() + 1> reasons_{};
  std::size_t attempt_count_ = 0;
  std::size_t reason_count_ = 0;
};

}  // namespace tafel::sharing
