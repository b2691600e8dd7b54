#pragma once
// The demo city's situations (issue 12, point 1): one at every SARA stage in
// Nethegem, with triangles, goals, action plans and voices, so the situation pages
// have something real to show. Called by seed_demo_city (demo_city.cc).

#include <map>
#include <string>

#include "cli/runtime.h"

namespace tafel::cli {

// `orgs` maps the demo organisation keys ("police", "streetwork", ...) to ids,
// `areas` the district names to area ids, `people` the contact persons' keys to
// user ids; `table` is the demo consultation table (0 for none).
Result<void> seed_demo_situations(Runtime& runtime, const std::map<std::string, std::int64_t>& orgs,
                                  const std::map<std::string, std::int64_t>& areas,
                                  const std::map<std::string, std::int64_t>& people, std::int64_t table);

}  // namespace tafel::cli
