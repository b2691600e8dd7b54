#pragma once
// The text of one version of a collaboration agreement: what the parties sign.
//
// It is the `agreements` entry of the scenario format (../shared/scenarios/README.md:
// validity, parties, rules as in sharing-model.md) plus what a signed agreement
// between partners also needs: a title, each party's finality statement, its roles
// and tasks, how long each category of information is kept, and a review date.
//
// Parties are directory organisations, named by their decimal record id (the id the
// sharing engine uses, see directory::as_sharing_party). Rules are kept as written —
// organisation ids, `sector:NAME` or `*` — and become sharing::Rule values only
// when the agreement is compiled into a sharing World (agreement/sharing_world.h), so
// the meaning of a rule lives in one place: the sharing engine.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/sharing/vocabulary.h"

namespace tafel::agreement {

using sharing::Timestamp;

// What one party states and takes on.
struct Party {
  std::string organisation;         // decimal directory id
  std::string finality;             // why this party takes part, in its own words
  std::vector<std::string> roles;   // e.g. "case manager", "chair of the table"
  std::vector<std::string> tasks;   // e.g. "reports back within 48 hours"
  friend bool operator==(const Party&, const Party&) = default;
};

// A rule as written in the agreement (sharing-model.md §1-2 for the meaning).
struct RuleText {
  std::string id;
  sharing::Effect effect = sharing::Effect::permit;
  std::vector<std::string> from;  // organisation ids, "sector:NAME" or "*"
  std::vector<std::string> to;
  sharing::CategorySet categories;
  sharing::PurposeSet purposes;
  sharing::GroundSet grounds;
  std::string legal_reference;
  std::vector<std::string> obligations;  // free identifiers
  friend bool operator==(const RuleText&, const RuleText&) = default;
};

// How long information of one category received under the agreement is kept.
struct Retention {
  sharing::Category category = sharing::Category::identity;
  std::int32_t days = 0;
  friend bool operator==(const Retention&, const Retention&) = default;
};

struct Document {
  std::string title;
  Timestamp valid_from = 0;
  Timestamp valid_until = sharing::kNever;  // exclusive; kNever: open-ended
  Timestamp review_date = 0;                // when the parties review it together
  std::vector<Party> parties;
  std::vector<RuleText> rules;
  std::vector<Retention> retention;  // at most one per category
  friend bool operator==(const Document&, const Document&) = default;
};

// Limits that keep a document a document (and the canonical form bounded).
inline constexpr std::size_t kMaxTitleBytes = 200;
inline constexpr std::size_t kMaxStatementBytes = 4000;  // a finality statement, a legal reference
inline constexpr std::size_t kMaxShortBytes = 200;       // a role, task, id or obligation
inline constexpr std::size_t kMaxParties = 50;
inline constexpr std::size_t kMaxRules = 1000;
inline constexpr std::size_t kMaxListItems = 50;  // roles, tasks, from, to, obligations

// Checks what makes a version unfit to store. Fails with "invalid_input" and a
// message naming the field (ids only, never a statement's text):
//  * title 1..200 bytes; at least two parties, distinct, each a positive decimal id;
//  * each finality 1..4000 bytes; roles and tasks non-blank, at most 200 bytes;
//  * valid_from < valid_until; review_date after valid_from;
//  * rules: distinct non-blank ids, a non-empty from, to, categories and purposes;
//    entries of from/to a decimal id, "sector:NAME" of a known sector, or "*";
//  * retention: days 1..36500, at most one per category;
//  * no text with control characters other than newline and tab.
// Rules naming an organisation that is not a party are allowed here (a draft may be
// inconsistent); lint (agreement/sharing_world.h) reports them as unknown_party.
Result<void> validate(const Document& document);

// True when `entry` (of a rule's from/to) is "*", "sector:NAME" with a known sector,
// or a positive decimal id.
bool valid_party_ref(std::string_view entry);

}  // namespace tafel::agreement
