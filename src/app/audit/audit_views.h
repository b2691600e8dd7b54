#pragma once
// AuditViews: the use cases behind the audit pages and API (docs/audit.md, "Views").
//
//  * entries():       a DPO (and the platform admin) sees every entry; an
//                     organisation admin sees only the actions of their own
//                     organisation's users (the filter's organisation is forced to
//                     theirs; asking for another one is refused).
//  * access_report(): GDPR art. 15 — which organisations accessed one person's data
//                     (entries whose object is ("person", pseudonym of the id), and
//                     ("person", id) written before pseudonyms), when and on which
//                     ground. DPO only.
//  * export_entries(): the entries of a filter for a CSV export. DPO only.
//
// Looking is itself recorded before anything is returned: entries() as a "view" of
// object ("audit_log", ""), access_report() as a "view" of ("access_report",
// pseudonym of the id),
// export_entries() as an "export" of ("audit_log", ""). If that entry cannot be
// written, nothing is shown. All authorisation goes through app::authorize.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/audit/audit_reader.h"
#include "app/audit/audit_trail.h"
#include "app/audit/person_pseudonym.h"
#include "core/access/policy.h"
#include "core/audit/entry.h"
#include "core/result.h"

namespace tafel::app::audit {

// One organisation's accesses in an access report.
struct OrganisationAccess {
  std::string organisation;     // organisation id
  std::uint64_t count = 0;      // number of entries
  std::int64_t first_us = 0;    // earliest and latest access
  std::int64_t last_us = 0;
  std::set<std::string> grounds;  // legal grounds invoked (empty strings left out)
};

struct AccessReport {
  std::string person_id;
  std::vector<core::audit::Entry> entries;          // newest first
  std::vector<OrganisationAccess> organisations;    // by organisation id
  bool truncated = false;                           // more than kMaxAuditPage entries exist
};

class AuditViews {
 public:
  // `trail` records the views; `reader` reads the log. Both must outlive this object.
  // `pseudonym` is the one DecisionService stores person ids with.
  AuditViews(AuditTrail& trail, AuditReader& reader, PersonPseudonym pseudonym)
      : trail_(trail), reader_(reader), pseudonym_(std::move(pseudonym)) {}

  // Entries matching `filter` (newest first unless filter.oldest_first). Fails with
  // "forbidden"/"not_authenticated"/"second_factor_required" (app::authorize), or
  // with the trail's or reader's error.
  Result<std::vector<core::audit::Entry>> entries(const access::Principal& who, AuditFilter filter,
                                                  const Origin& origin);

  // The access report of person `person_id` (non-empty id; "invalid_input" otherwise),
  // as typed, or a pseudonym ("p1:...", e.g. followed from an entry of the log).
  Result<AccessReport> access_report(const access::Principal& who, const std::string& person_id,
                                     const Origin& origin);

  // Every entry matching `filter`, oldest first, at most `max_entries`; the export is
  // recorded first. Fails like entries().
  Result<std::vector<core::audit::Entry>> export_entries(const access::Principal& who, AuditFilter filter,
                                                         const Origin& origin, std::size_t max_entries = 100'000);

 private:
  Result<void> record_look(const access::Principal& who, core::audit::Action action, std::string object_type,
                           std::string object_id, const Origin& origin);

  AuditTrail& trail_;
  AuditReader& reader_;
  PersonPseudonym pseudonym_;
};

}  // namespace tafel::app::audit
