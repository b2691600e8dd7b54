#pragma once
// Who may do what with a case. Pure: the principal and their standing towards the
// case (are they a delegate of its table, is their organisation on one of its tracks,
// are cases open at the table) in, a decision out. app::authorize
// (app/authorization.h) is the entry point. docs/cases.md has the table.
//
// Rules:
//  * Anonymous callers may do nothing; a role that sees personal data needs the
//    second factor first (as everywhere, core/access/policy.h).
//  * Observers see nothing of a case.
//  * open_case: a delegate of the table (member or organisation admin) while the
//    table's cases_open() holds; the opener's organisation must be on a track (the
//    use case checks that on the draft).
//  * view_case (the summary: number, flags, tracks, person informed): platform
//    admins (they manage); delegates whose organisation is on a track; the DPO of an
//    organisation on a track.
//  * view_identity, edit_identity: a member or organisation admin who is a delegate
//    of the table, of an organisation on a track, while the table's cases_open()
//    holds and the case is open. Never the platform admin, never the DPO.
//  * manage_case (record "person informed", close): delegates (member or
//    organisation admin) of an organisation on a track; platform admins.
//
// Tracks: may_see_track says which track content an organisation sees.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/policy.h"
#include "core/cases/case.h"

namespace tafel::cases {

enum class CaseRight : std::uint8_t { open_case, view_case, view_identity, edit_identity, manage_case };

std::string_view name_of(CaseRight right);

// The caller's standing towards the case concerned (for open_case: towards the table).
struct CaseStanding {
  bool delegate = false;      // the caller is a delegate of the case's table
  bool on_track = false;      // the caller's organisation is on a track of the case
  bool cases_open = false;    // the table's basis allows cases and is approved
  bool case_open = true;      // the case is not closed
};

// The standing of `who` towards `c` at a table where `delegate` and `cases_open` hold.
CaseStanding standing_for(const access::Principal& who, const Case& c, bool delegate, bool cases_open);

// Reasons: "not_authenticated", "second_factor_required", "role", "not_a_delegate",
// "not_on_track", "cases_closed", "case_closed".
access::Decision authorise(const std::optional<access::Principal>& who, CaseRight right, const CaseStanding& standing);

// True when `organisation` may see the content of `track` of case `c`: only when it
// is on that track itself. The care and safety tracks are kept apart; sharing
// across them goes through the sharing engine, not through this function.
bool may_see_track(access::OrganisationId organisation, const Case& c, Track track);

}  // namespace tafel::cases
