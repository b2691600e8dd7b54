#pragma once
// THE authorisation function. Every HTTP handler, page and use case that touches an
// account, organisation or contact point calls app::authorize with the action it is
// about to perform and the record it is about to touch (its owning organisation), so
// both the route and the record are checked in one place. The rules themselves are
// the pure policy in core/access/policy.h; this function turns a refusal into the
// Error the adapters map to a status:
//   "not_authenticated"       -> 401 (or a redirect to the login page)
//   "second_factor_required"  -> 403 (or a redirect to the second-factor page)
//   "forbidden"               -> 403
// The message is the policy's reason code ("other_organisation", "role", ...) and
// never names a person.

#include <optional>

#include "core/access/policy.h"
#include "core/consents/consent_policy.h"
#include "core/necessity/necessity_policy.h"
#include "core/cases/case_policy.h"
#include "core/contributions/contribution_policy.h"
#include "core/situations/situation_policy.h"
#include "core/tables/table_policy.h"
#include "core/result.h"

namespace tafel::app {

Result<void> authorize(const std::optional<access::Principal>& who, access::Action action,
                       const access::Target& target = {});

// The same for an action at a consultation table (core/tables/table_policy.h), with
// the caller's standing read from the stored table, never from the request.
Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::tables::TableAction action,
                       const ::tafel::tables::TableStanding& standing);

// The same for a situation (core/situations/situation_policy.h), with the caller's
// standing read from the stored situation.
Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::situations::SituationRight right,
                       const ::tafel::situations::SituationStanding& standing);

// The same for a consent (core/consents/consent_policy.h), with the caller's standing
// read from the stored consent and the case directory.
Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::consents::ConsentRight right,
                       const ::tafel::consents::ConsentStanding& standing);
// The same for state-of-necessity reports and DPO reviews
// (core/necessity/necessity_policy.h), with the standing read from the stored record.
Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::necessity::NecessityRight right,
                       const ::tafel::necessity::NecessityStanding& standing);
// The same for a case (core/cases/case_policy.h), with the caller's standing read
// from the stored case and its table.
Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::cases::CaseRight right,
                       const ::tafel::cases::CaseStanding& standing);

// The same for a contribution (core/contributions/contribution_policy.h), with the
// caller's standing read from the stored situation, case and contribution.
Result<void> authorize(const std::optional<access::Principal>& who, ::tafel::contributions::ContributionRight right,
                       const ::tafel::contributions::ContributionStanding& standing);

}  // namespace tafel::app
