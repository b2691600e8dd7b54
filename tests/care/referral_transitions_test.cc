// The referral state machine, exhaustively: every kind × state × transition × acting
// party × with or without a reason is either allowed (to the right state) or refused
// with the right code, against a specification written out here by hand.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/care/referral_transitions.h"

namespace tafel::care {
namespace {

// The states and who moves them, as a reader of issue 16 would write them.
struct Allowed {
  std::string_view from, transition, to, party;
  bool person, advice, reason;
};
constexpr Allowed kSpec[] = {
    {"sent", "receive", "received", "service", true, true, false},
    {"received", "place_on_waiting_list", "waiting_list", "service", true, false, false},
    {"received", "invite_to_intake", "intake", "service", true, false, false},
    {"waiting_list", "invite_to_intake", "intake", "service", true, false, false},
    {"intake", "accept", "accepted", "service", true, false, false},
    {"accepted", "start", "started", "service", true, false, false},
    {"received", "refuse", "refused", "service", true, true, true},
    {"waiting_list", "refuse", "refused", "service", true, false, true},
    {"intake", "refuse", "refused", "service", true, false, true},
    {"started", "end", "ended", "service", true, false, false},
    {"started", "end_early", "ended", "service", true, false, true},
    {"received", "end", "ended", "service", false, true, false},
    {"sent", "withdraw", "withdrawn", "referrer", true, true, false},
    {"received", "withdraw", "withdrawn", "referrer", true, true, false},
    {"waiting_list", "withdraw", "withdrawn", "referrer", true, false, false},
    {"intake", "withdraw", "withdrawn", "referrer", true, false, false},
    {"accepted", "withdraw", "withdrawn", "referrer", true, false, false},
};

// The expected outcome: the target state's name, or the refusal code.
std::string expected(ReferralKind kind, ReferralState from, ReferralTransition transition, Acting acting,
                     bool with_reason) {
  const Allowed* rule = nullptr;
  bool other_kind = false;
  for (const Allowed& a : kSpec) {
    if (a.from != name_of(from) || a.transition != name_of(transition)) continue;
    if (kind == ReferralKind::person ? a.person : a.advice) {
      rule = &a;
    } else {
      other_kind = true;
    }
  }
  if (!rule) return other_kind && kind == ReferralKind::advice ? "not_for_advice" : "invalid_transition";
  if (!(rule->party == "referrer" ? acting.as_referrer : acting.as_service)) return "not_entitled";
  if (rule->reason && !with_reason) return "reason_required";
  if (!rule->reason && with_reason) return "reason_not_allowed";
  return std::string(rule->to);
}

TEST(ReferralTransitionsTest, EveryStateTransitionPartyAndReasonAsSpecified) {
  const Acting actings[] = {{true, false}, {false, true}, {true, true}};
  int allowed = 0, checked = 0;
  for (ReferralKind kind : {ReferralKind::person, ReferralKind::advice}) {
    for (ReferralState from : kReferralStates) {
      for (ReferralTransition transition : kReferralTransitions) {
        for (const Acting& acting : actings) {
          for (bool with_reason : {false, true}) {
            const std::optional<Exclusion> reason =
                with_reason ? std::optional<Exclusion>(Exclusion{ExclusionReason::not_motivated, ""}) : std::nullopt;
            auto result = check_transition(kind, from, transition, acting, reason);
            const std::string got = result ? std::string(name_of(*result)) : result.error().code;
            EXPECT_EQ(got, expected(kind, from, transition, acting, with_reason))
                << name_of(kind) << " " << name_of(from) << " " << name_of(transition) << " referrer="
                << acting.as_referrer << " service=" << acting.as_service << " reason=" << with_reason;
            ++checked;
            if (result) ++allowed;
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 2 * 9 * 9 * 3 * 2);
  // person: 16 rows, advice: 5 rows; each allowed for 2 of the 3 actings, with one reason choice.
  EXPECT_EQ(allowed, (16 + 5) * 2);
}

TEST(ReferralTransitionsTest, TheTableIsTheSpecification) {
  const auto table = transition_table();
  ASSERT_EQ(table.size(), std::size(kSpec));
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(name_of(table[i].from), kSpec[i].from);
    EXPECT_EQ(name_of(table[i].transition), kSpec[i].transition);
    EXPECT_EQ(name_of(table[i].to), kSpec[i].to);
    EXPECT_EQ(name_of(table[i].party), kSpec[i].party);
    EXPECT_EQ(table[i].person, kSpec[i].person);
    EXPECT_EQ(table[i].advice, kSpec[i].advice);
    EXPECT_EQ(table[i].needs_reason, kSpec[i].reason);
  }
}

TEST(ReferralTransitionsTest, NothingLeavesAFinalState) {
  for (ReferralState from : kReferralStates) {
    bool leaves = false;
    for (const TransitionRule& rule : transition_table()) leaves = leaves || rule.from == from;
    EXPECT_EQ(is_final(from), !leaves) << name_of(from);
  }
}

TEST(ReferralTransitionsTest, OtherNeedsItsTextAndNamedReasonsTakeNone) {
  const Acting service{false, true};
  auto refuse = [&](Exclusion reason) {
    auto r = check_transition(ReferralKind::person, ReferralState::intake, ReferralTransition::refuse, service, reason);
    return r ? std::string(name_of(*r)) : r.error().code;
  };
  EXPECT_EQ(refuse({ExclusionReason::other, ""}), "reason_text_required");
  EXPECT_EQ(refuse({ExclusionReason::other, "  "}), "reason_text_required");
  EXPECT_EQ(refuse({ExclusionReason::other, "moved abroad"}), "refused");
  EXPECT_EQ(refuse({ExclusionReason::behaviour, "hit a worker"}), "reason_text_not_allowed");
  EXPECT_EQ(refuse({ExclusionReason::other, std::string(281, 'x')}), "reason_text_too_long");
}

TEST(ReferralTransitionsTest, NamesRoundTrip) {
  for (ReferralState s : kReferralStates) EXPECT_EQ(parse_referral_state(name_of(s)), s);
  for (ReferralTransition t : kReferralTransitions) EXPECT_EQ(parse_referral_transition(name_of(t)), t);
  EXPECT_EQ(parse_referral_kind("advice"), ReferralKind::advice);
  EXPECT_FALSE(parse_referral_state("lost"));
}

}  // namespace
}  // namespace tafel::care
