#pragma once
// The sharing engine's world as tafel's records describe it, compiled once and shared by
// every disclosure decision: "May I share this?", feedback forms, contributions, exports,
// the state-of-necessity flow. One place turns records into the engine's world, so every
// decision reads the same organisations, agreements, tables, cases and consents.
//
// The engine speaks in indices and ids; CompiledWorld maps tafel's ids to its indices and
// renders explanations with the names people read.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/decision.h"
#include "core/sharing/explanation.h"
#include "core/sharing/policy.h"
#include "core/sharing/request.h"

namespace tafel::app::decisions {

struct CompiledWorld {
  sharing::Policy policy;
  // tafel id -> the engine's index.
  std::unordered_map<access::OrganisationId, sharing::OrgIndex> organisations;
  std::unordered_map<std::int64_t, sharing::TableIndex> tables;    // consultation table id
  std::unordered_map<std::int64_t, sharing::SubjectIndex> subjects;  // case id
  // A person tafel keeps no case for: neither minor nor vulnerable as far as the engine
  // knows, no care relation, no consent. Requests about such a person use this subject.
  sharing::SubjectIndex unknown_person = 0;
  // Engine id -> what people read.
  std::map<std::string, std::string> organisation_names;  // "12" -> "CAW Nethegem"
  std::map<std::string, std::string> agreement_titles;    // "3" -> "“Title”"
  std::map<std::string, std::string> table_names;         // "7" -> "Jeugdtafel"

  std::optional<sharing::OrgIndex> organisation(access::OrganisationId id) const;
  std::optional<sharing::TableIndex> table(std::int64_t id) const;
  std::optional<sharing::SubjectIndex> subject(std::int64_t case_id) const;
  // The engine's context of a disclosure at consultation table `table_id`: whether its
  // meeting is in progress and which organisations acknowledged its secrecy text there.
  // nullopt when the world does not know the table; organisations it does not know are
  // left out of `acknowledged`.
  std::optional<sharing::Context> context(std::int64_t table_id, bool in_meeting,
                                          const std::vector<access::OrganisationId>& acknowledged) const;

  // The engine's explanation of `decision` with organisations, agreements and tables
  // named as people read them. `request` must have been validated against `policy`.
  sharing::Explanation explain(const sharing::Request& request, const sharing::Decision& decision) const;
  // "<agreement id>/<rule id>" of the rule that decided, or empty.
  std::string rule_of(const sharing::Decision& decision) const;
};

class SharingWorldSource {
 public:
  virtual ~SharingWorldSource() = default;
  // The world as the records are now. The result is immutable and may be shared between
  // threads; keep it for one decision (or one batch) and ask again for the next: a later
  // call reflects every change committed before it, by this server or another.
  virtual Result<std::shared_ptr<const CompiledWorld>> current() = 0;
};

}  // namespace tafel::app::decisions
