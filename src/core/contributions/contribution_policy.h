#pragma once
// Who may do what with contributions. Pure: the principal and their standing (read
// from the stored situation, case and contribution) in, a decision out. app::authorize
// (app/authorization.h) is the entry point. This is the rights check only: every
// disclosure to another organisation is decided by the sharing engine on top of it.
//
// Rules (docs/contributions.md):
//  * Anonymous callers may do nothing; roles that see personal data need the second
//    factor first (core/access/policy.h).
//  * add_contribution: organisation admins and members of an organisation involved
//    in the situation, or on the case's track. Not observers, DPOs or platform
//    admins: a contribution is a practitioner's disclosure.
//  * view_contribution: organisation admins, members and the DPO of the source
//    organisation or of an organisation it was shared with (the DPO oversees).
//  * pass_on_contribution (export, forward): organisation admins and members of the
//    source organisation or of an organisation it was shared with.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/policy.h"

namespace tafel::contributions {

enum class ContributionRight : std::uint8_t { add_contribution, view_contribution, pass_on_contribution };

std::string_view name_of(ContributionRight right);

struct ContributionStanding {
  bool involved = false;  // add: the caller's organisation is in the situation or on the track
  bool party = false;     // view, pass on: the caller's organisation is the source or a recipient
};

// Reasons: "not_authenticated", "second_factor_required", "role", "not_involved".
access::Decision authorise(const std::optional<access::Principal>& who, ContributionRight right,
                           const ContributionStanding& standing);

}  // namespace tafel::contributions
