#pragma once
// One meeting of a table: when and where, its agenda, who attended for which
// organisation, who acknowledged which version of the secrecy text, the decisions
// taken and the minutes. A meeting of a series remembers its series and its original
// local start (the occurrence's identity, even after it moved).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/tables/agenda_item.h"
#include "core/tables/declined.h"
#include "core/tables/feedback.h"
#include "core/tables/local_time.h"
#include "core/tables/minutes.h"

namespace tafel::tables {

enum class MeetingStatus : std::uint8_t { planned, open, closed, cancelled };
std::string_view name_of(MeetingStatus status);

enum class Presence : std::uint8_t { present, excused, absent };
std::string_view name_of(Presence presence);
std::optional<Presence> parse_presence(std::string_view text);

struct Attendance {
  access::OrganisationId organisation = 0;
  access::UserId user = 0;
  Presence presence = Presence::present;

  bool operator==(const Attendance&) const = default;
};

// `user` (of `organisation`) read and accepted version `version` of the table's
// secrecy text for this meeting.
struct Acknowledgement {
  access::UserId user = 0;
  access::OrganisationId organisation = 0;
  int version = 0;
  std::int64_t at_us = 0;

  bool operator==(const Acknowledgement&) const = default;
};

// A decision taken on an agenda item, in words everybody can read (no personal data).
struct MeetingDecision {
  std::int64_t id = 0;
  std::int64_t item_id = 0;  // 0 when not tied to one item
  std::string text;

  bool operator==(const MeetingDecision&) const = default;
};

struct Meeting {
  std::int64_t id = 0;
  std::int64_t series_id = 0;   // 0 for a single meeting
  LocalTime original_start;     // the occurrence's identity in its series (local)
  LocalTime local_start;        // when it takes place (local, Europe/Brussels)
  std::int64_t starts_at_us = 0;  // the same instant in UTC microseconds
  std::int64_t ends_at_us = 0;
  std::string venue;
  std::string video_link;
  MeetingStatus status = MeetingStatus::planned;
  std::vector<AgendaItem> agenda;
  std::vector<Attendance> attendance;
  std::vector<Acknowledgement> acknowledgements;
  std::vector<MeetingDecision> decisions;
  Minutes minutes;
  std::vector<DeclinedToShare> declined;  // "declined to share", per item and organisation
  std::vector<FeedbackForm> feedback;     // feedback forms to police or prosecution

  FeedbackForm* find_feedback(std::int64_t feedback_id);
  const FeedbackForm* find_feedback(std::int64_t feedback_id) const;

  // The organisations with at least one attendee present, in order of first record.
  std::vector<access::OrganisationId> attending_organisations() const;
  // True if `user` is recorded as present.
  bool is_present(access::UserId user) const;
  // True if `user` acknowledged secrecy text `version` for this meeting.
  bool acknowledged(access::UserId user, int version) const;
  // The organisations with a present attendee who acknowledged `version`.
  std::vector<access::OrganisationId> acknowledged_organisations(int version) const;
  AgendaItem* find_item(std::int64_t item_id);
  const AgendaItem* find_item(std::int64_t item_id) const;

  // Every field equal: the SQL store writes only the meetings a save changed.
  bool operator==(const Meeting&) const = default;
};

// Whether the attendance of `meeting` may still change: not when it was cancelled
// ("meeting_closed"), nor once it closed ("attendance_frozen": consent, minutes
// approval and the record of who was there rest on it).
Result<void> check_attendance_open(const Meeting& meeting);

}  // namespace tafel::tables
