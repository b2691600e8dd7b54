#pragma once
// An action agreed at a meeting: who (organisation and person) does what by when.
// Open actions of a table reappear on the agenda of its next meetings until done.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::tables {

enum class ActionStatus : std::uint8_t { open, done, cancelled };

// "open", "done", "cancelled".
std::string_view name_of(ActionStatus status);
std::optional<ActionStatus> parse_action_status(std::string_view text);

struct ActionItem {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::int64_t item_id = 0;  // the agenda item it came from, or 0
  std::string description;
  access::OrganisationId owner_organisation = 0;
  access::UserId owner_user = 0;
  std::string due;      // "YYYY-MM-DD" (local date)
  ActionStatus status = ActionStatus::open;
  std::string done_on;  // "YYYY-MM-DD" when done, else empty

  bool operator==(const ActionItem&) const = default;
};

// Description 1..1000 bytes, a valid due date, done_on set exactly when done.
// Fails with "invalid_input".
Result<void> check_action_item(const ActionItem& action);

// Open and past its due date on `today` ("YYYY-MM-DD"; ISO dates compare as text).
bool is_overdue(const ActionItem& action, std::string_view today);

// Done, on or before its due date.
bool done_on_time(const ActionItem& action);

// True for a real calendar date written "YYYY-MM-DD".
bool is_date(std::string_view text);

}  // namespace tafel::tables
