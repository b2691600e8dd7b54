#pragma once
// The closed vocabularies of the information-sharing model (docs/sharing-engine.md,
// ../shared/docs/sharing-model.md §1), spelled exactly as in files and APIs.
//
// Every vocabulary is an enum whose values index its `Terms<E>::names` table, so
// names, parsing and bit sets stay in one place and cannot drift apart.

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string_view>

namespace tafel::sharing {

// Microseconds since 1970-01-01T00:00:00Z. The engine never reads a clock: every
// decision takes its time as input.
using Timestamp = std::int64_t;
inline constexpr Timestamp kNever = std::numeric_limits<Timestamp>::max();  // "no expiry", "not withdrawn"

enum class Sector : std::uint8_t {
  police, prosecution, municipality, welfare, street_work, youth_work, drug_care,
  mental_health, social_services, housing, education, health, other
};
enum class Secrecy : std::uint8_t { professional, discretion, none };
enum class Mission : std::uint8_t { care, safety, both };
enum class Category : std::uint8_t { aggregate, involvement, identity, social, care, health, judicial };
enum class Purpose : std::uint8_t {
  care, integrity, terrorism_prevention, criminal_organisation_prevention, public_order,
  prosecution, coordination
};
enum class Ground : std::uint8_t {
  not_personal, case_consultation, shared_secrecy, consent, agreement, art_458bis, necessity
};
// The obligations the model itself attaches. Agreement rules may add free identifiers.
enum class Obligation : std::uint8_t {
  minimum_necessary, professional_judgement, recipient_reporting_duty, secrecy_bound,
  use_restricted, record_reasoning, dpo_review
};
enum class Reason : std::uint8_t {
  use_restricted, not_applicable, not_in_consultation, basis_insufficient, finality_mismatch,
  not_a_member, secrecy_not_acknowledged, recipient_not_bound, not_same_mission,
  consent_missing, consent_withdrawn, consent_expired, consent_scope, secrecy_requires_ground,
  agreement_not_in_force, no_agreement_rule, forbidden_by_agreement, not_prosecutor,
  victim_not_vulnerable, danger_not_established, justification_incomplete
};
enum class TableBasis : std::uint8_t { none, agreement, law, decree, ordinance, prosecutor_authorisation };
enum class AgreementStatus : std::uint8_t { draft, in_force, suspended, ended };
enum class Effect : std::uint8_t { permit, forbid };
enum class Danger : std::uint8_t { serious_imminent, other_victims };

template <typename E>
struct Terms;

#define TAFEL_SHARING_TERMS(E, ...)                                       \
  template <>                                                             \
  struct Terms<E> {                                                       \
    static constexpr std::string_view names[] = {__VA_ARGS__};            \
  }

TAFEL_SHARING_TERMS(Sector, "police", "prosecution", "municipality", "welfare", "street_work",
                    "youth_work", "drug_care", "mental_health", "social_services", "housing",
                    "education", "health", "other");
TAFEL_SHARING_TERMS(Secrecy, "professional", "discretion", "none");
TAFEL_SHARING_TERMS(Mission, "care", "safety", "both");
TAFEL_SHARING_TERMS(Category, "aggregate", "involvement", "identity", "social", "care", "health",
                    "judicial");
TAFEL_SHARING_TERMS(Purpose, "care", "integrity", "terrorism_prevention",
                    "criminal_organisation_prevention", "public_order", "prosecution", "coordination");
TAFEL_SHARING_TERMS(Ground, "not_personal", "case_consultation", "shared_secrecy", "consent",
                    "agreement", "art_458bis", "necessity");
TAFEL_SHARING_TERMS(Obligation, "minimum_necessary", "professional_judgement",
                    "recipient_reporting_duty", "secrecy_bound", "use_restricted", "record_reasoning",
                    "dpo_review");
TAFEL_SHARING_TERMS(Reason, "use_restricted", "not_applicable", "not_in_consultation",
                    "basis_insufficient", "finality_mismatch", "not_a_member",
                    "secrecy_not_acknowledged", "recipient_not_bound", "not_same_mission",
                    "consent_missing", "consent_withdrawn", "consent_expired", "consent_scope",
                    "secrecy_requires_ground", "agreement_not_in_force", "no_agreement_rule",
                    "forbidden_by_agreement", "not_prosecutor", "victim_not_vulnerable",
                    "danger_not_established", "justification_incomplete");
TAFEL_SHARING_TERMS(TableBasis, "none", "agreement", "law", "decree", "ordinance",
                    "prosecutor_authorisation");
TAFEL_SHARING_TERMS(AgreementStatus, "draft", "in_force", "suspended", "ended");
TAFEL_SHARING_TERMS(Effect, "permit", "forbid");
TAFEL_SHARING_TERMS(Danger, "serious_imminent", "other_victims");

#undef TAFEL_SHARING_TERMS

// The number of values of vocabulary E.
template <typename E>
constexpr std::size_t term_count() {
  return std::size(Terms<E>::names);
}

// The spelling of `value` in files and APIs.
template <typename E>
constexpr std::string_view name_of(E value) {
  return Terms<E>::names[static_cast<std::size_t>(value)];
}

// The value spelled `text`, or nullopt when `text` is outside the closed set.
template <typename E>
constexpr std::optional<E> parse_term(std::string_view text) {
  for (std::size_t i = 0; i < term_count<E>(); ++i) {
    if (Terms<E>::names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

// A set of values of one vocabulary as a bit mask: membership and coverage tests are
// single instructions, which keeps a decision flat however many rules there are.
template <typename E>
class TermSet {
 public:
  static_assert(term_count<E>() <= 32);
  constexpr TermSet() = default;
  constexpr TermSet(std::initializer_list<E> values) {
    for (E v : values) add(v);
  }
  static constexpr TermSet from_bits(std::uint32_t bits) {
    TermSet s;
    s.bits_ = bits & ((std::uint32_t{1} << term_count<E>()) - 1);
    return s;
  }
  static constexpr TermSet all() { return from_bits(~std::uint32_t{0}); }

  constexpr void add(E v) { bits_ |= bit(v); }
  constexpr void remove(E v) { bits_ &= ~bit(v); }
  constexpr bool has(E v) const { return (bits_ & bit(v)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  // True if every value of `other` is in this set.
  constexpr bool covers(TermSet other) const { return (other.bits_ & ~bits_) == 0; }
  constexpr bool intersects(TermSet other) const { return (other.bits_ & bits_) != 0; }
  constexpr TermSet without(TermSet other) const { return from_bits(bits_ & ~other.bits_); }
  constexpr TermSet with(TermSet other) const { return from_bits(bits_ | other.bits_); }
  constexpr std::uint32_t bits() const { return bits_; }
  constexpr bool operator==(const TermSet&) const = default;

  // Calls f(value) for every value in the set, in vocabulary order.
  template <typename F>
  constexpr void for_each(F&& f) const {
    for (std::size_t i = 0; i < term_count<E>(); ++i) {
      if ((bits_ >> i) & 1u) f(static_cast<E>(i));
    }
  }

 private:
  static constexpr std::uint32_t bit(E v) { return std::uint32_t{1} << static_cast<unsigned>(v); }
  std::uint32_t bits_ = 0;
};

using CategorySet = TermSet<Category>;
using PurposeSet = TermSet<Purpose>;
using GroundSet = TermSet<Ground>;
using ObligationSet = TermSet<Obligation>;
using SectorSet = TermSet<Sector>;

}  // namespace tafel::sharing
