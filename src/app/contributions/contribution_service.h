#pragma once
// The use cases of contributions (issue 12, points 3 and 4): add a note or fact to a
// situation or a case, read it, export it, forward it. Every disclosure to another
// organisation is a decision of the sharing engine (sharing::Policy::decide in the
// world of decisions::SharingWorldSource), and its obligations are enforced:
//   minimum_necessary          the sender picks the parts (categories) that travel;
//   professional_judgement     an explicit confirmation, stored;
//   recipient_reporting_duty   a warning first; sending needs a second explicit step;
//   record_reasoning           a justification text, required and stored;
//   dpo_review                 queued for the DPO (ReviewQueue), marked awaiting review.
// While an obligation is unmet nothing is stored or shared: add() and forward() answer
// the engine's decisions and the obligations still to meet. A deny shares nothing
// with that recipient and carries the engine's explanation.
//
// Every view by another organisation asks the engine again (a consent may have been
// withdrawn); a denied view shows that the contribution exists, not its content.
// What was shared under case_consultation is use_restricted: an export or forward
// asks the engine's onward check (origin = case_consultation at that table) and is
// refused with its explanation. Every change is saved with its audit entries in one
// transaction; every content view and export is audited (object "contribution").

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/clock.h"
#include "app/contributions/contribution_store.h"
#include "app/contributions/review_queue.h"
#include "app/decisions/sharing_world.h"
#include "app/situations/situation_store.h"
#include "app/tables/table_store.h"
#include "app/unit_of_work.h"
#include "core/contributions/contribution.h"

namespace tafel::app::contributions {

namespace core_contributions = ::tafel::contributions;

struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// What a form or request fills in to add a contribution.
struct Draft {
  std::int64_t situation = 0;  // one of the two
  std::int64_t case_id = 0;
  core_contributions::Track track = core_contributions::Track::care;
  core_contributions::Kind kind = core_contributions::Kind::note;
  core_contributions::Classification classification = core_contributions::Classification::internal;
  std::vector<core_contributions::Part> parts;
  sharing::Purpose purpose = sharing::Purpose::care;
  // A claimed ground (e.g. necessity) with its justification; nullopt: the engine
  // tries its grounds in order.
  std::optional<sharing::Ground> ground;
  sharing::Justification justification;
};

// The engine's decision for one recipient.
struct RecipientDecision {
  access::OrganisationId recipient = 0;
  bool permit = false;
  std::optional<sharing::Ground> ground;
  std::string rule;
  std::vector<std::string> obligations;
  bool use_restricted = false;
  std::vector<sharing::Reason> reasons;
  sharing::Explanation explanation;  // render with i18n/sharing_explanation.h
};

// The outcome of add() or forward(): the stored contribution, or (nothing stored)
// the obligations still to meet; the decisions in both cases.
struct Sent {
  std::optional<core_contributions::Contribution> contribution;
  std::vector<std::string> unmet;
  std::vector<RecipientDecision> decisions;
};

// A contribution as one organisation may read it now.
struct Viewed {
  core_contributions::Contribution contribution;  // parts empty when not readable
  bool own = false;        // the caller's organisation is the source
  bool readable = false;   // false: the engine refused this view (exists, content withheld)
  std::optional<sharing::Explanation> refusal;  // why not, when not readable
};

// The outcome of an export: the contribution's readable parts, or the engine's refusal.
struct Passed {
  bool permitted = false;
  Viewed viewed;
  std::optional<sharing::Explanation> refusal;
};

class ContributionService {
 public:
  // Every reference must outlive the service.
  ContributionService(ContributionStore& store, situations::SituationStore& situations, cases::CaseDirectory& cases,
                      tables::TableStore& tables, decisions::SharingWorldSource& world, ReviewQueue& reviews,
                      audit::AuditTrail& audit, const Clock& clock, UnitOfWork& transactions)
      : store_(store), situations_(situations), cases_(cases), tables_(tables), world_(world), reviews_(reviews),
        audit_(audit), clock_(clock), transactions_(transactions) {}

  // Replaces the review queue (the composition root wires the DPO queue in).
  void set_review_queue(ReviewQueue& reviews) { reviews_ = reviews; }

  // Adds a contribution from the caller's organisation and shares it, each recipient
  // as the engine decides: every other organisation of the situation, or of the
  // case's track. The context is the case's table (or the situation's, when it is on
  // a table's agenda), in a meeting when one of that table is open now, with the
  // organisations that acknowledged its secrecy text. Fails with "invalid_input",
  // "not_found", "forbidden". An organisation that is neither the source nor a
  // recipient of a contribution gets "forbidden" from every call below.
  Result<Sent> add(const Caller& caller, const Draft& draft, const core_contributions::Confirmations& given);

  // The contributions of a situation, or of a case, the caller's organisation may
  // know of (its own and those shared with it), oldest first, each asked again.
  Result<std::vector<Viewed>> for_situation(const Caller& caller, std::int64_t situation);
  Result<std::vector<Viewed>> for_case(const Caller& caller, std::int64_t case_id);
  Result<Viewed> view(const Caller& caller, std::int64_t id);

  // An export out of tafel (a download). `destination` names it in the explanation
  // ("an export outside tafel", in the caller's language).
  Result<Passed> export_contribution(const Caller& caller, std::int64_t id, const std::string& destination);

  // Forwards the contribution to `recipient` as the engine decides (the onward check
  // first when the caller received it in a case consultation).
  Result<Sent> forward(const Caller& caller, std::int64_t id, access::OrganisationId recipient,
                       const core_contributions::Confirmations& given);

 private:
  struct Where;
  Result<Where> where_of(const Caller& caller, std::int64_t situation, std::int64_t case_id,
                         core_contributions::Track track);
  Result<Viewed> read(const Caller& caller, const decisions::CompiledWorld& world,
                      core_contributions::Contribution c);
  Result<core_contributions::ShareContext> context_of(std::int64_t case_id);
  Result<void> audit(const Caller& caller, core::audit::Action action, std::int64_t id,
                     core::audit::Outcome outcome, const std::string& ground = {}, const std::string& rule = {});

  ContributionStore& store_;
  situations::SituationStore& situations_;
  cases::CaseDirectory& cases_;
  tables::TableStore& tables_;
  decisions::SharingWorldSource& world_;
  std::reference_wrapper<ReviewQueue> reviews_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
};

// Whether `organisation` is on the `track` of `summary` (care or safety). Stands in
// for the case policy's may_see_track until the case store lands (issue 12, point 2).
bool on_track(const cases::CaseSummary& summary, core_contributions::Track track, access::OrganisationId organisation);

}  // namespace tafel::app::contributions
