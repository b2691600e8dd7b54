#pragma once
// The exclusion register (issue 16, point 4; docs/care.md "Exclusion register"): the
// closed list of reasons a service gives when it refuses a referral or ends care
// early. A closed list, not free text, so that refusals can be counted: "not
// motivated" used as a black list becomes visible only when it is one countable
// value. "Other" carries a short text; the named reasons carry none, which keeps
// case details (personal data) out of a register that is read in aggregate.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tafel::care {

enum class ExclusionReason : std::uint8_t { not_motivated, no_capacity, outside_target_group, behaviour, other };
inline constexpr std::array kExclusionReasons = {ExclusionReason::not_motivated, ExclusionReason::no_capacity,
                                                 ExclusionReason::outside_target_group, ExclusionReason::behaviour,
                                                 ExclusionReason::other};
inline constexpr std::size_t kExclusionReasonCount = kExclusionReasons.size();

// "not_motivated", ... as stored and served; and back (nullopt for anything else).
std::string_view name_of(ExclusionReason reason);
std::optional<ExclusionReason> parse_exclusion_reason(std::string_view text);
// The i18n key of the reason's label: "care.exclusion.reason.not_motivated".
std::string label_key(ExclusionReason reason);

inline constexpr std::size_t kMaxExclusionText = 280;

// A reason as given: for `other`, a short text saying what it was.
struct Exclusion {
  ExclusionReason reason = ExclusionReason::other;
  std::string text;
  friend bool operator==(const Exclusion&, const Exclusion&) = default;
};

// "reason_text_required" for `other` without text (blank counts as none);
// "reason_text_not_allowed" for a named reason with text; "reason_text_too_long"
// above kMaxExclusionText bytes.
Result<void> check_exclusion(const Exclusion& exclusion);

}  // namespace tafel::care
