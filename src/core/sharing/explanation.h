#pragma once
// A structured, language-neutral explanation of a sharing decision: message keys and
// their arguments, rendered in nl, fr or en by src/i18n/sharing_explanation.h.
//
// It names what decided (the ground, the agreement rule, the consent, the table),
// why each ground that was tried failed, and, on a deny, what would make the
// disclosure possible. It never contains personal data beyond the ids of the world.

#include <string>
#include <vector>

#include "core/sharing/decision.h"
#include "core/sharing/policy.h"
#include "core/sharing/request.h"

namespace tafel::sharing {

struct MessageArg {
  // How the renderer shows `value`: as is, or a vocabulary code (or a comma-separated
  // list of codes) translated through the catalog.
  enum class Kind { text, category_list, purpose, ground };
  std::string name;
  Kind kind = Kind::text;
  std::string value;

  bool operator==(const MessageArg&) const = default;
};

struct Message {
  std::string key;  // catalog key in the `sharing.` domain
  std::vector<MessageArg> args;

  bool operator==(const Message&) const = default;
};

struct Explanation {
  bool permit = false;
  Message headline;                  // the decision and what decided it
  std::vector<Message> reasons;      // deny: why each ground tried failed, in order
  std::vector<Message> remedies;     // deny: what would make the disclosure possible
  std::vector<Message> obligations;  // permit: one per obligation, in order

  bool operator==(const Explanation&) const = default;
};

// Explains `decision`, which `policy` took for `request`.
Explanation explain(const Policy& policy, const Request& request, const Decision& decision);

// "YYYY-MM-DD" (UTC) for a timestamp; used in explanations.
std::string format_date(Timestamp at);

}  // namespace tafel::sharing
