#include "core/directory/coverage.h"

#include <algorithm>
#include <map>

namespace tafel::directory {

std::vector<CoverageWarning> analyse_coverage(std::span<const ContactPoint> contact_points,
                                              int max_contact_points_per_person) {
  std::vector<CoverageWarning> warnings;
  std::vector<const ContactPoint*> sorted;
  for (const auto& cp : contact_points) sorted.push_back(&cp);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });

  // person -> (organisation, number of contact points held)
  std::map<PersonId, std::pair<OrganisationId, int>> load;
  for (const ContactPoint* cp : sorted) {
    if (cp->deputies.empty()) {
      warnings.push_back({CoverageWarning::Kind::no_deputy, cp->organisation_id, cp->id, cp->primary, 0});
    }
    auto count = [&](PersonId p) {
      auto& entry = load[p];
      entry.first = cp->organisation_id;
      ++entry.second;
    };
    count(cp->primary);
    for (PersonId d : cp->deputies) count(d);
  }
  for (const auto& [person, entry] : load) {
    if (entry.second > max_contact_points_per_person) {
      warnings.push_back({CoverageWarning::Kind::overloaded_person, entry.first, 0, person, entry.second});
    }
  }
  return warnings;
}

}  // namespace tafel::directory
