// The pure rules of consents: DPV states and their transitions, expiry as a view,
// who may give for a minor, evidence, magic-byte checks and the access policy.

#include <gtest/gtest.h>

#include <vector>

#include "core/consents/consent.h"
#include "core/consents/consent_policy.h"
#include "core/consents/evidence_file.h"

namespace tafel::consents {
namespace {

TEST(ConsentStates, AreNamedAfterDpv) {
  EXPECT_EQ(name_of(State::requested), "dpv:ConsentRequested");
  EXPECT_EQ(name_of(State::given), "dpv:ConsentGiven");
  EXPECT_EQ(name_of(State::refused), "dpv:ConsentRefused");
  EXPECT_EQ(name_of(State::withdrawn), "dpv:ConsentWithdrawn");
  EXPECT_EQ(name_of(State::expired), "dpv:ConsentExpired");
  for (State s : kAllStates) {
    EXPECT_EQ(parse_state(name_of(s)), s);
    EXPECT_EQ(parse_state(short_name_of(s)), s);
  }
  EXPECT_FALSE(parse_state("ConsentGiven"));
}

TEST(ConsentTransitions, RequestedIsAnsweredGivenIsWithdrawnNothingLeavesTheEnd) {
  EXPECT_EQ(*next_state(State::requested, Transition::give), State::given);
  EXPECT_EQ(*next_state(State::requested, Transition::refuse), State::refused);
  EXPECT_EQ(*next_state(State::given, Transition::withdraw), State::withdrawn);
  EXPECT_FALSE(next_state(State::requested, Transition::withdraw));
  EXPECT_FALSE(next_state(State::given, Transition::give));
  EXPECT_FALSE(next_state(State::given, Transition::refuse));
  for (State end : {State::refused, State::withdrawn, State::expired}) {
    for (Transition t : {Transition::give, Transition::refuse, Transition::withdraw}) {
      auto next = next_state(end, t);
      ASSERT_FALSE(next) << name_of(end) << " " << name_of(t);
      EXPECT_EQ(next.error().code, "invalid_transition");
    }
  }
}

TEST(ConsentExpiry, IsAViewOfAGivenConsentPastItsEnd) {
  Consent c;
  c.state = State::given;
  c.valid_from = 100;
  c.valid_until = 200;
  EXPECT_EQ(state_at(c, 199), State::given);
  EXPECT_EQ(state_at(c, 200), State::expired);
  EXPECT_TRUE(expiring_within(c, 150, 50));
  EXPECT_FALSE(expiring_within(c, 100, 50));
  EXPECT_FALSE(expiring_within(c, 200, 50));  // already expired
  c.state = State::withdrawn;
  EXPECT_EQ(state_at(c, 300), State::withdrawn);
  c.state = State::requested;
  EXPECT_EQ(state_at(c, 300), State::requested);
}

TEST(ConsentGiver, AMinorConsentsThroughAParentOrGuardianOrThemselfFromTheConfiguredAge) {
  EXPECT_EQ(check_giver(Giver::person, true, 0, 12).error().code, "giver_not_allowed");
  EXPECT_TRUE(check_giver(Giver::parent, true, 0, 12));
  EXPECT_TRUE(check_giver(Giver::guardian, true, 0, 16));
  EXPECT_EQ(check_giver(Giver::minor_self, true, 0, 12).error().code, "minor_age_required");
  EXPECT_EQ(check_giver(Giver::minor_self, true, 11, 12).error().code, "minor_too_young");
  EXPECT_TRUE(check_giver(Giver::minor_self, true, 12, 12));
  EXPECT_EQ(check_giver(Giver::minor_self, true, 14, 16).error().code, "minor_too_young");
  EXPECT_TRUE(check_giver(Giver::minor_self, true, 16, 16));
  EXPECT_TRUE(check_giver(Giver::person, false, 0, 12));
  EXPECT_EQ(check_giver(Giver::parent, false, 0, 12).error().code, "giver_not_allowed");
  EXPECT_TRUE(valid_minor_own_consent_age(12));
  EXPECT_TRUE(valid_minor_own_consent_age(16));
  EXPECT_FALSE(valid_minor_own_consent_age(14));
}

TEST(ConsentEvidence, GivenNeedsAFormOrAWitnessWithNameAndFunction) {
  EXPECT_EQ(check_evidence({}).error().code, "evidence_required");
  EXPECT_EQ(check_evidence({Evidence::Kind::verbal, "", 0, "An Peeters", " "}).error().code, "evidence_required");
  EXPECT_TRUE(check_evidence({Evidence::Kind::verbal, "", 0, "An Peeters", "teamleider"}));
  EXPECT_TRUE(check_evidence({Evidence::Kind::form, "application/pdf", 1200, "", ""}));
}

TEST(ConsentEvidenceFile, TypeComesFromMagicBytesAndSizeIsLimited) {
  std::vector<std::uint8_t> pdf{'%', 'P', 'D', 'F', '-', '1', '.', '7'};
  std::vector<std::uint8_t> jpeg{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};
  std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0};
  std::vector<std::uint8_t> html{'<', 'h', 't', 'm', 'l', '>'};
  EXPECT_EQ(*check_evidence_file(pdf), "application/pdf");
  EXPECT_EQ(*check_evidence_file(jpeg), "image/jpeg");
  EXPECT_EQ(*check_evidence_file(png), "image/png");
  EXPECT_EQ(check_evidence_file(html).error().code, "evidence_type");
  EXPECT_EQ(check_evidence_file({}).error().code, "evidence_empty");
  std::vector<std::uint8_t> big(kMaxEvidenceBytes + 1, 0);
  std::copy(pdf.begin(), pdf.end(), big.begin());
  EXPECT_EQ(check_evidence_file(big).error().code, "evidence_too_large");
}

TEST(ConsentRecipients, RoundTripAsText) {
  for (std::string text : {"org:12", "sector:police", "*"}) {
    auto r = parse_recipient(text);
    ASSERT_TRUE(r) << text;
    EXPECT_EQ(to_text(*r), text);
  }
  EXPECT_EQ(parse_recipient("7")->organisation, 7);
  EXPECT_FALSE(parse_recipient("sector:pirates"));
  EXPECT_FALSE(parse_recipient("org:-1"));
  EXPECT_FALSE(parse_recipient(""));
}

TEST(ConsentPolicy, RecordingOrganisationPractitionersActOthersSeeSummariesObserversNothing) {
  using access::Principal;
  using access::Role;
  auto as = [](Role role, bool second = true) { return Principal{1, 1, role, second}; };
  ConsentStanding own{true, true}, other{false, true}, hidden{true, false};
  for (Role r : {Role::member, Role::organisation_admin}) {
    for (ConsentRight right : {ConsentRight::record_consent, ConsentRight::change_consent, ConsentRight::view_consent,
                               ConsentRight::read_evidence, ConsentRight::view_summary}) {
      EXPECT_TRUE(authorise(as(r), right, own).allowed) << name_of(right);
      EXPECT_EQ(authorise(as(r), right, hidden).reason, "case_not_visible") << name_of(right);
    }
    EXPECT_TRUE(authorise(as(r), ConsentRight::view_summary, other).allowed);
    EXPECT_EQ(authorise(as(r), ConsentRight::view_consent, other).reason, "other_organisation");
    EXPECT_EQ(authorise(as(r), ConsentRight::read_evidence, other).reason, "other_organisation");
    EXPECT_EQ(authorise(as(r), ConsentRight::change_consent, other).reason, "other_organisation");
  }
  EXPECT_TRUE(authorise(as(Role::dpo), ConsentRight::view_consent, hidden).allowed);
  EXPECT_TRUE(authorise(as(Role::dpo), ConsentRight::read_evidence, hidden).allowed);
  EXPECT_FALSE(authorise(as(Role::dpo), ConsentRight::view_consent, other).allowed);
  EXPECT_FALSE(authorise(as(Role::dpo), ConsentRight::change_consent, own).allowed);
  EXPECT_FALSE(authorise(as(Role::dpo), ConsentRight::record_consent, own).allowed);
  for (ConsentRight right : {ConsentRight::view_summary, ConsentRight::view_consent, ConsentRight::record_consent}) {
    EXPECT_EQ(authorise(as(Role::observer), right, own).reason, "role");
    EXPECT_EQ(authorise(as(Role::platform_admin), right, own).reason, "role");
  }
  EXPECT_EQ(authorise(as(Role::member, false), ConsentRight::view_summary, own).reason, "second_factor_required");
  EXPECT_EQ(authorise(std::nullopt, ConsentRight::view_summary, own).reason, "not_authenticated");
}

}  // namespace
}  // namespace tafel::consents
