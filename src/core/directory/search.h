#pragma once
// The directory search: "whom do I call at X about Y?". Pure: the caller passes every
// contact point, organisation and area (a town has hundreds, not millions), and gets
// the matching contact points back in a stable order (organisation name, then
// contact point id).
//
// Areas nest: a contact point for a municipality answers for its districts, and a
// search for a municipality also finds the contact points of its districts.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/directory/area.h"
#include "core/directory/contact_point.h"
#include "core/directory/organisation.h"

namespace tafel::directory {

struct SearchFilter {
  std::optional<TopicId> topic;
  std::optional<AreaId> area;
  std::optional<sharing::Sector> sector;
  std::optional<std::string> language;  // spoken at the contact point
};

std::vector<ContactPoint> search(std::span<const ContactPoint> contact_points,
                                 std::span<const Organisation> organisations, std::span<const Area> areas,
                                 const SearchFilter& filter);

}  // namespace tafel::directory
