#pragma once
// Who may do what with state-of-necessity reports and the DPO review queue. Pure: the
// principal and their standing in, a decision out. app::authorize is the entry point.
//
// Rules (docs/necessity.md):
//  * Anonymous callers may do nothing; roles that see personal data pass the second
//    factor first (core/access/policy.h).
//  * submit_report (and list one's own reports): organisation admins and members, the
//    professionals who hold a secret. Not DPOs, observers or platform admins.
//  * view_report: its author, and the DPO of the author's organisation.
//  * answer_review: the author of what is reviewed.
//  * review (the queue, open a review, ask, accept, not accept): the DPO role only, and
//    only for reviews of their own organisation. Platform admins do not review: the
//    issue says "visible to the DPO role only".

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/policy.h"

namespace tafel::necessity {

enum class NecessityRight : std::uint8_t { submit_report, view_report, answer_review, review };

std::string_view name_of(NecessityRight right);

// The caller's standing towards the report or review concerned (empty for the
// lists, which are filtered by author or organisation).
struct NecessityStanding {
  bool author = false;             // the caller wrote the report / is the review's author
  bool same_organisation = false;  // the caller's organisation is the one concerned
};

// Reasons: "not_authenticated", "second_factor_required", "role", "not_author",
// "other_organisation".
access::Decision authorise(const std::optional<access::Principal>& who, NecessityRight right,
                           const NecessityStanding& standing);

}  // namespace tafel::necessity
