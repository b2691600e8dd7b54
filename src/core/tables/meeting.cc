#include "core/tables/meeting.h"

#include <algorithm>

namespace tafel::tables {

namespace {
constexpr std::string_view kStatusNames[] = {"planned", "open", "closed", "cancelled"};
constexpr std::string_view kPresenceNames[] = {"present", "excused", "absent"};

void add_once(std::vector<access::OrganisationId>& list, access::OrganisationId id) {
  if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}
}  // namespace

std::string_view name_of(MeetingStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }
std::string_view name_of(Presence presence) { return kPresenceNames[static_cast<std::size_t>(presence)]; }

std::optional<Presence> parse_presence(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kPresenceNames); ++i) {
    if (kPresenceNames[i] == text) return static_cast<Presence>(i);
  }
  return std::nullopt;
}

std::vector<access::OrganisationId> Meeting::attending_organisations() const {
  std::vector<access::OrganisationId> out;
  for (const auto& a : attendance) {
    if (a.presence == Presence::present) add_once(out, a.organisation);
  }
  return out;
}

bool Meeting::is_present(access::UserId user) const {
  return std::any_of(attendance.begin(), attendance.end(),
                     [&](const Attendance& a) { return a.user == user && a.presence == Presence::present; });
}

bool Meeting::acknowledged(access::UserId user, int version) const {
  return std::any_of(acknowledgements.begin(), acknowledgements.end(),
                     [&](const Acknowledgement& a) { return a.user == user && a.version == version; });
}

std::vector<access::OrganisationId> Meeting::acknowledged_organisations(int version) const {
  std::vector<access::OrganisationId> out;
  for (const auto& a : acknowledgements) {
    if (a.version == version && is_present(a.user)) add_once(out, a.organisation);
  }
  return out;
}

AgendaItem* Meeting::find_item(std::int64_t item_id) {
  for (auto& item : agenda) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

const AgendaItem* Meeting::find_item(std::int64_t item_id) const {
  return const_cast<Meeting*>(this)->find_item(item_id);
}

FeedbackForm* Meeting::find_feedback(std::int64_t feedback_id) {
  for (auto& f : feedback) {
    if (f.id == feedback_id) return &f;
  }
  return nullptr;
}

const FeedbackForm* Meeting::find_feedback(std::int64_t feedback_id) const {
  return const_cast<Meeting*>(this)->find_feedback(feedback_id);
}

Result<void> check_attendance_open(const Meeting& meeting) {
  if (meeting.status == MeetingStatus::cancelled) return fail("meeting_closed", "the meeting was cancelled");
  if (meeting.status == MeetingStatus::closed) {
    return fail("attendance_frozen", "the meeting is closed: its attendance can no longer change");
  }
  return {};
}

}  // namespace tafel::tables
