#pragma once
// The difference between two versions of an agreement, as the parties read it before
// signing the new one: which fields changed, which parties and rules were added,
// removed or changed, and which retention periods moved. Rules are matched by id,
// parties by organisation, retention by category.

#include <string>
#include <vector>

#include "core/agreement/document.h"

namespace tafel::agreement {

struct Change {
  enum class Kind : std::uint8_t { added, removed, changed };
  // What changed: "title", "valid_from", "valid_until", "review_date", "party",
  // "party_finality", "party_roles", "party_tasks", "rule", "retention".
  std::string field;
  Kind kind = Kind::changed;
  std::string subject;  // the party's organisation id, the rule id or the category; empty for fields
  std::string before;   // a readable rendering of the old value ("" when added)
  std::string after;    // of the new value ("" when removed)
  friend bool operator==(const Change&, const Change&) = default;
};

std::string_view name_of(Change::Kind kind);

// The changes from `before` to `after`, in document order: fields, then parties,
// then rules, then retention. Empty when the documents are equal.
std::vector<Change> diff(const Document& before, const Document& after);

// A one-line readable rendering of a rule ("permit 12 -> sector:police: identity,
// social for care, coordination on agreement; ref ...; obligations ..."), used by
// diff and the agreement page. Terms stay vocabulary codes; pages translate them.
std::string describe(const RuleText& rule);

}  // namespace tafel::agreement
