#pragma once
// The use cases of the reference index (issue 15, points 1, 3 and 4; docs/index.md):
// register and withdraw one's own organisation's signals, see them, see and answer
// one's own matches, and the scheduled retention run.
//
// No searching: the only way to learn that another organisation works with a person
// is to register a signal of one's own. register_signal() answers the same whether or
// not it matched; match notices arrive through the inbox (app/notify) naming, for a
// certain match, the other's contact point, and for a possible match nothing until
// both professionals confirmed it. Nobody lists or reads another organisation's
// signals, not even a platform admin or a DPO.
//
// The identity given to register_signal() never reaches a store, the audit trail or
// a log: a national register number becomes its keyed hash, a name and date of birth
// their CLK and blocking keys (core/index). Audit entries name the signal by number
// (object type "index_signal") and the match ("index_match").
//
// Every call authorises access::Action::use_reference_index on the caller's
// organisation (members and organisation admins). Errors: "not_authenticated",
// "second_factor_required", "forbidden" (authorize), "invalid_input", "invalid_number",
// "invalid_identity", "invalid_date", "invalid_ground", "not_found", and the stores'.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_store.h"
#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/consents/consent_facts.h"
#include "app/directory/directory_store.h"
#include "app/index/index_store.h"
#include "app/unit_of_work.h"
#include "core/access/policy.h"
#include "core/index/keyed_hash.h"
#include "core/index/match.h"

namespace tafel::app::index {

// Who is asking and from where (for the audit trail).
struct Caller {
  access::Principal principal;
  audit::Origin origin;
};

// A statutory basis a signal may be registered under (configured for the index).
struct StatutoryBasis {
  std::string key;    // stored with the signal, e.g. "youth_care_decree"
  std::string label;  // shown as it is (the law's own title)
};

struct IndexSettings {
  core_index::Thresholds thresholds;
  int active_months = 24;    // a signal is active this long after its registration,
  int inactive_months = 60;  // then inactive this long, then deleted
  std::vector<StatutoryBasis> statutory_bases = default_statutory_bases();
  // The bases an instance has unless it configures others ([index] in the config).
  static std::vector<StatutoryBasis> default_statutory_bases();
};

// The identity as typed: a national register (or BIS) number, or a name and date of
// birth (YYYY-MM-DD) with an optional place of birth, or both.
struct IdentityInput {
  std::string number;
  std::string given, family, birth_date, place;
};

struct SignalDraft {
  std::int64_t contact_point = 0;  // of the caller's organisation
  std::string since;               // YYYY-MM-DD
  GroundKind ground = GroundKind::consent;
  std::int64_t consent_id = 0;  // a consent the caller's organisation recorded, given and valid now
  std::string statute;          // a configured basis's key
  IdentityInput identity;
};

// A signal as its own organisation sees it: no identity, only how it was identified.
struct SignalView {
  std::int64_t id = 0;
  std::int64_t contact_point = 0;
  std::string since;
  GroundKind ground = GroundKind::consent;
  std::int64_t consent_id = 0;
  std::string statute;
  bool by_number = false;
  bool by_name = false;
  SignalState state = SignalState::active;
  std::int64_t registered_at_us = 0, inactive_at_us = 0, delete_at_us = 0;
};

// The other side's contact point, shown for a certain match and for a possible match
// both sides confirmed.
struct ContactDetails {
  std::string organisation;
  std::int64_t contact_point = 0;
  std::string person;  // the contact point's primary person
  std::string email, phone, emergency_line, office_hours;
};

// A match as one side sees it.
struct MatchView {
  std::int64_t id = 0;
  std::int64_t my_signal = 0;
  Certainty certainty = Certainty::possible;
  Answer mine = Answer::pending, theirs = Answer::pending;
  // "certain", "confirmed" (both confirmed), "rejected" (either rejected) or
  // "pending" (a possible match one side has not answered).
  std::string status;
  std::optional<ContactDetails> other;  // only when status is certain or confirmed
  std::int64_t created_at_us = 0;
};

// A contact point of the caller's organisation, for the registration form.
struct ContactPointChoice {
  std::int64_t id = 0;
  std::string person;  // its primary person
};

// What one retention run did (counts only).
struct IndexRetentionReport {
  int deactivated = 0;
  int deleted = 0;
};

// Sends a match notice to `user`: certain (naming `other`, the other side's
// organisation and contact person) or possible (naming nothing). Returns whether
// a notice was stored. The runtime binds it to NotificationService::notify_user.
using MatchNotice = std::function<Result<bool>(access::UserId user, Certainty certainty, std::int64_t match,
                                               const std::string& other)>;

class IndexService {
 public:
  // Every reference must outlive the service.
  IndexService(IndexStore& store, const core_index::KeyedHash& hash, directory::DirectoryStore& directory,
               accounts::AccountStore& users, consents::ConsentFacts& consents, audit::AuditTrail& audit,
               const Clock& clock, UnitOfWork& transactions, IndexSettings settings = {});

  const IndexSettings& settings() const { return settings_; }
  void set_match_notice(MatchNotice notice) { notice_ = std::move(notice); }

  // Registers a signal of the caller's organisation and matches it against the other
  // organisations' signals (by number hash: certain; by CLK: certain or possible by
  // the thresholds), storing each match and queueing its notices, with the audit
  // entry, in one transaction. The answer is the signal: it never says whether it
  // matched.
  Result<SignalView> register_signal(const Caller& caller, SignalDraft draft);
  // The caller's organisation's signals, newest first. Audited (one entry per signal).
  Result<std::vector<SignalView>> signals(const Caller& caller);
  // Withdraws (deletes) a signal of the caller's organisation with its matches.
  // "not_found" for another organisation's signal too.
  Result<void> withdraw(const Caller& caller, std::int64_t signal);
  // The matches of the caller's organisation's signals, newest first. Audited.
  Result<std::vector<MatchView>> matches(const Caller& caller);
  // Confirms or rejects a possible match for the caller's side. "not_found" when
  // neither signal is the caller's organisation's; "invalid_input" for a certain
  // match or an answer already given.
  Result<MatchView> answer(const Caller& caller, std::int64_t match, bool confirm);

  // For the registration form: the caller's organisation's contact points and the
  // consents it may register under (given, valid now, recorded by it).
  Result<std::vector<ContactPointChoice>> contact_points(const Caller& caller);
  Result<std::vector<consents::ConsentFact>> usable_consents(const Caller& caller);

  // The scheduled run: active signals past their active period become inactive,
  // inactive ones past theirs are deleted; each change audited (actor empty: the
  // run itself). Idempotent.
  Result<IndexRetentionReport> apply_retention();

 private:
  Result<void> allowed(const Caller& caller);
  Result<void> audit(const Caller& caller, core::audit::Action action, const std::string& object_type,
                     std::int64_t id);
  Result<MatchView> view_of(const StoredMatch& match, access::OrganisationId organisation);
  Result<ContactDetails> details_of(const StoredSignal& signal);
  Result<void> notify(const StoredSignal& signal, Certainty certainty, std::int64_t match,
                      const StoredSignal& other);
  Result<void> check_ground(const Caller& caller, const SignalDraft& draft);
  std::int64_t now_us() const;

  IndexStore& store_;
  const core_index::KeyedHash& hash_;
  directory::DirectoryStore& directory_;
  accounts::AccountStore& users_;
  consents::ConsentFacts& consents_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
  UnitOfWork& transactions_;
  IndexSettings settings_;
  MatchNotice notice_;
};

// The hex form of a digest (how number hashes are stored).
std::string hex_of(const core_index::Digest& digest);

}  // namespace tafel::app::index
