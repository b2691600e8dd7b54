#pragma once
// Who may do what with a situation. Pure: the principal and their standing (is their
// organisation the owner or a participant) in, a decision out. app::authorize
// (app/authorization.h) is the entry point.
//
// Rules (docs/situations.md):
//  * Anonymous callers may do nothing; a role that sees personal data needs the
//    second factor first (as everywhere, core/access/policy.h).
//  * create_situation: platform admins, organisation admins and members (the work
//    of practitioners; not DPOs and observers).
//  * view_situation: platform admins; anyone of the owning or a participating
//    organisation, observers and the DPO included (situations carry no personal
//    data; the DPO oversees).
//  * edit_situation (fields, stage steps, actions, voices, goals): platform admins;
//    organisation admins and members of the owning or a participating organisation.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/policy.h"

namespace tafel::situations {


enum class SituationRight : std::uint8_t { create_situation, view_situation, edit_situation };

std::string_view name_of(SituationRight right);

// The caller's standing towards the situation concerned (empty for create).
struct SituationStanding {
  bool involved = false;  // the caller's organisation owns or participates
};

// Reasons: "not_authenticated", "second_factor_required", "role", "not_involved".
access::Decision authorise(const std::optional<access::Principal>& who, SituationRight right,
                           const SituationStanding& standing);

}  // namespace tafel::situations
