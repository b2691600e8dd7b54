#pragma once
// The identity of a case leaving its recording organisation (issue 12, point 4).
//
// The opener's organisation recorded the identity; for any other organisation on a
// track, reading it is a disclosure of the category `identity` about the case's person,
// decided by the sharing engine like every other one (sharing-model §2): at the table's
// meeting in progress with both acknowledging its secrecy text (case_consultation), or
// on the person's consent, shared secrecy or an agreement. Being on a track is what lets
// an organisation ask (core/cases/case_policy.h), not a ground.

#include <cstdint>
#include <string>
#include <vector>

#include "app/decisions/sharing_world.h"
#include "core/cases/case.h"
#include "core/tables/table.h"

namespace tafel::app::cases {

struct IdentityDisclosure {
  bool permit = false;
  std::string ground;                     // the permitting ground, e.g. "case_consultation"
  std::string rule;                       // "<agreement>/<rule>" when an agreement rule applied
  std::vector<std::string> obligations;   // of the permit
  std::vector<std::string> reasons;       // deny: the engine's reason codes
  sharing::Explanation explanation;       // the engine's explanation, names as people read them
};

// Decides whether `c`'s identity may be shown to `recipient` at `at_us`. `table` is the
// case's table (nullptr when it is gone: no consultation context then). The purposes
// asked, in order: the table's art. 458ter finalities, then `care` when `recipient` is on
// the care track (`integrity` when neither applies); the first permit wins, otherwise the
// first refusal is returned. A recipient or opener the world does not know is a deny
// ("not_in_directory").
IdentityDisclosure decide_identity_disclosure(const decisions::CompiledWorld& world, const ::tafel::cases::Case& c,
                                              const ::tafel::tables::Table* table, access::OrganisationId recipient,
                                              std::int64_t at_us);

}  // namespace tafel::app::cases
