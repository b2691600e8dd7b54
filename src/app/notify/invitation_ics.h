#pragma once
// The iCalendar (RFC 5545) part of an invitation or cancellation mail (iTIP,
// RFC 5546: METHOD:REQUEST or METHOD:CANCEL), for one meeting. Times are written in
// UTC, so the document needs no time-zone definition; the UID is the one of the
// calendar feeds (TableService), so a calendar program that has both sees one
// meeting.

#include <cstdint>
#include <optional>
#include <string>

namespace tafel::app::notify {

struct IcsEvent {
  std::string uid;                                 // "table-1-meeting-4@tafel"
  std::optional<std::int64_t> recurrence_id_us;    // an occurrence of a series: its original start (UTC)
  std::int64_t sequence = 0;                       // grows with every change of the meeting
  std::int64_t starts_at_us = 0;                   // UTC
  std::int64_t ends_at_us = 0;
  std::string summary;      // the table's name
  std::string location;     // the venue
  std::string url;          // the video link, if any
  std::string description;  // plain text
  bool cancelled = false;   // METHOD:CANCEL and STATUS:CANCELLED
};

// The document, lines ending in CRLF and folded at 75 octets (never inside a UTF-8
// character), text values escaped. `stamp_us` is DTSTAMP.
std::string invitation_ics(const IcsEvent& event, std::int64_t stamp_us);

// `ics` with an ORGANIZER (`organizer` address) and one ATTENDEE (`attendee`)
// added to its event: the addresses are only known when the mail is sent, and
// stay out of the stored notification.
std::string with_participants(const std::string& ics, const std::string& organizer, const std::string& attendee);

// "YYYYMMDDTHHMMSSZ" for a UTC instant in microseconds.
std::string ics_utc(std::int64_t us);

}  // namespace tafel::app::notify
