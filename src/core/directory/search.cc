#include "core/directory/search.h"

#include <algorithm>
#include <map>

namespace tafel::directory {

std::vector<ContactPoint> search(std::span<const ContactPoint> contact_points,
                                 std::span<const Organisation> organisations, std::span<const Area> areas,
                                 const SearchFilter& filter) {
  std::map<OrganisationId, const Organisation*> orgs;
  for (const auto& o : organisations) orgs[o.id] = &o;
  std::map<AreaId, std::optional<AreaId>> parent;
  for (const auto& a : areas) parent[a.id] = a.parent;
  auto parent_of = [&](AreaId id) -> std::optional<AreaId> {
    auto it = parent.find(id);
    return it == parent.end() ? std::nullopt : it->second;
  };

  std::vector<ContactPoint> out;
  for (const auto& cp : contact_points) {
    auto org = orgs.find(cp.organisation_id);
    if (org == orgs.end()) continue;
    if (filter.topic && cp.topic_id != *filter.topic) continue;
    if (filter.sector && org->second->sector != *filter.sector) continue;
    if (filter.language &&
        std::find(cp.languages.begin(), cp.languages.end(), *filter.language) == cp.languages.end()) {
      continue;
    }
    if (filter.area) {
      bool same = cp.area_id == *filter.area;
      bool covers_district = parent_of(*filter.area) == cp.area_id;  // cp for the municipality
      bool inside = parent_of(cp.area_id) == *filter.area;           // cp for one of its districts
      if (!same && !covers_district && !inside) continue;
    }
    out.push_back(cp);
  }
  std::sort(out.begin(), out.end(), [&](const ContactPoint& a, const ContactPoint& b) {
    const auto& na = orgs[a.organisation_id]->name;
    const auto& nb = orgs[b.organisation_id]->name;
    return na != nb ? na < nb : a.id < b.id;
  });
  return out;
}

}  // namespace tafel::directory
