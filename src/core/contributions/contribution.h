#pragma once
// A contribution (issue 12, points 3 and 4): a note or a fact one organisation adds to
// a situation or to a case (on its care or its safety track), and the record of every
// disclosure of it: to whom, on which ground (the sharing engine's decision), under
// which rule, with which obligations met, and whether it is `use_restricted` (shared in
// a case consultation: it may not leave that table). docs/contributions.md.
//
// Classification, a short scale (docs/contributions.md):
//   public        may be read by anyone (no personal data);
//   internal      for the organisations working on the situation or case;
//   confidential  personal data under a legal ground: only through the gate;
//   secret        professional secrecy or a running investigation: only through the
//                 gate; pages show the mark prominently.
// The scale is recorded and shown; the gate (the sharing engine) decides every
// disclosure whatever the classification.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/vocabulary.h"

namespace tafel::contributions {

enum class Kind : std::uint8_t { note, fact };
enum class Classification : std::uint8_t { public_info, internal, confidential, secret };
enum class Track : std::uint8_t { care, safety };
// What became of one disclosure: shared, refused by the engine, or shared on a ground
// whose obligations queue it for the DPO's review (dpo_review).
enum class ShareStatus : std::uint8_t { shared, denied, awaiting_dpo };

std::string_view name_of(Kind kind);
std::string_view name_of(Classification classification);  // "public", "internal", ...
std::string_view name_of(Track track);
std::string_view name_of(ShareStatus status);
std::optional<Kind> parse_kind(std::string_view text);
std::optional<Classification> parse_classification(std::string_view text);
std::optional<Track> parse_track(std::string_view text);
std::optional<ShareStatus> parse_share_status(std::string_view text);

// Where a disclosure took place: a consultation table, whether in a meeting of it,
// and the organisations that had acknowledged that meeting's secrecy text. Kept with
// the share so that every later view asks the engine about the same disclosure.
struct ShareContext {
  std::int64_t table = 0;  // 0: no table
  bool in_meeting = false;
  std::vector<access::OrganisationId> acknowledged;
  friend bool operator==(const ShareContext&, const ShareContext&) = default;
};

// One disclosure of a contribution to one organisation.
struct Share {
  access::OrganisationId from = 0;       // the source, or the organisation that forwarded it
  access::OrganisationId recipient = 0;
  ShareStatus status = ShareStatus::denied;
  std::string ground;                    // the permitting ground; empty when denied
  std::string rule;                      // "<agreement>/<rule>" that permitted, or empty
  std::vector<std::string> obligations;  // the engine's obligations, all met by the sender
  bool use_restricted = false;           // shared under case_consultation: stays at its table
  std::vector<std::string> reasons;      // on deny: the engine's reason codes
  sharing::CategorySet categories;       // what travelled (minimum_necessary)
  ShareContext context;
  std::string origin_ground;             // a forward: the ground `from` received it on
  std::int64_t origin_table = 0;         // ... and the table, for case_consultation
  access::UserId by = 0;
  std::int64_t at_us = 0;
  friend bool operator==(const Share&, const Share&) = default;
};

// One part of a contribution: what it says in one category of information. The
// sender picks which parts travel (minimum_necessary); a recipient reads only the
// parts whose category was shared with it.
struct Part {
  sharing::Category category = sharing::Category::aggregate;
  std::string text;
  friend bool operator==(const Part&, const Part&) = default;
};

struct Contribution {
  std::int64_t id = 0;
  std::int64_t version = 0;
  // Exactly one of the two.
  std::int64_t situation = 0;
  std::int64_t case_id = 0;
  Track track = Track::care;  // a case's track; care for a situation
  Kind kind = Kind::note;
  Classification classification = Classification::internal;
  access::OrganisationId source = 0;
  access::UserId author = 0;
  std::vector<Part> parts;  // one per category, in vocabulary order
  sharing::Purpose purpose = sharing::Purpose::care;
  // What the sender confirmed (the obligations they met), stored with the contribution.
  bool professional_judgement = false;
  bool reporting_duty_acknowledged = false;
  std::string reasoning;            // record_reasoning
  std::vector<Share> shares;
  std::int64_t created_at_us = 0;

  // The categories of its parts.
  sharing::CategorySet categories() const;
  // The latest share to `organisation` that was not denied, or null.
  const Share* share_to(access::OrganisationId organisation) const;
};

// What a sender gives to meet the obligations of the engine's permits.
struct Confirmations {
  // minimum_necessary: the categories the sender picked to travel (explicitly; never
  // more than the contribution holds). nullopt: not picked.
  std::optional<sharing::CategorySet> travelling;
  bool professional_judgement = false;  // "sharing is in the person's interest"
  bool reporting_duty_acknowledged = false;  // the second step after the warning
  std::string reasoning;                // record_reasoning
};

// The obligations of `required` (the engine's identifiers) that `given` does not
// meet, de-duplicated, in the order of `required`. Enforced here: minimum_necessary,
// professional_judgement, recipient_reporting_duty, record_reasoning. The others
// (secrecy_bound, use_restricted, dpo_review and an agreement rule's own) are
// recorded, tagged or queued, never asked of the sender.
std::vector<std::string> unmet(const std::vector<std::string>& required, const Confirmations& given);

// Fails with "invalid_input" naming the field: exactly one of situation and case; at
// least one part, each with a text of 1..4000 bytes, one per category; reasoning at
// most 2000 bytes; a situation's contribution on the care track (situations have none).
Result<void> check_contribution(const Contribution& contribution);

// Fails with "invalid_input" when the picked categories are empty or hold one the
// contribution does not ("never more than asked").
Result<void> check_travelling(const Contribution& contribution, const Confirmations& given);

}  // namespace tafel::contributions
