#pragma once
// "Declined to share": at a situation or case item, an attending organisation says
// that it does not share what it knows. That is a lawful, neutral answer (nobody is
// ever obliged to share, and professional secrecy often forbids it), so it is
// recorded as a fact with at most a reason code from a small closed list, never as a
// fault and never with free text that could carry personal data.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::tables {

struct Meeting;

// "none" (no reason given), "professional_secrecy", "no_ground", "not_relevant", "other".
enum class DeclineReason : std::uint8_t { none, professional_secrecy, no_ground, not_relevant, other };
std::string_view name_of(DeclineReason reason);
std::optional<DeclineReason> parse_decline_reason(std::string_view text);
// Every reason, in list order (for forms and API descriptions).
constexpr DeclineReason kDeclineReasons[] = {DeclineReason::none, DeclineReason::professional_secrecy,
                                             DeclineReason::no_ground, DeclineReason::not_relevant,
                                             DeclineReason::other};

struct DeclinedToShare {
  std::int64_t item_id = 0;
  access::OrganisationId organisation = 0;
  access::UserId user = 0;  // the delegate who recorded it
  DeclineReason reason = DeclineReason::none;
  std::int64_t at_us = 0;

  bool operator==(const DeclinedToShare&) const = default;
};

// Records that `entry.organisation` declined to share on item `entry.item_id` of
// `meeting`. Fails with "not_found" (no such item), "invalid_input" (an item of kind
// information or decision: nothing is shared there), "meeting_not_open",
// "not_attending" (the organisation has nobody present) or "already_declined".
Result<void> decline_to_share(Meeting& meeting, const DeclinedToShare& entry);

// Withdraws `organisation`'s answer on `item_id` while the meeting is open. Fails
// with "meeting_not_open" or "not_found" (it had not declined).
Result<void> withdraw_declined(Meeting& meeting, std::int64_t item_id, access::OrganisationId organisation);

// The organisations that declined on `item_id`, in the order recorded.
std::vector<DeclinedToShare> declined_on(const Meeting& meeting, std::int64_t item_id);

}  // namespace tafel::tables
