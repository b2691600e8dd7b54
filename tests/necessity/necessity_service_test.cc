// The state-of-necessity flow and the DPO review queue through NecessityService
// (memory store): the engine refuses with its reason while a condition of the claimed
// ground is missing and nothing is recorded; a permit records the report with its
// reasoning and queues it for the DPO of the author's organisation; the DPO asks, the
// author answers, the DPO concludes; nobody else sees or acts; every step is audited
// and the person appears in the audit trail by case pseudonym only.

#include <gtest/gtest.h>

#include <algorithm>

#include "app/necessity/necessity_service.h"
#include "necessity/test_world.h"

namespace tafel {
namespace {

using access::Role;
using app::necessity::Caller;
using app::necessity::Claim;
using necessity::ReviewState;

struct Fixture {
  app::ManualClock clock{app::Instant{std::chrono::seconds{1'790'000'000}}};
  app::necessity::MemoryNecessityStore store;
  app::cases::MemoryCaseDirectory cases;
  test_support::FixedSharingWorld world;
  app::audit::MemoryAuditTrail audit;
  app::necessity::NecessityService service{store, cases, world, audit, clock, app::UnitOfWork::immediate()};
  Fixture() { test_support::put_test_cases(cases); }
};

const Caller kWorker{{1, 10, Role::member, true}, {"r1", "192.0.2.1"}};
const Caller kColleague{{2, 10, Role::member, true}, {"r2", "192.0.2.1"}};
const Caller kDpo{{3, 10, Role::dpo, true}, {"r3", "192.0.2.1"}};
const Caller kOtherDpo{{4, 30, Role::dpo, true}, {"r4", "192.0.2.1"}};
const Caller kAdmin{{5, 10, Role::platform_admin, true}, {"r5", "192.0.2.1"}};

Claim art458bis(std::int64_t case_id) {
  Claim c;
  c.ground = sharing::Ground::art_458bis;
  c.recipient = 20;
  c.case_id = case_id;
  c.categories = {sharing::Category::identity, sharing::Category::social};
  c.purpose = sharing::Purpose::integrity;
  c.justification.danger = sharing::Danger::serious_imminent;
  c.justification.cannot_protect = true;
  c.tried = "Gesprek met de moeder, crisisopvang gevraagd";
  c.reasoning = "Het kind loopt vanavond gevaar; alleen het parket kan nu ingrijpen.";
  return c;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

TEST(NecessityService, Art458bisIsRefusedWithTheEngineReasonUntilTheChecklistHolds) {
  Fixture f;
  Claim c = art458bis(5);
  c.justification.danger.reset();
  auto refused = f.service.submit(kWorker, c);
  ASSERT_TRUE(refused) << refused.error().message;
  EXPECT_FALSE(refused->assessment.permit);
  ASSERT_EQ(refused->assessment.reasons.size(), 1u);
  EXPECT_EQ(refused->assessment.reasons[0], sharing::Reason::danger_not_established);
  EXPECT_FALSE(refused->report);
  EXPECT_TRUE(f.store.reports_by(1)->empty());

  // An adult who is not vulnerable: art. 458bis protects minors and vulnerable persons.
  auto adult = f.service.submit(kWorker, art458bis(6));
  ASSERT_TRUE(adult);
  EXPECT_FALSE(adult->assessment.permit);
  EXPECT_EQ(adult->assessment.reasons[0], sharing::Reason::victim_not_vulnerable);

  auto permitted = f.service.submit(kWorker, art458bis(5));
  ASSERT_TRUE(permitted) << permitted.error().message;
  ASSERT_TRUE(permitted->assessment.permit);
  ASSERT_TRUE(permitted->report);
  EXPECT_EQ(permitted->report->decided_ground, sharing::Ground::art_458bis);
  EXPECT_TRUE(has(permitted->report->obligations, "record_reasoning"));
  EXPECT_EQ(permitted->report->reasoning, art458bis(5).reasoning);
  auto queue = f.service.queue(kDpo);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().kind, "necessity_report");
  EXPECT_EQ(queue->front().subject, permitted->report->id);
  EXPECT_EQ(queue->front().state, ReviewState::pending);
  EXPECT_EQ(f.world.calls, 3);  // one world per decision

  // The audit trail names the person by case pseudonym only, refusals included.
  int decisions = 0;
  for (const auto& e : f.audit.entries()) {
    if (e.action != core::audit::Action::sharing_decision) continue;
    ++decisions;
    EXPECT_EQ(e.object_type, "person");
    EXPECT_TRUE(e.object_id == "case-5" || e.object_id == "case-6") << e.object_id;
    EXPECT_EQ(e.ground, "art_458bis");
  }
  EXPECT_EQ(decisions, 3);
}

TEST(NecessityService, APermitWithoutReasoningRecordsNothing) {
  Fixture f;
  Claim c = art458bis(5);
  c.reasoning = "  \n";
  auto r = f.service.submit(kWorker, c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "reasoning_required");
  EXPECT_TRUE(f.store.reports_by(1)->empty());
  EXPECT_TRUE(f.service.queue(kDpo)->empty());
}

TEST(NecessityService, StateOfNecessityWithoutACaseCarriesDpoReview) {
  Fixture f;
  Claim c;
  c.ground = sharing::Ground::necessity;
  c.recipient = 30;
  c.categories = {sharing::Category::identity};
  c.justification.danger = sharing::Danger::serious_imminent;
  c.justification.higher_value = "Het leven van een derde";
  c.reasoning = "Hij kondigde aan vanavond iemand neer te steken.";
  auto missing = f.service.submit(kWorker, c);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->assessment.permit);
  EXPECT_EQ(missing->assessment.reasons[0], sharing::Reason::justification_incomplete);
  c.justification.other_means_exhausted = true;
  auto ok = f.service.submit(kWorker, c);
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_TRUE(ok->report);
  EXPECT_TRUE(has(ok->report->obligations, "dpo_review"));
  EXPECT_EQ(ok->report->case_id, 0);
  auto last = f.audit.entries();
  auto decision = std::find_if(last.rbegin(), last.rend(),
                               [](const auto& e) { return e.action == core::audit::Action::sharing_decision; });
  EXPECT_EQ(decision->object_type, "organisation");
  EXPECT_EQ(decision->object_id, "30");
}

TEST(NecessityService, OnlyPractitionersClaimAndOnlyVisibleCasesArePicked) {
  Fixture f;
  EXPECT_EQ(f.service.submit(kDpo, art458bis(5)).error().code, "forbidden");
  EXPECT_EQ(f.service.submit(kAdmin, art458bis(5)).error().code, "forbidden");
  const Caller police{{9, 30, Role::member, true}, {"r9", ""}};
  Claim c = art458bis(5);  // case 5 is on the welfare service's track only
  c.recipient = 20;
  auto r = f.service.submit(police, c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_input");
  EXPECT_EQ(r.error().message, "case");
  EXPECT_EQ(f.service.cases(kWorker)->size(), 2u);
  EXPECT_TRUE(f.service.cases(police)->empty());
  Claim own = art458bis(5);
  own.recipient = 10;
  EXPECT_EQ(f.service.submit(kWorker, own).error().message, "recipient");
}

TEST(NecessityService, TheDpoAsksTheAuthorAnswersTheDpoAccepts) {
  Fixture f;
  auto made = f.service.submit(kWorker, art458bis(5));
  ASSERT_TRUE(made && made->report);
  const std::int64_t report = made->report->id;
  const std::int64_t review = f.service.queue(kDpo)->front().id;

  // Only the DPO of the author's organisation reviews.
  EXPECT_EQ(f.service.queue(kWorker).error().code, "forbidden");
  EXPECT_EQ(f.service.queue(kAdmin).error().code, "forbidden");
  EXPECT_TRUE(f.service.queue(kOtherDpo)->empty());
  EXPECT_EQ(f.service.review(kOtherDpo, review).error().code, "forbidden");
  EXPECT_EQ(f.service.accept(kOtherDpo, review).error().code, "forbidden");
  EXPECT_EQ(f.service.ask(kWorker, review, "?").error().code, "forbidden");

  auto opened = f.service.review(kDpo, review);
  ASSERT_TRUE(opened);
  ASSERT_TRUE(opened->report);
  EXPECT_EQ(opened->report->reasoning, art458bis(5).reasoning);

  EXPECT_EQ(f.service.answer(kWorker, report, "nog niets gevraagd").error().code, "no_question");
  auto asked = f.service.ask(kDpo, review, "Welke hulp werd al ingeschakeld?");
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ(asked->state, ReviewState::question);
  EXPECT_EQ(f.service.answer(kColleague, report, "ik").error().code, "forbidden");
  auto answered = f.service.answer(kWorker, report, "Crisisopvang en het CLB.");
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->state, ReviewState::answered);
  auto accepted = f.service.accept(kDpo, review);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->state, ReviewState::accepted);
  ASSERT_EQ(accepted->steps.size(), 3u);
  EXPECT_EQ(accepted->steps[0].kind, "question");
  EXPECT_EQ(accepted->steps[1].kind, "answer");
  EXPECT_EQ(accepted->steps[2].kind, "accepted");
  EXPECT_EQ(f.service.not_accept(kDpo, review, "te laat").error().code, "review_closed");

  // The author sees the state of their own report; a colleague does not see it.
  auto mine = f.service.my_reports(kWorker);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().review->state, ReviewState::accepted);
  EXPECT_TRUE(f.service.my_reports(kColleague)->empty());
  EXPECT_EQ(f.service.report(kColleague, report).error().code, "forbidden");
  EXPECT_TRUE(f.service.report(kDpo, report));
  EXPECT_EQ(f.service.report(kOtherDpo, report).error().code, "forbidden");

  std::vector<std::string> trail;
  for (const auto& e : f.audit.entries()) {
    if (e.action != core::audit::Action::sharing_decision) trail.push_back(std::string(core::audit::action_name(e.action)) + " " + e.object_type);
  }
  const std::vector<std::string> expected = {"create necessity_report", "create dpo_review", "view dpo_review",
                                             "update dpo_review_question", "update dpo_review_answer",
                                             "update dpo_review_accepted", "view necessity_report"};
  EXPECT_EQ(trail, expected);
}

TEST(NecessityService, NotAcceptedNeedsAReason) {
  Fixture f;
  auto made = f.service.submit(kWorker, art458bis(5));
  ASSERT_TRUE(made && made->report);
  const std::int64_t review = f.service.queue(kDpo)->front().id;
  EXPECT_EQ(f.service.not_accept(kDpo, review, " ").error().code, "invalid_input");
  auto done = f.service.not_accept(kDpo, review, "Er was geen acuut gevaar.");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, ReviewState::not_accepted);
  EXPECT_EQ(f.service.my_reports(kWorker)->front().review->state, ReviewState::not_accepted);
}

TEST(NecessityService, OtherAreasQueueTheirOwnReviews) {
  Fixture f;
  auto queued = f.service.enqueue_review({"contribution", 42, "Bijdrage 42 aan casus 5", 1, 10}, {"r", ""});
  ASSERT_TRUE(queued) << queued.error().message;
  EXPECT_EQ(queued->state, ReviewState::pending);
  auto view = f.service.review(kDpo, queued->id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->review.kind, "contribution");
  EXPECT_FALSE(view->report);
  EXPECT_EQ(f.service.enqueue_review({"Bad Kind", 1, "x", 1, 10}, {}).error().code, "invalid_input");
  EXPECT_EQ(f.service.enqueue_review({"contribution", 0, "x", 1, 10}, {}).error().code, "invalid_input");
}

}  // namespace
}  // namespace tafel
