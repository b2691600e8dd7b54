#pragma once
// A consent of one person (known here only by case number) given to the organisation
// that records it (issue 12, point 5; docs/consents.md). Pure: no clock, no I/O.
//
// States are named after the W3C Data Privacy Vocabulary (DPV). Stored states are
// requested, given, refused and withdrawn; expired is a view of a given consent whose
// period has ended (state_at), never stored. Transitions (next_state):
//   requested -> given | refused;  given -> withdrawn;  nothing leaves refused,
//   withdrawn or expired.
// A consent is given only with evidence (an uploaded signed form, or verbal with a
// witness) and, for a minor, by a parent, a guardian or the minor themself from the
// configured age (check_giver).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/vocabulary.h"

namespace tafel::consents {

using sharing::Timestamp;
using sharing::kNever;

enum class State : std::uint8_t { requested, given, refused, withdrawn, expired };
inline constexpr State kAllStates[] = {State::requested, State::given, State::refused, State::withdrawn,
                                       State::expired};
// "dpv:ConsentGiven", ...
std::string_view name_of(State state);
// Accepts the DPV name ("dpv:ConsentGiven") or the short one ("given").
std::optional<State> parse_state(std::string_view text);
// The short name ("given"), for CSS classes, i18n keys and query strings.
std::string_view short_name_of(State state);

enum class Transition : std::uint8_t { give, refuse, withdraw };
std::string_view name_of(Transition transition);

// The state after `transition` from the consent's current (viewed) state, or
// "invalid_transition".
Result<State> next_state(State from, Transition transition);

// Who gave (or refused) the consent.
enum class Giver : std::uint8_t { person, parent, guardian, minor_self };
std::string_view name_of(Giver giver);
std::optional<Giver> parse_giver(std::string_view text);

// The ages from which a minor may consent themself ([consent] minor_own_consent_age).
inline constexpr int kDefaultMinorOwnConsentAge = 12;
bool valid_minor_own_consent_age(int age);  // 12 or 16

// Whether `giver` may speak for the person of a case. For a minor, "the person" is not
// accepted ("giver_not_allowed"); the minor themself must be stated to be at least
// `own_consent_age` ("minor_too_young"; `stated_age` 0 when not stated). For an adult
// only the person, or a guardian (a court-appointed one), may.
Result<void> check_giver(Giver giver, bool minor, int stated_age, int own_consent_age);

// The recipient of a consent: one organisation, every organisation of a sector, or any.
struct Recipient {
  enum class Kind : std::uint8_t { organisation, sector, any };
  Kind kind = Kind::organisation;
  access::OrganisationId organisation = 0;
  sharing::Sector sector = sharing::Sector::other;
  bool operator==(const Recipient&) const = default;
};
// "org:12", "sector:police", "*"; and back (nullopt for anything else).
std::string to_text(const Recipient& recipient);
std::optional<Recipient> parse_recipient(std::string_view text);

// The evidence that a consent was given.
struct Evidence {
  enum class Kind : std::uint8_t { none, form, verbal };
  Kind kind = Kind::none;
  std::string file_type;         // form: "application/pdf", "image/jpeg" or "image/png"
  std::int64_t file_size = 0;    // form: bytes
  std::string witness_name;      // verbal
  std::string witness_function;  // verbal
};
std::string_view name_of(Evidence::Kind kind);

struct Consent {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  access::OrganisationId recorded_by = 0;
  access::UserId recorder = 0;  // the user who recorded it (reminders go to them)
  std::vector<Recipient> recipients;
  sharing::CategorySet categories;
  sharing::PurposeSet purposes;
  Timestamp valid_from = 0;
  Timestamp valid_until = kNever;  // exclusive
  State state = State::requested;  // stored state: never expired
  Giver giver = Giver::person;
  int minor_age = 0;  // stated age when giver == minor_self
  Evidence evidence;
  Timestamp created_at = 0;
  Timestamp decided_at = 0;  // when given or refused (0 while requested)
  Timestamp withdrawn_at = kNever;
  access::UserId withdrawn_by = 0;
  std::int64_t version = 1;
};

// The state as seen at `now`: a given consent at or past valid_until is expired.
State state_at(const Consent& consent, Timestamp now);

// True if the consent is given, not expired at `now`, and ends within `window`.
bool expiring_within(const Consent& consent, Timestamp now, Timestamp window);

// The fields a recorder fills in: at least one recipient, category and purpose, and a
// period that ends after it starts. Fails with "invalid_input".
Result<void> check_consent(const Consent& consent);

// Evidence sufficient to give: a stored form, or a witness with name and function.
// Fails with "evidence_required".
Result<void> check_evidence(const Evidence& evidence);

}  // namespace tafel::consents
