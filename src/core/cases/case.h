#pragma once
// A case (issue 12, point 2): one person at one consultation table whose basis allows
// individual cases. The person is known by the case number (the pseudonym); the
// identity is not part of this type: it is stored sealed (app/cases/identity_cipher.h)
// and only the case's own page, on an explicit and audited request, opens it.
//
// Kept in clear: the table, who opened it and when, open/closed, the minor and
// vulnerable flags, the organisations involved with their track, and whether the
// person was informed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::cases {

// The care track and the safety track are kept apart: an organisation sees the
// content of the tracks it is on, never the other one (may_see_track).
enum class Track : std::uint8_t { care, safety };
std::string_view name_of(Track track);
std::optional<Track> parse_track(std::string_view text);

// Whether the person was told that a case was opened about them.
enum class Informed : std::uint8_t {
  not_recorded,      // nobody recorded it yet
  yes,
  no_investigation,  // not informed because of a running investigation
  no_safety,         // not informed because informing would endanger someone
};
std::string_view name_of(Informed informed);
std::optional<Informed> parse_informed(std::string_view text);

// One organisation on one track.
struct TrackMember {
  access::OrganisationId organisation = 0;
  Track track = Track::care;
  friend bool operator==(const TrackMember&, const TrackMember&) = default;
};

struct Case {
  std::int64_t id = 0;  // the case number: the person's pseudonym
  std::int64_t table_id = 0;
  access::OrganisationId opened_by_organisation = 0;
  access::UserId opened_by_user = 0;
  std::int64_t opened_at_us = 0;
  std::int64_t closed_at_us = 0;  // 0 while open
  bool minor = false;
  bool vulnerable = false;
  std::vector<TrackMember> tracks;
  Informed informed = Informed::not_recorded;
  access::UserId informed_by = 0;
  std::int64_t informed_at_us = 0;

  bool open() const { return closed_at_us == 0; }
  bool on_track(access::OrganisationId organisation, Track track) const;
  // True when `organisation` is on any track.
  bool involves(access::OrganisationId organisation) const;
  // The organisations on `track`, in the order recorded.
  std::vector<access::OrganisationId> organisations_on(Track track) const;
};

// Sorts and de-duplicates the track entries, dropping organisation ids <= 0.
std::vector<TrackMember> normalised(std::vector<TrackMember> tracks);

// Checks a case before it is stored: a table, at least one organisation on a track
// ("invalid_input" otherwise).
Result<void> check_case(const Case& c);

}  // namespace tafel::cases
