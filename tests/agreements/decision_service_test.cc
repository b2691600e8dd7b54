// "May I share this?" (app/decisions): the world is built from the directory, the
// agreements in force, the cases and the consents; every question is audited with its
// ground and rule (a person only as a case number); the answer explains itself in the
// asker's language and discloses nothing.

#include <gtest/gtest.h>

#include "app/agreements/memory_agreement_store.h"
#include "app/decisions/decision_service.h"
#include "app/decisions/directory_sharing_facts.h"
#include "app/decisions/record_sharing_world.h"
#include "app/tables/memory_table_store.h"
#include "fixtures.h"
#include "i18n/sharing_explanation.h"
#include "storage/audit_crypto.h"

namespace tafel::app::decisions {
namespace {

using namespace sharing;
using access::Role;
using test_support::k2026;
using test_support::kDay;

const audit::Origin kOrigin{"req-9", "198.51.100.4"};

class DecisionServiceTest : public ::testing::Test {
 protected:
  DecisionServiceTest()
      : clock_(Instant{std::chrono::microseconds{k2026 + 30 * kDay}}),
        service_(world_, cases_, consents_, audit_, clock_) {
    test_support::seed_directory(directory_);
  }

  // Stores the police–municipality agreement, signed by both when `in_force`.
  agreement::AgreementId add_agreement(bool in_force) {
    auto a = agreement::Agreement::create(test_support::police_municipality(), 1, k2026, storage::audit_sha256);
    EXPECT_TRUE(a);
    if (in_force) {
      for (const char* org : {"1", "3"}) EXPECT_TRUE(a->sign(org, 1, a->latest().hash, k2026));
    }
    return *store_.create(*a);
  }

  static access::Principal asker(Role role, access::OrganisationId org) { return {100, org, role, true}; }

  test_support::OrganisationsOnly directory_;
  agreements::MemoryAgreementStore store_;
  tables::MemoryTableStore tables_;
  cases::MemoryCaseDirectory cases_;
  consents::MemoryConsentFacts consents_;
  DirectorySharingFacts facts_{directory_, store_};
  RecordSharingWorld world_{facts_, tables_, cases_, consents_};
  audit::MemoryAuditTrail audit_;
  ManualClock clock_;
  DecisionService service_;
};

Question identity_for_coordination(std::int64_t recipient) {
  Question q;
  q.recipient = recipient;
  q.about = Question::About::person_without_case;
  q.categories = {Category::identity};
  q.purpose = Purpose::coordination;
  return q;
}

TEST_F(DecisionServiceTest, AnAgreementInForcePermitsWithItsRuleAndObligations) {
  add_agreement(true);
  auto answer = service_.ask(asker(Role::member, 1), identity_for_coordination(3), kOrigin);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_TRUE(answer->permit);
  EXPECT_EQ(answer->ground, Ground::agreement);
  EXPECT_EQ(answer->rule, "r1");
  EXPECT_EQ(answer->obligations, (std::vector<std::string>{"minimum_necessary", "inform_person"}));

  auto entries = audit_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, core::audit::Action::sharing_decision);
  EXPECT_EQ(entries[0].ground, "agreement");
  EXPECT_EQ(entries[0].rule, answer->agreement + "/r1");
  EXPECT_EQ(entries[0].object_type, "organisation");  // no case: nothing about the person
  EXPECT_EQ(entries[0].object_id, "3");
  EXPECT_EQ(entries[0].outcome, core::audit::Outcome::success);

  std::string nl = i18n::render_explanation(answer->explanation, "nl");
  EXPECT_NE(nl.find("r1"), std::string::npos) << nl;
  // People read names, not record ids.
  EXPECT_NE(nl.find("Organisation 3"), std::string::npos) << nl;
  EXPECT_NE(nl.find("“Overlast Nethegem”"), std::string::npos) << nl;
}

TEST_F(DecisionServiceTest, ADraftPermitsNothingAndADenyIsExplainedAndAudited) {
  add_agreement(false);
  auto answer = service_.ask(asker(Role::member, 1), identity_for_coordination(3), kOrigin);
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->permit);
  EXPECT_NE(std::find(answer->reasons.begin(), answer->reasons.end(), Reason::no_agreement_rule),
            answer->reasons.end());
  EXPECT_FALSE(answer->explanation.remedies.empty());
  ASSERT_EQ(audit_.entries().size(), 1u);
  EXPECT_EQ(audit_.entries()[0].outcome, core::audit::Outcome::denied);
}

TEST_F(DecisionServiceTest, ConfidedInformationNeedsMoreThanAnAgreement) {
  add_agreement(true);
  // The CAW (professional secrecy) is not a party, and its information is confided.
  auto answer = service_.ask(asker(Role::member, 2), identity_for_coordination(1), kOrigin);
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->permit);
  EXPECT_NE(std::find(answer->reasons.begin(), answer->reasons.end(), Reason::secrecy_requires_ground),
            answer->reasons.end());
}

TEST_F(DecisionServiceTest, ASuspendedAgreementIsNotInForce) {
  auto id = add_agreement(true);
  auto a = *store_.find(id);
  std::int64_t revision = a->revision();
  ASSERT_TRUE(a->suspend(k2026 + kDay));
  ASSERT_TRUE(store_.save(*a, revision));
  auto answer = service_.ask(asker(Role::organisation_admin, 1), identity_for_coordination(3), kOrigin);
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->permit);
  // The agreement ground's reason is that the agreement is not in force (the other
  // grounds tried list their own first failing condition before it).
  ASSERT_FALSE(answer->reasons.empty());
  EXPECT_EQ(answer->reasons.back(), Reason::agreement_not_in_force);
}

TEST_F(DecisionServiceTest, AggregatesWithoutAPersonAreNotPersonal) {
  Question q;
  q.recipient = 2;
  q.categories = {Category::aggregate};
  q.purpose = Purpose::public_order;
  auto answer = service_.ask(asker(Role::member, 1), q, kOrigin);
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->permit);
  EXPECT_EQ(answer->ground, Ground::not_personal);
  EXPECT_EQ(audit_.entries()[0].object_type, "organisation");
}

TEST_F(DecisionServiceTest, BadQuestionsAndWrongRolesAreRefusedAndNothingIsAudited) {
  Question q = identity_for_coordination(3);
  EXPECT_EQ(service_.ask(asker(Role::observer, 1), q, kOrigin).error().code, "forbidden");
  EXPECT_EQ(service_.ask(asker(Role::member, 3), q, kOrigin).error().code, "invalid_input");  // own organisation
  q.recipient = 77;
  EXPECT_EQ(service_.ask(asker(Role::member, 1), q, kOrigin).error().code, "invalid_input");
  q = identity_for_coordination(3);
  q.about = Question::About::case_person;
  q.case_id = 404;  // no such case
  EXPECT_EQ(service_.ask(asker(Role::member, 1), q, kOrigin).error().code, "not_found");
  q = identity_for_coordination(3);
  q.categories = {};
  EXPECT_EQ(service_.ask(asker(Role::member, 1), q, kOrigin).error().code, "invalid_input");
  EXPECT_TRUE(audit_.entries().empty());
}

// Issue 12 point 7: the CAW cares for the person of case 12, who consented to the
// police receiving their identity for care. The question names the case, the consent
// ground permits, and the audit entry holds the case number and nothing typed.
TEST_F(DecisionServiceTest, AQuestionAboutACaseUsesItsConsentAndIsAuditedByTheCaseNumberOnly) {
  cases_.put({12, 5, true, false, false, {2}, {}});
  consents::ConsentFact c;
  c.id = 4;
  c.case_id = 12;
  c.recorded_by = 2;
  c.recipients = {{consents::ConsentRecipient::Kind::organisation, 1, Sector::other}};
  c.categories = {Category::identity};
  c.purposes = {Purpose::care};
  c.given = k2026;
  consents_.add(c);

  Question q;
  q.recipient = 1;
  q.about = Question::About::case_person;
  q.case_id = 12;
  q.categories = {Category::identity};
  q.purpose = Purpose::care;
  auto answer = service_.ask(asker(Role::member, 2), q, kOrigin);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_TRUE(answer->permit) << i18n::render_explanation(answer->explanation, "en");
  EXPECT_EQ(answer->ground, Ground::consent);
  auto entries = audit_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].object_type, "case");
  EXPECT_EQ(entries[0].object_id, "12");

  // The same question about a person tafel keeps no case for: no consent is known.
  q.about = Question::About::person_without_case;
  auto unknown = service_.ask(asker(Role::member, 2), q, kOrigin);
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->permit);
}

TEST_F(DecisionServiceTest, ACaseTheAskerMayNotSeeIsNotFoundAndNotAudited) {
  cases_.put({12, 5, true, false, false, {2}, {}});
  Question q = identity_for_coordination(3);
  q.about = Question::About::case_person;
  q.case_id = 12;
  auto answer = service_.ask(asker(Role::member, 1), q, kOrigin);  // the police is not on its tracks
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, "not_found");
  EXPECT_TRUE(audit_.entries().empty());
}

TEST_F(DecisionServiceTest, ChoicesAreTheVisibleCasesAndTheOwnConsentsValidNow) {
  cases_.put({12, 5, true, false, false, {2}, {}});
  cases_.put({13, 5, true, false, false, {3}, {}});
  auto consent = [&](std::int64_t id, std::int64_t case_id, access::OrganisationId by, Timestamp withdrawn) {
    consents::ConsentFact c;
    c.id = id;
    c.case_id = case_id;
    c.recorded_by = by;
    c.recipients = {{consents::ConsentRecipient::Kind::any, 0, Sector::other}};
    c.categories = {Category::identity};
    c.purposes = {Purpose::care};
    c.given = k2026;
    c.withdrawn = withdrawn;
    consents_.add(c);
  };
  consent(1, 12, 2, kNever);        // listed
  consent(2, 12, 2, k2026 + kDay);  // withdrawn
  consent(3, 12, 3, kNever);        // recorded by another organisation
  consent(4, 13, 2, kNever);        // a case the CAW does not see
  auto choices = service_.choices(asker(Role::member, 2));
  ASSERT_TRUE(choices);
  ASSERT_EQ(choices->cases.size(), 1u);
  EXPECT_EQ(choices->cases[0].id, 12);
  ASSERT_EQ(choices->consents.size(), 1u);
  EXPECT_EQ(choices->consents[0].id, 1);
  EXPECT_EQ(service_.choices(asker(Role::observer, 2)).error().code, "forbidden");
}

}  // namespace
}  // namespace tafel::app::decisions
