#include "core/care/referral_transitions.h"

#include "core/enum_names.h"

namespace tafel::care {
namespace {

using S = ReferralState;
using T = ReferralTransition;
constexpr Party R = Party::referrer;
constexpr Party V = Party::service;

// from, transition, to, party, person, advice, needs_reason
constexpr TransitionRule kTable[] = {
    {S::sent, T::receive, S::received, V, true, true, false},
    {S::received, T::place_on_waiting_list, S::waiting_list, V, true, false, false},
    {S::received, T::invite_to_intake, S::intake, V, true, false, false},
    {S::waiting_list, T::invite_to_intake, S::intake, V, true, false, false},
    {S::intake, T::accept, S::accepted, V, true, false, false},
    {S::accepted, T::start, S::started, V, true, false, false},
    {S::received, T::refuse, S::refused, V, true, true, true},
    {S::waiting_list, T::refuse, S::refused, V, true, false, true},
    {S::intake, T::refuse, S::refused, V, true, false, true},
    {S::started, T::end, S::ended, V, true, false, false},
    {S::started, T::end_early, S::ended, V, true, false, true},
    {S::received, T::end, S::ended, V, false, true, false},  // advice given
    {S::sent, T::withdraw, S::withdrawn, R, true, true, false},
    {S::received, T::withdraw, S::withdrawn, R, true, true, false},
    {S::waiting_list, T::withdraw, S::withdrawn, R, true, false, false},
    {S::intake, T::withdraw, S::withdrawn, R, true, false, false},
    {S::accepted, T::withdraw, S::withdrawn, R, true, false, false},
};

constexpr EnumNames<ReferralState, kReferralStates.size()> kStateNames{{
    {S::sent, "sent"},
    {S::received, "received"},
    {S::waiting_list, "waiting_list"},
    {S::intake, "intake"},
    {S::accepted, "accepted"},
    {S::refused, "refused"},
    {S::started, "started"},
    {S::ended, "ended"},
    {S::withdrawn, "withdrawn"},
}};

constexpr EnumNames<ReferralTransition, kReferralTransitions.size()> kTransitionNames{{
    {T::receive, "receive"},
    {T::place_on_waiting_list, "place_on_waiting_list"},
    {T::invite_to_intake, "invite_to_intake"},
    {T::accept, "accept"},
    {T::refuse, "refuse"},
    {T::start, "start"},
    {T::end, "end"},
    {T::end_early, "end_early"},
    {T::withdraw, "withdraw"},
}};

constexpr EnumNames<ReferralKind, 2> kKindNames{{{ReferralKind::person, "person"}, {ReferralKind::advice, "advice"}}};

}  // namespace

std::string_view name_of(ReferralState state) { return name_in(kStateNames, state); }
std::optional<ReferralState> parse_referral_state(std::string_view text) { return parse_in(kStateNames, text); }
std::string_view name_of(ReferralTransition transition) { return name_in(kTransitionNames, transition); }
std::optional<ReferralTransition> parse_referral_transition(std::string_view text) {
  return parse_in(kTransitionNames, text);
}
std::string_view name_of(Party party) { return party == Party::referrer ? "referrer" : "service"; }
std::string_view name_of(ReferralKind kind) { return name_in(kKindNames, kind); }
std::optional<ReferralKind> parse_referral_kind(std::string_view text) { return parse_in(kKindNames, text); }

bool is_final(ReferralState state) {
  return state == S::refused || state == S::ended || state == S::withdrawn;
}

std::span<const TransitionRule> transition_table() { return kTable; }

Result<ReferralState> check_transition(ReferralKind kind, ReferralState from, ReferralTransition transition,
                                       Acting acting, const std::optional<Exclusion>& reason) {
  const TransitionRule* rule = nullptr;
  bool person_only = false;
  for (const TransitionRule& row : kTable) {
    if (row.from != from || row.transition != transition) continue;
    if (kind == ReferralKind::person ? row.person : row.advice) {
      rule = &row;
    } else if (kind == ReferralKind::advice) {
      person_only = true;
    }
  }
  if (rule == nullptr) {
    if (person_only) return fail("not_for_advice", "an advice referral has no person to put on a list, take in or care for");
    return fail("invalid_transition", "a referral that is " + std::string(name_of(from)) + " cannot " +
                                          std::string(name_of(transition)));
  }
  if (!(rule->party == Party::referrer ? acting.as_referrer : acting.as_service)) {
    return fail("not_entitled", "only the " + std::string(rule->party == Party::referrer
                                                               ? "referring organisation"
                                                               : "receiving service's organisation") +
                                    " may " + std::string(name_of(transition)) + " a referral");
  }
  if (rule->needs_reason && !reason) return fail("reason_required", "give the reason from the list");
  if (!rule->needs_reason && reason) return fail("reason_not_allowed", "this step takes no reason");
  if (reason) {
    if (auto ok = check_exclusion(*reason); !ok) return tl::unexpected(ok.error());
  }
  return rule->to;
}

}  // namespace tafel::care
