#pragma once
// The use cases of individual cases (issue 12, point 2): open a case at a table whose
// basis allows it, read its summary, show and edit its identity, record whether the
// person was informed, close it. Also the CaseDirectory other areas read cases through
// (without identity), and the one-off move of case details out of table documents.
//
// Every call authorises through app::authorize (core/cases/case_policy.h) with the
// caller's standing read from the stored case and its table. Every change is saved
// with its audit entry in one transaction (app::UnitOfWork); every read of an identity
// is audited (action view, object "case" and the case number: never the name). The
// identity only ever leaves this service towards a caller who may see it.

#include <cstdint>
#include <optional>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/cases/case_store.h"
#include "app/cases/identity_cipher.h"
#include "app/decisions/sharing_world.h"
#include "app/clock.h"
#include "app/tables/table_store.h"
#include "app/unit_of_work.h"
#include "core/cases/case.h"
#include "core/cases/case_policy.h"

namespace tafel::app::cases {

namespace core_cases = ::tafel::cases;

struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// What the form of a new case fills in.
struct CaseDraft {
  Identity identity;
  bool minor = false;
  bool vulnerable = false;
  std::vector<core_cases::TrackMember> tracks;
};

// Checks and normalises an identity: the national register number to its 11 digits
// with a valid mod-97 check, the date of birth as YYYY-MM-DD, lengths bounded.
// Fails with "invalid_input" naming the field.
Result<Identity> checked_identity(Identity identity);

// One page of the cases a caller may see (CaseService::cases_for).
struct CasePage {
  static constexpr std::size_t kDefaultSize = 200;
  static constexpr std::size_t kMaxSize = 1000;
  std::vector<CaseSummary> cases;
  std::optional<std::int64_t> next;  // pass as `before` for the next page; none on the last
};

class CaseService final : public CaseDirectory {
 public:
  // Every reference must outlive the service.
  CaseService(CaseStore& store, tables::TableStore& tables, const IdentityCipher& cipher, audit::AuditTrail& audit,
              const Clock& clock, UnitOfWork& transactions);

  // The world that decides disclosures of an identity to other organisations (the
  // world is built from cases too, hence a setter). Until it is set only the opener's
  // organisation reads identities. `world` must outlive this.
  void set_sharing_world(decisions::SharingWorldSource& world) { world_ = &world; }

  // Opens a case at table `table_id`. Every organisation on a track must sit at the
  // table and the caller's own organisation must be on a track. Fails with
  // "not_found" (no such table), "forbidden", "invalid_input".
  Result<core_cases::Case> open_case(const Caller& caller, std::int64_t table_id, CaseDraft draft);
  // The cases the caller may see, newest first, in pages: at most `limit` (1 to
  // CasePage::kMaxSize) numbered below `before`, and the cursor of the next page when
  // more may follow (a page may hold fewer than `limit`: cases the caller may not see
  // are left out after reading). "forbidden" for observers.
  Result<CasePage> cases_for(const Caller& caller, std::optional<std::int64_t> before = std::nullopt,
                             std::size_t limit = CasePage::kDefaultSize);
  // The cases of the table the caller may see, newest first (pseudonyms only); the
  // list is for platform admins and the table's member organisations ("forbidden").
  Result<std::vector<core_cases::Case>> cases_at(const Caller& caller, std::int64_t table_id);
  // The case summary. Fails with "not_found" or "forbidden".
  Result<core_cases::Case> summary(const Caller& caller, std::int64_t id);
  // The identity, audited (view, "case", id, with the ground it was disclosed on).
  // The opener's organisation recorded it; to any other organisation it is a
  // disclosure the sharing engine decides (app/cases/identity_disclosure.h): on a deny
  // the read is audited as denied and it fails with "sharing_denied", and `refusal`,
  // when given, receives the engine's explanation. Fails also with "forbidden",
  // "not_found", "identity_unreadable" (wrong master key) or "sharing_unavailable"
  // (no sharing world set).
  Result<Identity> identity(const Caller& caller, std::int64_t id, sharing::Explanation* refusal = nullptr);
  // Replaces the identity (sealed under a fresh data key), audited.
  Result<void> set_identity(const Caller& caller, std::int64_t id, Identity identity);
  // Records whether the person was informed (who and when are recorded), audited.
  Result<core_cases::Case> record_informed(const Caller& caller, std::int64_t id, core_cases::Informed informed);
  // Closes the case, audited. Fails with "invalid_state" when already closed.
  Result<core_cases::Case> close(const Caller& caller, std::int64_t id);
  // True when the caller may exercise `right` on case `c` (for pages to offer a button).
  bool may(const Caller& caller, const core_cases::Case& c, core_cases::CaseRight right);
  // True when the caller may open a case at table `table_id`.
  bool may_open_at(const Caller& caller, std::int64_t table_id);

  // The one-off data step (issue 12, point 4): every non-empty legacy case_details of
  // a case item in a stored table document becomes a new case at that table (identity
  // fields empty, details = the text; the table's member organisations on the care
  // track, as everyone who could read the details before), the item refers to it by
  // case_id and the text leaves the document, per table in one transaction with an
  // audit entry per case. Returns how many cases were made; idempotent.
  Result<int> adopt_case_details();

  // CaseDirectory.
  Result<std::optional<CaseSummary>> visible(const access::Principal& who, std::int64_t case_id) override;
  Result<std::vector<CaseSummary>> visible_cases(const access::Principal& who) override;
  Result<std::vector<CaseSummary>> all() override;

 private:
  struct Loaded {
    core_cases::Case c;
    core_cases::CaseStanding standing;
  };
  Result<std::optional<Loaded>> load(const access::Principal& who, std::int64_t id);
  Result<core_cases::CaseStanding> standing(const access::Principal& who, const core_cases::Case& c);
  // Of `read`, those `who` may see, as summaries (in order).
  Result<std::vector<CaseSummary>> seen_by(const access::Principal& who, const std::vector<core_cases::Case>& read);
  Result<core_cases::Case> change(const Caller& caller, std::int64_t id, core_cases::CaseRight right,
                                  const std::string& what, const std::function<Result<void>(core_cases::Case&)>& f);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     std::int64_t id, core::audit::Outcome outcome = core::audit::Outcome::success,
                     const std::string& ground = {}, const std::string& rule = {});

  CaseStore& store_;
  tables::TableStore& tables_;
  const IdentityCipher& cipher_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
  decisions::SharingWorldSource* world_ = nullptr;
};

// The summary of `c` as other areas read it.
CaseSummary summary_of(const core_cases::Case& c);

}  // namespace tafel::app::cases
