#pragma once
// Policy: a World compiled for fast sharing decisions (sharing-model.md §2).
//
// Compiling resolves `sector:NAME` and `*` once into per-(actor, recipient) lists of
// the agreement rules between two parties, turns categories and purposes into bit
// masks, indexes consents by (subject, recorded_by) newest first, and tables by index
// with member bit sets. A decision then touches only the rules of its own pair and
// the consents of its own subject and sender: its cost does not grow with the size
// of the agreement. docs/sharing-engine.md records every reading of the model.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/sharing/decision.h"
#include "core/sharing/request.h"
#include "core/sharing/world.h"

namespace tafel::sharing {

class Policy {
 public:
  // Compiles `world`. Fails with "invalid_world" when an index points outside its
  // vector (a loader bug or hostile input); the message names the entity by id.
  static Result<Policy> compile(World world);

  // Checks that every index in `request` points into the world. decide() requires it.
  Result<void> validate(const Request& request) const;

  // The decision for `request` (validated). Pure and thread-safe; no allocation.
  Decision decide(const Request& request) const;

  // The obligations of a permit as identifiers: the model's own in vocabulary order,
  // then the applied rule's free obligations in the order the rule lists them,
  // de-duplicated.
  std::vector<std::string> obligations(const Decision& decision) const;

  // True if the flow is confided information: the actor has professional secrecy and
  // a category other than `aggregate` is requested.
  bool confided(const Request& request) const;

  const World& world() const { return world_; }

 private:
  struct OrgFacts {
    Sector sector;
    bool professional;
    bool reporting_duty;
  };
  struct CompiledTable {
    bool basis_ok;
    bool finality_ok;
    PurposeSet finality;
    std::vector<std::uint64_t> members;  // bit set over organisations
  };
  struct CompiledRecipients {
    bool any = false;
    SectorSet sectors;
    std::uint32_t orgs_begin = 0, orgs_end = 0;  // sorted ids in recipient_orgs_
  };
  struct CompiledConsent {
    std::uint32_t index;  // into world_.consents
    Timestamp given, expires, withdrawn;
    CategorySet categories;
    PurposeSet purposes;
    CompiledRecipients recipients;
  };
  struct Range {
    std::uint32_t begin = 0, end = 0;
  };
  struct RuleEntry {
    std::uint32_t agreement;
    std::uint32_t rule;
    CategorySet categories;
    PurposeSet purposes;
    bool forbid;
  };
  struct PairSlot {
    Range agreements;  // into pair_agreements_: agreements listing both as parties
    Range entries;     // into pair_entries_: their rules covering this pair, in order
  };
  struct ConsentCheck {
    std::int32_t consent = kNone;  // world index of the consent the outcome refers to
    std::optional<Reason> failure;
  };
  struct ForbidHit {
    std::int32_t agreement = kNone;
    std::int32_t rule = kNone;
  };

  Policy() = default;
  static std::uint64_t pair_key(OrgIndex a, OrgIndex b) {
    return (std::uint64_t{a} << 32) | std::uint64_t{b};
  }
  bool is_member(const CompiledTable& table, OrgIndex org) const;
  bool cares_for(OrgIndex org, SubjectIndex subject) const;
  bool matches(const CompiledRecipients& recipients, OrgIndex org) const;
  const PairSlot* pair(OrgIndex actor, OrgIndex recipient) const;
  ForbidHit forbidding_rule(const Request& r) const;
  ConsentCheck check_consent(const Request& r) const;

  // Each evaluates one ground: returns true and fills `d` on permit, else records
  // the first failing condition in `d`. `forbid` is the forbid rule covering the flow.
  bool try_not_personal(const Request& r, Decision& d, bool claimed) const;
  bool try_case_consultation(const Request& r, Decision& d) const;
  bool try_shared_secrecy(const Request& r, const ForbidHit& forbid, Decision& d) const;
  bool try_consent(const Request& r, const ForbidHit& forbid, Decision& d) const;
  bool try_agreement(const Request& r, const ForbidHit& forbid, Decision& d) const;
  bool try_art_458bis(const Request& r, Decision& d) const;
  bool try_necessity(const Request& r, Decision& d) const;
  bool try_ground(Ground g, const Request& r, const ForbidHit& forbid, Decision& d, bool claimed) const;

  World world_;
  std::vector<OrgFacts> orgs_;
  std::vector<bool> protected_subject_;                // minor or vulnerable
  std::vector<std::vector<OrgIndex>> carers_;          // per subject, sorted
  std::vector<CompiledTable> tables_;
  std::vector<CompiledConsent> consents_;              // grouped by key, newest first
  std::vector<OrgIndex> recipient_orgs_;
  std::unordered_map<std::uint64_t, Range> consents_by_key_;  // (subject, recorded_by)
  std::vector<Timestamp> agreement_from_, agreement_until_;
  std::vector<bool> agreement_status_in_force_;
  std::unordered_map<std::uint64_t, PairSlot> pairs_;  // (actor, recipient)
  std::vector<std::uint32_t> pair_agreements_;
  std::vector<RuleEntry> pair_entries_;
};

}  // namespace tafel::sharing
