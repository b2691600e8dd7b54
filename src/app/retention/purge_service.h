#pragma once
// The retention purge (issue 12, point 9; docs/retention.md): at the clock's `now`,
// finds what is past retention by the core rule (core/retention/retention.h) and, when
// applied, deletes it and leaves only an audit entry.
//
// What is due:
//  * a closed case whose table sets a period (Table::case_retention_days) that has run
//    out since closure, with everything on it: its sealed identity and data key, its
//    contributions and its consents (a contribution never outlives its case);
//  * a contribution received under a collaboration agreement whose retention period
//    for a category that travelled has run out since it was received (the share's
//    time). The agreement's newest version that is not a draft sets the periods.
// Nothing else is deleted: open cases, cases at tables without a period, situations,
// necessity reports and the audit trail stay.
//
// apply() deletes each case with its dependants in ONE transaction (app::UnitOfWork),
// with one audit entry per deleted record (action delete, object case / contribution /
// consent and its number, never a name; ground "retention", rule naming the period
// that made it due). Several servers may purge the same database at once: a record a
// concurrent purge already deleted is skipped inside the transaction and gets no
// second audit entry, so running it twice, or on two servers, is harmless.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/agreements/agreement_store.h"
#include "app/audit/audit_trail.h"
#include "app/cases/case_store.h"
#include "app/clock.h"
#include "app/consents/consent_store.h"
#include "app/contributions/contribution_store.h"
#include "app/tables/table_store.h"
#include "app/unit_of_work.h"
#include "core/result.h"
#include "core/retention/retention.h"

namespace tafel::app::retention {

using tafel::retention::Timestamp;

enum class ItemKind : std::uint8_t { case_record, contribution, consent };
// "case", "contribution", "consent": the audit entry's object type.
std::string_view name_of(ItemKind kind);

// One record that is due.
struct PurgeItem {
  ItemKind kind = ItemKind::case_record;
  std::int64_t id = 0;        // the record's number
  std::int64_t case_id = 0;   // the case it belongs to; 0 for none
  std::int64_t table_id = 0;  // the table whose period made it due; 0 when an agreement's
  std::int64_t agreement_id = 0;  // the agreement whose period made it due; 0 when a table's
  std::int64_t organisation = 0;  // whose record it was (the audit entry's organisation)
  Timestamp due_at = 0;
  // Why it is due, as stored in the audit entry's rule field:
  // "table-<id>/case_retention_days=<n>" or "agreement-<id>/retention/<category>=<n>".
  std::string rule;
  bool removed = false;  // apply(): deleted by this run
};

struct PurgeReport {
  Timestamp at = 0;       // the clock's time the run used
  bool applied = false;   // false for a dry run
  // Every due record, each case followed by its contributions and consents, then the
  // contributions due under agreements; by case and record number.
  std::vector<PurgeItem> items;

  // How many items were deleted by this run.
  int removed() const;
};

class PurgeService {
 public:
  // Every reference must outlive the service.
  PurgeService(cases::CaseStore& cases, tables::TableStore& tables, contributions::ContributionStore& contributions,
               consents::ConsentStore& consents, agreements::AgreementStore& agreements, audit::AuditTrail& audit,
               const Clock& clock, UnitOfWork& transactions);

  // What is due now; changes nothing and writes no audit entry (it reads no identity).
  Result<PurgeReport> dry_run();
  // Deletes what is due now, each case with its dependants and their audit entries in one
  // transaction, each agreement-due contribution in its own. Items another purge
  // deleted first stay in the report with removed = false. Fails with the first store
  // or audit error; what committed before it stays deleted (the next run goes on).
  Result<PurgeReport> apply();

 private:
  Result<PurgeReport> find_due(Timestamp now);
  // In one transaction: deletes case `c` and everything on it now, with their audit entries.
  // Returns the items deleted (empty when another purge deleted the case first).
  Result<std::vector<PurgeItem>> remove_case(const PurgeItem& c);
  Result<void> record_deletion(const PurgeItem& item);

  cases::CaseStore& cases_;
  tables::TableStore& tables_;
  contributions::ContributionStore& contributions_;
  consents::ConsentStore& consents_;
  agreements::AgreementStore& agreements_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
};

}  // namespace tafel::app::retention
