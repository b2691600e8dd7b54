#pragma once
// An item on a meeting's agenda. The kind keeps quick business (information,
// decisions) apart from complex situations and individual cases, so the chair can
// put the quick items first and protect the time of the hard ones.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/access/user.h"
#include "core/result.h"
#include "core/tables/legal_basis.h"

namespace tafel::tables {

enum class ItemKind : std::uint8_t { information, decision, situation, case_item };

// "information", "decision", "situation", "case".
std::string_view name_of(ItemKind kind);
std::optional<ItemKind> parse_item_kind(std::string_view text);

// Information and decision items are quick; situations and cases are complex.
constexpr bool is_quick(ItemKind kind) { return kind == ItemKind::information || kind == ItemKind::decision; }

struct AgendaItem {
  std::int64_t id = 0;
  ItemKind kind = ItemKind::information;
  std::string title;  // no personal data: shown to every member, printed, mailed
  int time_box_minutes = 10;
  int minutes_used = 0;  // recorded during the meeting; 0 until then
  access::UserId owner_user = 0;
  access::OrganisationId owner_organisation = 0;
  std::int64_t carried_over_from = 0;  // id of the item of an earlier meeting, or 0
  // The case a case item is about (kind case only; core/cases/case.h), or 0. The
  // case's identity and details live sealed in the case, never in the table.
  std::int64_t case_id = 0;
  // Details of a case item stored by versions before issue 12 (read from old
  // documents only, never written): the data step at start
  // (app::cases::CaseService::adopt_case_details) moves them into a case.
  std::string legacy_case_details;
  // Marked by the chair or secretary to come back at the next meeting; when the
  // meeting closes it is copied there (core/tables/carry_over.h).
  bool carry_over = false;

  bool operator==(const AgendaItem&) const = default;
};

// Checks an item for a table with `basis`: title 1..200 bytes, time box 1..240
// minutes, a case reference only on a case item, and a case item only at a table whose
// basis allows individual cases ("cases_not_allowed" otherwise; every other failure
// is "invalid_input").
Result<void> check_agenda_item(const AgendaItem& item, LegalBasis basis);

}  // namespace tafel::tables
