#pragma once
// A contact point: whom to call at an organisation about one topic in one area. It
// names a primary person and deputies — users of that organisation — so that the
// collaboration never hangs on one "white raven".

#include <cstdint>
#include <string>
#include <vector>

#include "core/directory/organisation.h"
#include "core/directory/topic.h"

namespace tafel::directory {

using ContactPointId = std::int64_t;
using PersonId = std::int64_t;  // an access::UserId of the same organisation

struct ContactPoint {
  ContactPointId id = 0;
  OrganisationId organisation_id = 0;
  TopicId topic_id = 0;
  AreaId area_id = 0;
  PersonId primary = 0;
  std::vector<PersonId> deputies;      // in order of preference
  std::string office_hours;            // free text, e.g. "ma-vr 9-17"
  std::string emergency_line;          // a phone number for urgent cases; may be empty
  std::vector<std::string> languages;  // nl / fr / en spoken at this contact point
};

// Fails with "invalid_input": a primary person; deputies distinct from each other
// and from the primary; office hours at most 200 bytes; emergency line at most 40 of
// "+0123456789 ()./-"; languages a non-empty subset of nl/fr/en.
Result<void> validate(const ContactPoint& contact_point);

}  // namespace tafel::directory
