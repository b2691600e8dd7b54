#include "core/cases/case.h"

#include <algorithm>

namespace tafel::cases {

std::string_view name_of(Track track) { return track == Track::care ? "care" : "safety"; }

std::optional<Track> parse_track(std::string_view text) {
  if (text == "care") return Track::care;
  if (text == "safety") return Track::safety;
  return std::nullopt;
}

namespace {
constexpr std::string_view kInformedNames[] = {"not_recorded", "yes", "no_investigation", "no_safety"};
}

std::string_view name_of(Informed informed) { return kInformedNames[static_cast<std::size_t>(informed)]; }

std::optional<Informed> parse_informed(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kInformedNames); ++i) {
    if (kInformedNames[i] == text) return static_cast<Informed>(i);
  }
  return std::nullopt;
}

bool Case::on_track(access::OrganisationId organisation, Track track) const {
  return std::any_of(tracks.begin(), tracks.end(),
                     [&](const TrackMember& m) { return m.organisation == organisation && m.track == track; });
}

bool Case::involves(access::OrganisationId organisation) const {
  return std::any_of(tracks.begin(), tracks.end(), [&](const TrackMember& m) { return m.organisation == organisation; });
}

std::vector<access::OrganisationId> Case::organisations_on(Track track) const {
  std::vector<access::OrganisationId> out;
  for (const auto& m : tracks) {
    if (m.track == track) out.push_back(m.organisation);
  }
  return out;
}

std::vector<TrackMember> normalised(std::vector<TrackMember> tracks) {
  std::erase_if(tracks, [](const TrackMember& m) { return m.organisation <= 0; });
  std::sort(tracks.begin(), tracks.end(), [](const TrackMember& a, const TrackMember& b) {
    return a.track != b.track ? a.track < b.track : a.organisation < b.organisation;
  });
  tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
  return tracks;
}

Result<void> check_case(const Case& c) {
  if (c.table_id <= 0) return fail("invalid_input", "a case belongs to a consultation table");
  if (c.tracks.empty()) return fail("invalid_input", "at least one organisation must be on the care or safety track");
  return {};
}

}  // namespace tafel::cases
