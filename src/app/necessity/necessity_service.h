#pragma once
// The use cases of the state-of-necessity flow and the DPO review queue (issue 12,
// point 6; docs/necessity.md).
//
// A professional claims art. 458bis Sw. or the state of necessity with the model's
// checklist (Claim). The sharing engine decides in the world of the records
// (app/decisions/sharing_world.h): a deny comes back with the engine's explanation
// and nothing is recorded but the question's audit entry; a permit records a report
// with the reasoning the record_reasoning obligation requires, and puts it in the DPO
// review queue of the author's organisation (necessity carries dpo_review; tafel
// queues art. 458bis reports too, docs/decisions). The DPO accepts, or asks a
// question the author answers, then accepts or records "not accepted" with a reason.
//
// Every call authorises through app::authorize (core/necessity/necessity_policy.h);
// every change commits with its audit entry (app::UnitOfWork); every read of a report
// or review is audited. The person is named in audit entries by case pseudonym only.
//
// enqueue_review() is the generic entry of the queue for other areas (contributions
// shared under dpo_review).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/clock.h"
#include "app/decisions/sharing_world.h"
#include "app/necessity/necessity_store.h"
#include "app/unit_of_work.h"
#include "core/access/policy.h"
#include "core/necessity/report.h"
#include "core/necessity/review.h"
#include "core/sharing/explanation.h"

namespace tafel::app::necessity {

namespace nc = ::tafel::necessity;

// Who is asking and from where (for the audit trail).
struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// What the professional fills in (the checklist).
struct Claim {
  sharing::Ground ground = sharing::Ground::necessity;  // art_458bis or necessity
  access::OrganisationId recipient = 0;
  std::int64_t case_id = 0;  // 0: no case picked (a person tafel keeps no case for)
  sharing::CategorySet categories;
  sharing::Purpose purpose = sharing::Purpose::integrity;
  sharing::Justification justification;
  std::string tried;
  std::string reasoning;
};

// The engine's answer to a claim.
struct Assessment {
  bool permit = false;
  std::optional<sharing::Ground> ground;
  std::vector<std::string> obligations;
  std::vector<sharing::Reason> reasons;
  sharing::Explanation explanation;  // render with i18n/sharing_explanation.h
};

struct Outcome {
  Assessment assessment;
  std::optional<nc::Report> report;  // set on a permit: the recorded report
};

// A report with its review (absent only for a report whose review is missing).
struct ReportView {
  nc::Report report;
  std::optional<nc::Review> review;
};

// A review with the report it is about (when its kind is "necessity_report").
struct ReviewView {
  nc::Review review;
  std::optional<nc::Report> report;
};

// What another area puts in the DPO queue.
struct ReviewSubject {
  std::string kind;          // "contribution", ... ([a-z_], at most 40 bytes)
  std::int64_t id = 0;       // the record's id in its area
  std::string summary;       // one line for the queue, without a person's identity
  access::UserId author = 0;  // who answers the DPO's questions
  access::OrganisationId organisation = 0;  // whose DPO reviews it
};

inline constexpr std::string_view kReportKind = "necessity_report";

class NecessityService {
 public:
  // Every reference must outlive the service.
  NecessityService(NecessityStore& store, cases::CaseDirectory& cases, decisions::SharingWorldSource& world,
                   audit::AuditTrail& audit, const Clock& clock, UnitOfWork& transactions);

  // The cases the caller may pick as the person concerned (CaseDirectory::visible_cases).
  Result<std::vector<cases::CaseSummary>> cases(const Caller& caller);

  // Asks the engine about `claim` for the caller's organisation now, and on a permit
  // records the report and queues its review. Fails with "invalid_input" (a field of
  // the checklist, an unknown recipient or case, the own organisation as recipient),
  // "reasoning_required" (a permit without reasoning: nothing is recorded), or the
  // authorisation errors. A deny is an Outcome without report, not a failure.
  Result<Outcome> submit(const Caller& caller, Claim claim);

  // The caller's own reports with their review, newest first.
  Result<std::vector<ReportView>> my_reports(const Caller& caller);
  // One report: its author, or the DPO of its organisation. Audited (view).
  Result<ReportView> report(const Caller& caller, std::int64_t id);
  // The author answers the DPO's question on their report. Fails with "no_question",
  // "review_closed", "invalid_input", "conflict".
  Result<nc::Review> answer(const Caller& caller, std::int64_t report_id, std::string text);

  // Puts `subject` in the review queue of `subject.organisation`'s DPO, with an audit
  // entry (create dpo_review) under `origin`. Joins the caller's UnitOfWork when one
  // runs, so a change and its queued review commit together. Fails with
  // "invalid_input" for a malformed subject.
  Result<nc::Review> enqueue_review(const ReviewSubject& subject, const audit::Origin& origin);

  // The DPO's queue: the reviews of the caller's organisation, open ones first.
  Result<std::vector<nc::Review>> queue(const Caller& caller);
  // One review (and its report). Audited (view).
  Result<ReviewView> review(const Caller& caller, std::int64_t id);
  Result<nc::Review> ask(const Caller& caller, std::int64_t id, std::string question);
  Result<nc::Review> accept(const Caller& caller, std::int64_t id);
  Result<nc::Review> not_accept(const Caller& caller, std::int64_t id, std::string reason);

 private:
  Result<nc::Review> load_review(std::int64_t id);
  // Loads the review, authorises `review` for the caller, applies `step`, saves with
  // its audit entry in one transaction.
  template <typename Step>
  Result<nc::Review> conclude(const Caller& caller, std::int64_t id, const std::string& what, Step&& step);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     const std::string& id, const std::string& ground = {},
                     core::audit::Outcome outcome = core::audit::Outcome::success);
  std::int64_t now_us() const;

  NecessityStore& store_;
  cases::CaseDirectory& cases_;
  decisions::SharingWorldSource& world_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
};

}  // namespace tafel::app::necessity
