#pragma once
// The referral state machine (issue 16, point 3; docs/care.md "Referrals";
// docs/decisions/0027-referral-transitions-and-forecast.md) as one table of data:
// each row says from which state a transition leads where, which party may make it,
// for which kind of referral, and whether it takes a reason from the exclusion
// register. Pages, API, storage and tests read this table; nothing else decides.
//
//   sent -receive-> received -place_on_waiting_list-> waiting_list
//   received | waiting_list -invite_to_intake-> intake -accept-> accepted -start-> started
//   received | waiting_list | intake -refuse(reason)-> refused
//   started -end-> ended;  started -end_early(reason)-> ended
//   sent | received | waiting_list | intake | accepted -withdraw-> withdrawn  (the referrer)
//   advice (no person): sent -receive-> received -end-> ended (the advice was given),
//                       received -refuse(reason)-> refused, or withdrawn
// Every transition but withdraw belongs to the receiving service's organisation.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/care/exclusion.h"
#include "core/result.h"

namespace tafel::care {

enum class ReferralState : std::uint8_t {
  sent, received, waiting_list, intake, accepted, refused, started, ended, withdrawn
};
inline constexpr std::array kReferralStates = {
    ReferralState::sent,     ReferralState::received, ReferralState::waiting_list,
    ReferralState::intake,   ReferralState::accepted, ReferralState::refused,
    ReferralState::started,  ReferralState::ended,    ReferralState::withdrawn};

enum class ReferralTransition : std::uint8_t {
  receive, place_on_waiting_list, invite_to_intake, accept, refuse, start, end, end_early, withdraw
};
inline constexpr std::array kReferralTransitions = {
    ReferralTransition::receive, ReferralTransition::place_on_waiting_list, ReferralTransition::invite_to_intake,
    ReferralTransition::accept,  ReferralTransition::refuse,                ReferralTransition::start,
    ReferralTransition::end,     ReferralTransition::end_early,             ReferralTransition::withdraw};

// The two parties of a referral: the referring organisation and the organisation of
// the receiving service.
enum class Party : std::uint8_t { referrer, service };

// About a person (through the sharing engine), or an anonymous request for advice.
enum class ReferralKind : std::uint8_t { person, advice };

std::string_view name_of(ReferralState state);
std::optional<ReferralState> parse_referral_state(std::string_view text);
std::string_view name_of(ReferralTransition transition);
std::optional<ReferralTransition> parse_referral_transition(std::string_view text);
std::string_view name_of(Party party);
std::string_view name_of(ReferralKind kind);
std::optional<ReferralKind> parse_referral_kind(std::string_view text);

// No transition leaves refused, ended or withdrawn.
bool is_final(ReferralState state);

struct TransitionRule {
  ReferralState from;
  ReferralTransition transition;
  ReferralState to;
  Party party;          // who may make it
  bool person;          // allowed on a referral about a person
  bool advice;          // allowed on an advice referral
  bool needs_reason;    // takes an exclusion reason (refuse, end_early), else takes none
};

// The table, in the order of the diagram above.
std::span<const TransitionRule> transition_table();

// Which parties the acting organisation is: the referrer, the service, or both (an
// organisation referring to one of its own services).
struct Acting {
  bool as_referrer = false;
  bool as_service = false;
};

// The state `transition` leads to from `from` for a referral of `kind`, made by
// `acting`, with `reason`. Refusals, checked in this order:
//   "invalid_transition"  no row for (from, transition) (also every final state), or
//                         only a row for advice on a person referral;
//   "not_for_advice"      the row exists for person referrals only;
//   "not_entitled"        the acting organisation is not the row's party;
//   "reason_required"     refuse or end_early without a reason;
//   "reason_not_allowed"  a reason on any other transition;
//   and check_exclusion's codes for the reason's text.
Result<ReferralState> check_transition(ReferralKind kind, ReferralState from, ReferralTransition transition,
                                       Acting acting, const std::optional<Exclusion>& reason);

}  // namespace tafel::care
