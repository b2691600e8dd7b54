#pragma once
// The facts the sharing engine decides on about each party (sector, secrecy, mission,
// reporting duty), as recorded with a signature, and the comparison with today's
// directory: an agreement was signed on the facts its parties had then, and when a
// platform admin changes them later every agreement naming that party shows it
// (issue 11, point 3).
//
// Text form, stored with each signature: one entry per party in party order,
// "<id>:<sector>/<secrecy>/<mission>/<0|1>", joined by ";". Ids and vocabulary names
// never hold ':', '/' or ';'.

#include <string>
#include <string_view>
#include <vector>

#include "core/agreement/agreement.h"
#include "core/result.h"
#include "core/sharing/world.h"

namespace tafel::agreement {

// The text form of the facts of `version`'s parties, taken from `organisations`
// (parties missing from it are left out).
std::string facts_text(const Version& version, const std::vector<sharing::Organisation>& organisations);

// Parses the text form; fails with "corrupt_agreement" on anything else.
Result<std::vector<sharing::Organisation>> parse_facts_text(std::string_view text);

// The parties of `version` (in party order) whose facts in `today` differ from those
// recorded with any of its signatures. Signatures without recorded facts, and
// parties missing from `today`, count as unchanged.
std::vector<std::string> parties_with_changed_facts(const Version& version,
                                                    const std::vector<sharing::Organisation>& today);

}  // namespace tafel::agreement
