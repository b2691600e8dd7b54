#include "core/care/exclusion.h"

#include "core/enum_names.h"

namespace tafel::care {
namespace {

constexpr EnumNames<ExclusionReason, kExclusionReasonCount> kNames{{
    {ExclusionReason::not_motivated, "not_motivated"},
    {ExclusionReason::no_capacity, "no_capacity"},
    {ExclusionReason::outside_target_group, "outside_target_group"},
    {ExclusionReason::behaviour, "behaviour"},
    {ExclusionReason::other, "other"},
}};

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::string_view name_of(ExclusionReason reason) { return name_in(kNames, reason); }

std::optional<ExclusionReason> parse_exclusion_reason(std::string_view text) { return parse_in(kNames, text); }

std::string label_key(ExclusionReason reason) { return "care.exclusion.reason." + std::string(name_of(reason)); }

Result<void> check_exclusion(const Exclusion& exclusion) {
  if (exclusion.reason == ExclusionReason::other) {
    if (blank(exclusion.text)) return fail("reason_text_required", "say in a few words what the other reason is");
  } else if (!exclusion.text.empty()) {
    return fail("reason_text_not_allowed", "only the reason 'other' takes a text");
  }
  if (exclusion.text.size() > kMaxExclusionText) {
    return fail("reason_text_too_long", "the reason's text is limited to 280 characters");
  }
  return {};
}

}  // namespace tafel::care
