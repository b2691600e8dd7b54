#pragma once
// The demo city's case consultation (issue 12, point 8): a table with a basis in law
// (art. 458ter Sw.), approved, with two cases — one of them the youth Yannick Vermeiren —
// consents in several states and a meeting this morning where CAW shared a fact about
// Yannick with the care track (use_restricted), so the case, consent and "May I share this?" pages
// have something real to show. Called by seed_demo_city (demo_city.cc).

#include <map>
#include <string>

#include "cli/runtime.h"

namespace tafel::cli {

// `orgs` maps the demo organisation keys ("police", "caw", ...) to ids; `login_user`
// the demo e-mail addresses to user ids.
Result<void> seed_demo_cases(Runtime& runtime, const std::map<std::string, std::int64_t>& orgs,
                             const std::map<std::string, access::UserId>& login_user);

}  // namespace tafel::cli
