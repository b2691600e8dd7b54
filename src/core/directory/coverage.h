#pragma once
// Coverage analysis: where does collaboration hang on one person? Two warnings, shown
// on an organisation's page and in the coordinator overview:
//  * no_deputy — a contact point without a deputy: when its person is away, nobody
//    answers;
//  * overloaded_person — one person holds more than `max_contact_points_per_person`
//    contact points (as primary or deputy): the "white raven" the source warns about.

#include <cstdint>
#include <span>
#include <vector>

#include "core/directory/contact_point.h"

namespace tafel::directory {

inline constexpr int kDefaultMaxContactPointsPerPerson = 3;

struct CoverageWarning {
  enum class Kind : std::uint8_t { no_deputy, overloaded_person };
  Kind kind = Kind::no_deputy;
  OrganisationId organisation_id = 0;
  ContactPointId contact_point_id = 0;  // for no_deputy
  PersonId person = 0;                  // for overloaded_person
  int count = 0;                        // for overloaded_person: how many contact points
};

// The warnings for `contact_points`, in a stable order: no_deputy by contact point
// id, then overloaded_person by person id.
std::vector<CoverageWarning> analyse_coverage(std::span<const ContactPoint> contact_points,
                                              int max_contact_points_per_person = kDefaultMaxContactPointsPerPerson);

}  // namespace tafel::directory
