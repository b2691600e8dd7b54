#pragma once
// The use cases of the consent registry (issue 12, point 5; docs/consents.md):
// record a consent requested of a person (by case number), give, refuse or withdraw
// it, attach its evidence, read it, list an organisation's consents (those expiring
// soon first) and a case's consents for its page. It is also the ConsentFacts the
// sharing world reads: every consent that was ever given.
//
// Every call authorises through app::authorize (core/consents/consent_policy.h) with
// the standing read from the stored consent and the CaseDirectory (a case the caller
// may not see answers "not_found", like a consent that does not exist). Every read
// of a consent or its evidence is audited; every change is saved with its audit
// entry in one transaction (app::UnitOfWork).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/clock.h"
#include "app/consents/consent_facts.h"
#include "app/consents/consent_store.h"
#include "app/unit_of_work.h"
#include "core/consents/consent.h"
#include "core/consents/consent_policy.h"

namespace tafel::app::consents {

namespace core_consents = ::tafel::consents;

// Who is asking and from where (for the audit trail).
struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// What a recorder fills in for a new consent (state dpv:ConsentRequested).
struct ConsentDraft {
  std::int64_t case_id = 0;
  std::vector<core_consents::Recipient> recipients;
  sharing::CategorySet categories;
  sharing::PurposeSet purposes;
  sharing::Timestamp valid_from = 0;  // 0: now
  sharing::Timestamp valid_until = sharing::kNever;
};

// Who gives (or refuses), and the verbal evidence when no signed form was uploaded.
struct Answer {
  core_consents::Giver giver = core_consents::Giver::person;
  int minor_age = 0;  // stated age when the minor consents themself
  std::string witness_name, witness_function;
};

struct ConsentSettings {
  int minor_own_consent_age = core_consents::kDefaultMinorOwnConsentAge;  // 12 or 16
  sharing::Timestamp expiry_window = 30LL * 24 * 3600 * 1000000;         // "expiring soon"
};

// A consent as a caller sees it: `full` when they may read it whole (the recording
// organisation, the DPO); else only the summary fields are filled (recipients,
// categories, purposes, period, state) and the evidence is empty.
struct ConsentView {
  core_consents::Consent consent;
  core_consents::State state = core_consents::State::requested;  // at the time of the call
  bool full = false;
  bool expiring = false;  // given and ending within the expiry window
};

class ConsentService final : public ConsentFacts {
 public:
  // Every reference must outlive the service.
  ConsentService(ConsentStore& store, cases::CaseDirectory& cases, audit::AuditTrail& audit, const Clock& clock,
                 UnitOfWork& transactions, ConsentSettings settings = {});

  const ConsentSettings& settings() const { return settings_; }
  sharing::Timestamp now() const;

  // The consents the caller's organisation recorded for cases the caller may see,
  // optionally in one (viewed) state: those expiring soon first (soonest first), then
  // the others newest first. The DPO sees every organisation's. Audited.
  Result<std::vector<ConsentView>> list(const Caller& caller, std::optional<core_consents::State> state);
  // One consent in full. Audited. "not_found" also when the caller may not see its case.
  Result<ConsentView> consent(const Caller& caller, std::int64_t id);
  // The consents of a case, for its page: full for the caller's own organisation,
  // summaries for the others. "not_found" when the caller may not see the case. Audited.
  Result<std::vector<ConsentView>> case_consents(const Caller& caller, std::int64_t case_id);

  // The cases the caller may see (to pick one for a new consent), newest first.
  Result<std::vector<cases::CaseSummary>> visible_cases(const Caller& caller);

  // Records a consent requested of the person of `draft.case_id`, by the caller's
  // organisation. Fails with "invalid_input", "not_found" (case), "forbidden".
  Result<core_consents::Consent> record(const Caller& caller, ConsentDraft draft);
  // Records the answer. give fails with "evidence_required" (no uploaded form and
  // no witness), "giver_not_allowed", "minor_age_required", "minor_too_young";
  // both with "invalid_transition" when the consent is not requested.
  Result<core_consents::Consent> give(const Caller& caller, std::int64_t id, Answer answer);
  Result<core_consents::Consent> refuse(const Caller& caller, std::int64_t id, Answer answer);
  // Records the withdrawal now, by the caller. "invalid_transition" unless given.
  Result<core_consents::Consent> withdraw(const Caller& caller, std::int64_t id);
  // Stores a signed form (PDF, JPEG, PNG by magic bytes, at most 5 MB) as the
  // consent's evidence, while it is requested or given. Fails with
  // "evidence_type", "evidence_too_large", "evidence_empty", "invalid_transition".
  Result<core_consents::Consent> attach_evidence(const Caller& caller, std::int64_t id,
                                                 std::span<const std::uint8_t> bytes);
  // The uploaded form. Audited. "not_found" when there is none.
  Result<EvidenceFile> evidence(const Caller& caller, std::int64_t id);

  // Given consents that end within the expiry window, for reminders. No caller: the
  // server's daily task.
  Result<std::vector<core_consents::Consent>> expiring();

  // ConsentFacts: every consent ever given, with its period and withdrawal.
  Result<std::vector<ConsentFact>> given_consents() override;

 private:
  struct Loaded {
    core_consents::Consent consent;
    core_consents::ConsentStanding standing;
  };
  Result<Loaded> load(const Caller& caller, std::int64_t id);
  Result<bool> case_visible(const Caller& caller, std::int64_t case_id);
  Result<std::optional<cases::CaseSummary>> visible_case(const Caller& caller, std::int64_t case_id);
  // Loads, authorises change_consent, applies `change`, saves with its audit entry.
  template <typename Change>
  Result<core_consents::Consent> change(const Caller& caller, std::int64_t id, const std::string& what,
                                        Change&& apply_change);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     std::int64_t id);
  ConsentView view_of(const core_consents::Consent& consent, bool full) const;

  ConsentStore& store_;
  cases::CaseDirectory& cases_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
  ConsentSettings settings_;
};

}  // namespace tafel::app::consents
