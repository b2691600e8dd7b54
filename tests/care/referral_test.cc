// A referral's life: opening (only the selected fields travel; advice carries no
// person), transitions by the right organisation with dates, what the referrer sees,
// and the reminders for referrals that stay too long in one state.
#include <gtest/gtest.h>

#include <vector>

#include "core/care/referral.h"

namespace tafel::care {
namespace {

constexpr access::OrganisationId kPolice = 10, kDrugService = 20, kOther = 30;
constexpr Timestamp kDay = kMicrosPerDay;
constexpr Timestamp kStart = 1'780'000'000'000'000;  // some day in 2026

NewReferral person_referral() {
  NewReferral r;
  r.kind = ReferralKind::person;
  r.referrer_organisation = kPolice;
  r.referrer_user = 1;
  r.service_id = 7;
  r.service_organisation = kDrugService;
  r.target_group = "youth";
  r.question = "Can he start in your day programme?";
  r.subject_id = "subject-42";
  r.ground = sharing::Ground::consent;
  r.consent_id = 5;
  r.available = {{"name", "Jonas Peeters"}, {"birth_year", "2008"}, {"address", "Kerkstraat 1"}, {"language", "nl"}};
  r.selected = {"name", "language"};
  return r;
}

std::string code_of(const Result<void>& r) { return r ? "ok" : r.error().code; }
std::string code_of(const Result<Referral>& r) { return r ? "ok" : r.error().code; }

TEST(OpenReferralTest, OnlyTheSelectedFieldsTravel) {
  auto referral = open_referral(person_referral(), kStart);
  ASSERT_TRUE(referral) << referral.error().message;
  EXPECT_EQ(referral->fields, (std::vector<SharedField>{{"name", "Jonas Peeters"}, {"language", "nl"}}));
  EXPECT_EQ(referral->state, ReferralState::sent);
  ASSERT_EQ(referral->steps.size(), 1u);
  EXPECT_EQ(referral->steps[0].at, kStart);
  EXPECT_EQ(referral->steps[0].by_organisation, kPolice);
}

TEST(OpenReferralTest, RefusesWhatCannotTravel) {
  auto with = [](auto change) {
    NewReferral r = person_referral();
    change(r);
    return code_of(open_referral(r, kStart));
  };
  EXPECT_EQ(with([](NewReferral& r) { r.selected = {"name", "email"}; }), "unknown_field");
  EXPECT_EQ(with([](NewReferral& r) { r.selected = {"name", "name"}; }), "duplicate_field");
  EXPECT_EQ(with([](NewReferral& r) { r.ground = sharing::Ground::not_personal; }), "ground_required");
  EXPECT_EQ(with([](NewReferral& r) { r.consent_id = 0; }), "consent_required");
  EXPECT_EQ(with([](NewReferral& r) { r.subject_id.clear(); }), "person_required");
  EXPECT_EQ(with([](NewReferral& r) { r.service_organisation = 0; }), "invalid_input");
  // Another ground than consent needs no consent.
  EXPECT_EQ(with([](NewReferral& r) { r.ground = sharing::Ground::agreement, r.consent_id = 0; }), "ok");
}

TEST(OpenReferralTest, AnAdviceReferralNamesNobody) {
  NewReferral advice;
  advice.kind = ReferralKind::advice;
  advice.referrer_organisation = kPolice;
  advice.service_id = 7;
  advice.service_organisation = kDrugService;
  advice.question = "A 17-year-old uses daily and wants to stop: who takes minors?";
  auto referral = open_referral(advice, kStart);
  ASSERT_TRUE(referral);
  EXPECT_TRUE(referral->subject_id.empty());
  EXPECT_TRUE(referral->fields.empty());
  advice.subject_id = "subject-42";
  EXPECT_EQ(code_of(open_referral(advice, kStart)), "advice_without_person");
  advice.subject_id.clear();
  advice.selected = {"name"};
  EXPECT_EQ(code_of(open_referral(advice, kStart)), "advice_without_person");
}

TEST(ApplyTransitionTest, TheServiceMovesItAndEachStepIsDated) {
  Referral referral = *open_referral(person_referral(), kStart);
  const ReferralActor service{kDrugService, 2}, police{kPolice, 1}, stranger{kOther, 3};
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::receive, police, kStart + kDay)), "not_entitled");
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::receive, stranger, kStart + kDay)), "not_a_party");
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::receive, service, kStart - 1)),
            "time_before_last_step");
  EXPECT_EQ(referral.steps.size(), 1u);  // refusals change nothing
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::receive, service, kStart + kDay)), "ok");
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::place_on_waiting_list, service, kStart + 2 * kDay)),
            "ok");
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::refuse, service, kStart + 40 * kDay,
                                     Exclusion{ExclusionReason::not_motivated, ""})),
            "ok");
  EXPECT_EQ(referral.state, ReferralState::refused);
  ASSERT_EQ(referral.steps.size(), 4u);
  EXPECT_EQ(referral.steps[3].from, ReferralState::waiting_list);
  EXPECT_EQ(referral.steps[3].at, kStart + 40 * kDay);
  EXPECT_EQ(referral.steps[3].by_user, 2);
  EXPECT_EQ(referral.steps[3].reason, (Exclusion{ExclusionReason::not_motivated, ""}));
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::withdraw, police, kStart + 41 * kDay)),
            "invalid_transition");
}

TEST(ApplyTransitionTest, AnOrganisationReferringToItsOwnServiceIsBothParties) {
  NewReferral request = person_referral();
  request.service_organisation = kPolice;
  Referral referral = *open_referral(request, kStart);
  const ReferralActor self{kPolice, 1};
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::receive, self, kStart)), "ok");
  EXPECT_EQ(code_of(apply_transition(referral, ReferralTransition::withdraw, self, kStart)), "ok");
}

Referral refused_with_notes() {
  Referral referral = *open_referral(person_referral(), kStart);
  const ReferralActor service{kDrugService, 2};
  (void)apply_transition(referral, ReferralTransition::receive, service, kStart + kDay);
  (void)apply_transition(referral, ReferralTransition::place_on_waiting_list, service, kStart + 2 * kDay);
  (void)apply_transition(referral, ReferralTransition::refuse, service, kStart + 40 * kDay,
                         Exclusion{ExclusionReason::other, "relapsed twice, team disagrees"});
  referral.service_notes.push_back({2, kStart + 3 * kDay, "Told the intake team he uses cocaine daily."});
  return referral;
}

TEST(ReferrerViewTest, StatusAndDatesButNeverTheServicesNotes) {
  const Referral referral = refused_with_notes();
  const ReferrerView view = referrer_view(referral, true);
  EXPECT_EQ(view.state, ReferralState::refused);
  EXPECT_EQ(view.steps, (std::vector<ReferrerStep>{{ReferralState::sent, kStart},
                                                  {ReferralState::received, kStart + kDay},
                                                  {ReferralState::waiting_list, kStart + 2 * kDay},
                                                  {ReferralState::refused, kStart + 40 * kDay}}));
  EXPECT_EQ(view.reason, ExclusionReason::other);  // the code; the service's text stays with the service
  EXPECT_EQ(view.fields, referral.fields);
  EXPECT_FALSE(view.ground_lapsed);
  // Nothing of the notes or the reason's text anywhere in what the referrer receives.
  for (const auto& field : view.fields) {
    EXPECT_EQ(field.value.find("cocaine"), std::string::npos);
    EXPECT_EQ(field.value.find("relapsed"), std::string::npos);
  }
  EXPECT_EQ(view.question.find("cocaine"), std::string::npos);
}

TEST(ReferrerViewTest, PersonalFieldsOnlyWhileTheGroundHolds) {
  const ReferrerView view = referrer_view(refused_with_notes(), false);
  EXPECT_TRUE(view.fields.empty());
  EXPECT_TRUE(view.ground_lapsed);
  EXPECT_EQ(view.state, ReferralState::refused);  // status and dates stay
  EXPECT_EQ(view.steps.size(), 4u);
}

TEST(RemindersTest, ReferralsStayingTooLongInOneState) {
  std::vector<Referral> referrals;
  const ReferralActor service{kDrugService, 2};
  auto sent_on = [&](std::int64_t id, Timestamp at) {
    Referral r = *open_referral(person_referral(), at);
    r.id = id;
    return r;
  };
  const Timestamp now = kStart + 100 * kDay;
  referrals.push_back(sent_on(1, now - 3 * kDay));      // sent exactly 3 days ago: not yet
  referrals.push_back(sent_on(2, now - 3 * kDay - 1));  // just over 3 days: remind
  Referral waiting = sent_on(3, kStart);
  (void)apply_transition(waiting, ReferralTransition::receive, service, kStart);
  (void)apply_transition(waiting, ReferralTransition::place_on_waiting_list, service, now - 91 * kDay);
  referrals.push_back(waiting);                         // 91 days on the list: remind
  Referral started = waiting;
  started.id = 4;
  (void)apply_transition(started, ReferralTransition::invite_to_intake, service, now - 90 * kDay);
  (void)apply_transition(started, ReferralTransition::accept, service, now - 90 * kDay);
  (void)apply_transition(started, ReferralTransition::start, service, now - 90 * kDay);
  referrals.push_back(started);                         // started has no limit
  Referral refused = sent_on(5, kStart);
  (void)apply_transition(refused, ReferralTransition::receive, service, kStart);
  (void)apply_transition(refused, ReferralTransition::refuse, service, kStart,
                         Exclusion{ExclusionReason::no_capacity, ""});
  referrals.push_back(refused);                         // final: never

  const auto reminders = referrals_to_remind(referrals, default_state_limits(), now);
  EXPECT_EQ(reminders, (std::vector<Reminder>{{2, ReferralState::sent, now - 3 * kDay - 1, 3, 3},
                                             {3, ReferralState::waiting_list, now - 91 * kDay, 91, 90}}));
  // A service's own limits replace the defaults.
  const StateLimit strict[] = {{ReferralState::started, 30}};
  const auto only_started = referrals_to_remind(referrals, strict, now);
  ASSERT_EQ(only_started.size(), 1u);
  EXPECT_EQ(only_started[0].referral_id, 4);
}

}  // namespace
}  // namespace tafel::care
