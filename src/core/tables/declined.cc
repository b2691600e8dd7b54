#include "core/tables/declined.h"

#include <algorithm>

#include "core/tables/meeting.h"

namespace tafel::tables {

namespace {
constexpr std::string_view kReasonNames[] = {"none", "professional_secrecy", "no_ground", "not_relevant", "other"};
}  // namespace

std::string_view name_of(DeclineReason reason) { return kReasonNames[static_cast<std::size_t>(reason)]; }

std::optional<DeclineReason> parse_decline_reason(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kReasonNames); ++i) {
    if (kReasonNames[i] == text) return static_cast<DeclineReason>(i);
  }
  return std::nullopt;
}

Result<void> decline_to_share(Meeting& meeting, const DeclinedToShare& entry) {
  const AgendaItem* item = meeting.find_item(entry.item_id);
  if (!item) return fail("not_found", "no such agenda item");
  if (is_quick(item->kind)) {
    return fail("invalid_input", "declining to share applies to situations and cases, not to quick items");
  }
  if (meeting.status != MeetingStatus::open) return fail("meeting_not_open", "the meeting is not in progress");
  auto attending = meeting.attending_organisations();
  if (std::find(attending.begin(), attending.end(), entry.organisation) == attending.end()) {
    return fail("not_attending", "only an organisation present at the meeting answers for itself");
  }
  bool already = std::any_of(meeting.declined.begin(), meeting.declined.end(), [&](const DeclinedToShare& d) {
    return d.item_id == entry.item_id && d.organisation == entry.organisation;
  });
  if (already) return fail("already_declined", "your organisation's answer is already recorded");
  meeting.declined.push_back(entry);
  return {};
}

Result<void> withdraw_declined(Meeting& meeting, std::int64_t item_id, access::OrganisationId organisation) {
  if (meeting.status != MeetingStatus::open) return fail("meeting_not_open", "the meeting is not in progress");
  auto removed = std::erase_if(meeting.declined, [&](const DeclinedToShare& d) {
    return d.item_id == item_id && d.organisation == organisation;
  });
  if (removed == 0) return fail("not_found", "your organisation had not declined on this item");
  return {};
}

std::vector<DeclinedToShare> declined_on(const Meeting& meeting, std::int64_t item_id) {
  std::vector<DeclinedToShare> out;
  for (const auto& d : meeting.declined) {
    if (d.item_id == item_id) out.push_back(d);
  }
  return out;
}

}  // namespace tafel::tables
