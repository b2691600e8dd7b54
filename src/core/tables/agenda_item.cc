#include "core/tables/agenda_item.h"

#include "core/tables/text_rules.h"

namespace tafel::tables {

namespace {
constexpr std::string_view kKindNames[] = {"information", "decision", "situation", "case"};
}

std::string_view name_of(ItemKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<ItemKind> parse_item_kind(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == text) return static_cast<ItemKind>(i);
  }
  return std::nullopt;
}

Result<void> check_agenda_item(const AgendaItem& item, LegalBasis basis) {
  if (item.kind == ItemKind::case_item && !allows_individual_cases(basis)) {
    return fail("cases_not_allowed",
                "only a table based on a law, decree, ordinance or prosecutor's authorisation may discuss "
                "individual cases");
  }
  if (auto ok = check_text("title", item.title, 1, 200); !ok) return ok;
  if (item.time_box_minutes < 1 || item.time_box_minutes > 240) {
    return fail("invalid_input", "time_box_minutes must be between 1 and 240");
  }
  if (item.minutes_used < 0 || item.minutes_used > 1440) {
    return fail("invalid_input", "minutes_used must be between 0 and 1440");
  }
  if (item.kind != ItemKind::case_item && item.case_id != 0) {
    return fail("invalid_input", "case_id belongs on a case item only");
  }
  if (item.case_id < 0) return fail("invalid_input", "case_id must be a case number");
  return {};
}

}  // namespace tafel::tables
