#include "core/tables/action_item.h"

#include <chrono>

#include "core/tables/text_rules.h"

namespace tafel::tables {

namespace {
constexpr std::string_view kStatusNames[] = {"open", "done", "cancelled"};
}

std::string_view name_of(ActionStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<ActionStatus> parse_action_status(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kStatusNames); ++i) {
    if (kStatusNames[i] == text) return static_cast<ActionStatus>(i);
  }
  return std::nullopt;
}

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  using namespace std::chrono;
  return year_month_day{year{parts[0]}, month{static_cast<unsigned>(parts[1])}, day{static_cast<unsigned>(parts[2])}}
      .ok();
}

Result<void> check_action_item(const ActionItem& action) {
  if (auto ok = check_text("description", action.description, 1, 1000, true); !ok) return ok;
  if (!is_date(action.due)) return fail("invalid_input", "due must be a date YYYY-MM-DD");
  if (action.owner_organisation <= 0) return fail("invalid_input", "owner_organisation is required");
  if ((action.status == ActionStatus::done) != !action.done_on.empty()) {
    return fail("invalid_input", "done_on is set exactly when the action is done");
  }
  if (!action.done_on.empty() && !is_date(action.done_on)) return fail("invalid_input", "done_on must be a date");
  return {};
}

bool is_overdue(const ActionItem& action, std::string_view today) {
  return action.status == ActionStatus::open && std::string_view(action.due) < today;
}

bool done_on_time(const ActionItem& action) {
  return action.status == ActionStatus::done && action.done_on <= action.due;
}

}  // namespace tafel::tables
