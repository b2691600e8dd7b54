#pragma once
// Who may do what with consents. Pure: the principal and their standing towards the
// consent (recording organisation? may they see the case?) in, a decision out.
// app::authorize (app/authorization.h) is the entry point.
//
// Rules (docs/consents.md):
//  * Anonymous callers may do nothing; a role that sees personal data needs the
//    second factor first (as everywhere, core/access/policy.h).
//  * record_consent, change_consent (give, refuse, withdraw, upload evidence),
//    view_consent and read_evidence: organisation admins and members of the
//    recording organisation, for a case they may see (for record_consent the
//    recording organisation is the caller's own).
//  * view_consent, view_summary and read_evidence also: the DPO of the recording
//    organisation, whatever the case (oversight; every read audited).
//  * view_summary (recipients, categories, purposes, period and state; never the
//    evidence): additionally admins and members of any other organisation that may
//    see the case, where its case page lists the consents.
//  * Observers and platform admins: nothing (a consent is about a person).

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/access/policy.h"

namespace tafel::consents {

enum class ConsentRight : std::uint8_t { record_consent, change_consent, view_consent, view_summary, read_evidence };

std::string_view name_of(ConsentRight right);

struct ConsentStanding {
  bool recording_organisation = false;  // the caller's organisation recorded the consent
  bool case_visible = false;            // CaseDirectory::visible answers the case for the caller
};

// Reasons: "not_authenticated", "second_factor_required", "role", "other_organisation",
// "case_not_visible".
access::Decision authorise(const std::optional<access::Principal>& who, ConsentRight right,
                           const ConsentStanding& standing);

}  // namespace tafel::consents
