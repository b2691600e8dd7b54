#pragma once
// A referral (issue 16, point 3; docs/care.md "Referrals"): one organisation asks a
// service (of the same or another organisation) to take a person in, or, anonymously,
// for advice. The aggregate, its steps through the transition table
// (core/care/referral_transitions.h), what the referrer may see of it, and the rule
// that finds referrals staying too long in one state. Pure: every time comes in as an
// argument; whether the ground of a person referral still holds is decided by the
// sharing engine and the consents, and passed in.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/care/exclusion.h"
#include "core/care/referral_transitions.h"
#include "core/result.h"
#include "core/sharing/vocabulary.h"

namespace tafel::care {

using sharing::Timestamp;
inline constexpr Timestamp kMicrosPerDay = 86'400'000'000;

// A personal field the sender chose to send ("name", "birth_year", "language", ...).
struct SharedField {
  std::string name;
  std::string value;
  friend bool operator==(const SharedField&, const SharedField&) = default;
};

// One transition made, or the sending (from == to == sent, no transition).
struct ReferralStep {
  ReferralState from = ReferralState::sent, to = ReferralState::sent;
  std::optional<ReferralTransition> transition;  // nullopt for the sending
  access::OrganisationId by_organisation = 0;
  access::UserId by_user = 0;
  Timestamp at = 0;
  std::optional<Exclusion> reason;  // refuse and end_early
  friend bool operator==(const ReferralStep&, const ReferralStep&) = default;
};

// The service's own working note: never shown to the referrer.
struct ServiceNote {
  access::UserId by = 0;
  Timestamp at = 0;
  std::string text;
  friend bool operator==(const ServiceNote&, const ServiceNote&) = default;
};

struct Referral {
  std::int64_t id = 0;
  ReferralKind kind = ReferralKind::person;
  access::OrganisationId referrer_organisation = 0;
  access::UserId referrer_user = 0;
  std::int64_t service_id = 0;  // the catalogue's service
  access::OrganisationId service_organisation = 0;
  std::string target_group;     // the catalogue's target group it is about; "" when none was chosen
  std::string question;         // the sender's request, in their words
  // A person referral only:
  std::string subject_id;       // the case's subject (app/cases/case_directory.h)
  sharing::Ground ground = sharing::Ground::not_personal;  // on which the fields travel
  std::int64_t consent_id = 0;  // when ground is consent
  std::vector<SharedField> fields;  // exactly the fields the sender selected
  ReferralState state = ReferralState::sent;
  std::vector<ReferralStep> steps;  // the sending first, then every transition in order
  std::vector<ServiceNote> service_notes;
  friend bool operator==(const Referral&, const Referral&) = default;
};

struct NewReferral {
  ReferralKind kind = ReferralKind::person;
  access::OrganisationId referrer_organisation = 0;
  access::UserId referrer_user = 0;
  std::int64_t service_id = 0;
  access::OrganisationId service_organisation = 0;
  std::string target_group;
  std::string question;
  std::string subject_id;
  sharing::Ground ground = sharing::Ground::not_personal;
  std::int64_t consent_id = 0;
  std::vector<SharedField> available;   // the person's fields the sender could send
  std::vector<std::string> selected;    // the names the sender ticked
};

// A referral in state sent at `at`, carrying only the selected fields. Refusals:
//   "invalid_input"           no referring organisation, service or service organisation;
//   "person_required"         a person referral without subject;
//   "ground_required"         a person referral on ground not_personal;
//   "consent_required"        ground consent without a consent;
//   "unknown_field"           a selected name that is not among the available fields;
//   "duplicate_field"         a name selected twice;
//   "advice_without_person"   an advice referral with a subject, a consent or fields.
Result<Referral> open_referral(const NewReferral& request, Timestamp at);

// Who acts: an organisation and its user.
struct ReferralActor {
  access::OrganisationId organisation = 0;
  access::UserId user = 0;
};

// Makes `transition` on `referral` at `at`: check_transition with the parties the
// actor's organisation is, then a step is appended and the state changes. Also
// "not_a_party" when the actor's organisation is neither party, and
// "time_before_last_step" when `at` is before the last step. On failure the
// referral is unchanged.
Result<void> apply_transition(Referral& referral, ReferralTransition transition, const ReferralActor& actor,
                              Timestamp at, const std::optional<Exclusion>& reason = std::nullopt);

// When the referral entered its present state.
Timestamp entered_state_at(const Referral& referral);

// What the referring organisation sees of its referral.
struct ReferrerStep {
  ReferralState state = ReferralState::sent;
  Timestamp at = 0;
  friend bool operator==(const ReferrerStep&, const ReferrerStep&) = default;
};
struct ReferrerView {
  std::int64_t id = 0;
  ReferralKind kind = ReferralKind::person;
  std::int64_t service_id = 0;
  std::string question;
  ReferralState state = ReferralState::sent;
  std::vector<ReferrerStep> steps;             // every state reached, with its date
  std::optional<ExclusionReason> reason;       // of a refusal or early end: the code, never the text
  std::vector<SharedField> fields;             // the selected fields, only while the ground holds
  bool ground_lapsed = false;                  // a person referral whose ground no longer holds
};

// The referrer's view: status and dates always, never the service's notes nor the
// text of an "other" reason (the service's words); the personal fields the sender
// selected only while `ground_holds` (the consent is given and not withdrawn or
// expired, or the other ground still applies). Advice referrals have no fields.
ReferrerView referrer_view(const Referral& referral, bool ground_holds);

// How long a referral may stay in one state before someone is reminded.
struct StateLimit {
  ReferralState state = ReferralState::sent;
  int days = 0;
};
// sent 3 days (not yet received), received 7, waiting list 90, intake 14, accepted 14.
// started and the final states have no limit.
std::span<const StateLimit> default_state_limits();

struct Reminder {
  std::int64_t referral_id = 0;
  ReferralState state = ReferralState::sent;
  Timestamp since = 0;
  int days_in_state = 0;  // whole days
  int limit_days = 0;
  friend bool operator==(const Reminder&, const Reminder&) = default;
};

// The referrals that have been in their present state longer than its limit at
// `now` (strictly more than limit days), in the order given. States without a limit,
// and final states, are never reminded.
std::vector<Reminder> referrals_to_remind(std::span<const Referral> referrals, std::span<const StateLimit> limits,
                                          Timestamp now);

}  // namespace tafel::care
