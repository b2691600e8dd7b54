#include "core/tables/minutes.h"

#include <algorithm>

#include "core/tables/text_rules.h"

namespace tafel::tables {

namespace {
constexpr std::size_t kMaxMinutesBytes = 100'000;

bool contains(const std::vector<access::OrganisationId>& list, access::OrganisationId id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}
}  // namespace

Result<void> Minutes::draft(std::string markdown, access::UserId by) {
  if (frozen()) return fail("minutes_frozen", "approved minutes are frozen; submit a correction with a reason");
  if (auto ok = check_text("markdown", markdown, 0, kMaxMinutesBytes, true); !ok) return ok;
  if (versions_.empty()) versions_.push_back(MinutesVersion{});
  MinutesVersion& v = versions_.back();
  v.markdown = std::move(markdown);
  v.drafted_by = by;
  v.approvals.clear();  // they approved another text
  return {};
}

Result<void> Minutes::correct(std::string markdown, std::string reason, access::UserId by) {
  if (!frozen()) return fail("minutes_not_frozen", "only approved minutes are corrected; edit the draft instead");
  if (auto ok = check_text("reason", reason, 1, 500, true); !ok) return ok;
  if (auto ok = check_text("markdown", markdown, 0, kMaxMinutesBytes, true); !ok) return ok;
  MinutesVersion next;
  next.number = versions_.back().number + 1;
  next.markdown = std::move(markdown);
  next.reason = std::move(reason);
  next.drafted_by = by;
  versions_.push_back(std::move(next));
  return {};
}

Result<bool> Minutes::approve(access::OrganisationId organisation,
                              const std::vector<access::OrganisationId>& attending, std::int64_t at_us) {
  if (versions_.empty()) return fail("no_minutes", "there are no minutes to approve yet");
  if (frozen()) return fail("minutes_frozen", "these minutes are already approved and frozen");
  if (attending.empty()) return fail("no_attendance", "record the attendance before approving the minutes");
  if (!contains(attending, organisation)) {
    return fail("not_attending", "only organisations that attended the meeting approve its minutes");
  }
  MinutesVersion& v = versions_.back();
  if (contains(v.approvals, organisation)) return fail("already_approved", "your organisation already approved");
  v.approvals.push_back(organisation);
  if (pending(attending).empty()) {
    v.frozen = true;
    v.frozen_at_us = at_us;
    return true;
  }
  return false;
}

std::vector<access::OrganisationId> Minutes::pending(const std::vector<access::OrganisationId>& attending) const {
  std::vector<access::OrganisationId> out;
  const MinutesVersion* v = current();
  for (auto org : attending) {
    if (!v || !contains(v->approvals, org)) out.push_back(org);
  }
  return out;
}

}  // namespace tafel::tables
