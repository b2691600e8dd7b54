#include "app/notify/invitation_ics.h"

#include <chrono>
#include <cstdio>

namespace tafel::app::notify {
namespace {

std::string escape_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// Appends `line` folded at 75 octets, each physical line ending in CRLF; a
// continuation starts with one space. Never splits a UTF-8 sequence.
void add_line(std::string& out, const std::string& line) {
  std::size_t pos = 0;
  std::size_t limit = 75;
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, pos, cut - pos);
    out += "\r\n ";
    pos = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line, pos, std::string::npos);
  out += "\r\n";
}

}  // namespace

std::string ics_utc(std::int64_t us) {
  using namespace std::chrono;
  sys_time<microseconds> t{microseconds{us}};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{floor<seconds>(t - day)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

std::string invitation_ics(const IcsEvent& e, std::int64_t stamp_us) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//tafel//notifications//EN");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, e.cancelled ? "METHOD:CANCEL" : "METHOD:REQUEST");
  add_line(out, "BEGIN:VEVENT");
  add_line(out, "UID:" + e.uid);
  if (e.recurrence_id_us) add_line(out, "RECURRENCE-ID:" + ics_utc(*e.recurrence_id_us));
  add_line(out, "SEQUENCE:" + std::to_string(e.sequence));
  add_line(out, "DTSTAMP:" + ics_utc(stamp_us));
  add_line(out, "DTSTART:" + ics_utc(e.starts_at_us));
  add_line(out, "DTEND:" + ics_utc(e.ends_at_us));
  add_line(out, "SUMMARY:" + escape_text(e.summary));
  if (!e.location.empty()) add_line(out, "LOCATION:" + escape_text(e.location));
  if (!e.url.empty()) add_line(out, "URL:" + e.url);
  if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escape_text(e.description));
  add_line(out, e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  add_line(out, "END:VEVENT");
  add_line(out, "END:VCALENDAR");
  return out;
}

std::string with_participants(const std::string& ics, const std::string& organizer, const std::string& attendee) {
  const std::string end = "END:VEVENT\r\n";
  auto at = ics.find(end);
  if (at == std::string::npos) return ics;
  std::string lines;
  add_line(lines, "ORGANIZER:mailto:" + organizer);
  add_line(lines, "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:" + attendee);
  std::string out = ics;
  out.insert(at, lines);
  return out;
}

}  // namespace tafel::app::notify
