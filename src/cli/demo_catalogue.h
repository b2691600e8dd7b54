#pragma once
// The demo city's care-offer catalogue (issue 16, points 1 and 7): fourteen services
// of the Nethegem organisations with target groups, needs, areas, languages, hours,
// contacts, and capacities with waiting lists (two of them stale), so the catalogue,
// its HSDS export and later the finder have real shapes. Called by seed_demo_city.

#include <map>
#include <string>

#include "cli/runtime.h"

namespace tafel::cli {

// `orgs` maps the demo organisation keys ("caw", "drugs", ...) to ids.
Result<void> seed_demo_catalogue(Runtime& runtime, const std::map<std::string, std::int64_t>& orgs);

}  // namespace tafel::cli
