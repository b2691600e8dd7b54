// The use cases of situations over the memory store: rights on the stored record,
// the warning on personal identifiers and its audited confirmation, the explicit
// stage steps, the action plan, voices and goals, each change audited.

#include <gtest/gtest.h>

#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/situations/situation_service.h"

namespace tafel::app::situations {
namespace {

using namespace tafel::situations;

struct SituationServiceTest : ::testing::Test {
  MemorySituationStore store;
  audit::MemoryAuditTrail audit;
  ManualClock clock{Instant{std::chrono::seconds{1'780'000'000}}};
  SituationService service{store, store, audit, clock, UnitOfWork::immediate()};

  static Caller caller(access::UserId user, access::OrganisationId org, access::Role role = access::Role::member) {
    return {access::Principal{user, org, role, true}, {"req", "192.0.2.7"}};
  }
  Caller police = caller(11, 1), street_work = caller(21, 2), outsider = caller(41, 4);
  Caller observer = caller(12, 1, access::Role::observer), dpo = caller(13, 1, access::Role::dpo);

  SituationDraft draft() {
    SituationDraft d;
    d.title = "Jongeren in het park";
    d.behaviour = "Groepjes jongeren 's avonds rond de speeltuin, luide muziek";
    d.since = "voorjaar 2026";
    d.address = "Stadspark";
    d.participants = {2};
    return d;
  }
  Situation created() { return *service.create(police, draft(), false); }
};

TEST_F(SituationServiceTest, InvolvedOrganisationsSeeAndEditOthersDoNot) {
  Situation s = created();
  EXPECT_EQ(s.owner, 1);
  EXPECT_EQ(s.stage, Stage::scanning);
  EXPECT_TRUE(service.situation(street_work, s.id));
  EXPECT_TRUE(service.situation(observer, s.id));
  EXPECT_TRUE(service.situation(dpo, s.id));
  EXPECT_EQ(service.situation(outsider, s.id).error().code, "forbidden");
  auto d = draft();
  d.title = "Jongeren in het stadspark";
  EXPECT_TRUE(service.update(street_work, s.id, d, false));
  EXPECT_EQ(service.update(observer, s.id, d, false).error().code, "forbidden");
  EXPECT_EQ(service.update(outsider, s.id, d, false).error().code, "forbidden");
  EXPECT_EQ(service.list(street_work, {})->size(), 1u);
  EXPECT_TRUE(service.list(outsider, {})->empty());
  EXPECT_EQ(service.create(observer, draft(), false).error().code, "forbidden");
}

TEST_F(SituationServiceTest, APhoneNumberIsWarnedAndSavedOnlyAfterAnAuditedConfirmation) {
  auto d = draft();
  d.behaviour = "Buurtbewoner belt telkens vanaf 0470 12 34 56";
  auto refused = service.create(police, d, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "identifier_suspected");
  EXPECT_TRUE(store.list(std::nullopt, 0, 100)->empty());
  auto flags = service.flags(texts_of(d));
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ((*flags)[0].field, "behaviour");
  EXPECT_EQ((*flags)[0].span.kind, IdentifierKind::phone);
  EXPECT_EQ(d.behaviour.substr((*flags)[0].span.start, (*flags)[0].span.end - (*flags)[0].span.start), "0470 12 34 56");

  auto saved = service.create(police, d, true);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->confirmations.size(), 1u);
  EXPECT_EQ(saved->confirmations[0].kind, "phone");
  EXPECT_EQ(saved->confirmations[0].by, 11);
  bool audited = false;
  for (const auto& e : audit.entries()) {
    if (e.action == core::audit::Action::acknowledge && e.object_type == "situation_identifier:phone@behaviour") audited = true;
  }
  EXPECT_TRUE(audited);
}

TEST_F(SituationServiceTest, NamesOfKnownPeopleAreWarnedToo) {
  store.names = {"Yannick Vermeiren"};
  auto d = draft();
  d.triangle.offender = "Yannick Vermeiren en vrienden";
  EXPECT_EQ(service.create(police, d, false).error().code, "identifier_suspected");
  Situation s = created();
  EXPECT_EQ(service.add_voice(street_work, s.id, "Yannick Vermeiren zegt: er is hier niks te doen", "2026-05-02", false)
                .error()
                .code,
            "identifier_suspected");
}

TEST_F(SituationServiceTest, StagesAreExplicitAuditedStepsThatNeedTheirFields) {
  Situation s = created();
  auto analysis = service.advance(street_work, s.id);
  ASSERT_TRUE(analysis) << analysis.error().message;
  EXPECT_EQ(analysis->stage, Stage::analysis);
  ASSERT_EQ(analysis->steps.size(), 1u);
  EXPECT_EQ(analysis->steps[0].by, 21);
  auto stuck = service.advance(police, s.id);
  EXPECT_EQ(stuck.error().code, "stage_incomplete");
  auto d = draft();
  d.triangle = {"groep jongeren", "omwonenden", "speeltuin", "jeugdwerk", "parkwachter", "stad (groendienst)"};
  ASSERT_TRUE(service.update(police, s.id, d, false));
  EXPECT_EQ(service.advance(police, s.id)->stage, Stage::response);
  EXPECT_EQ(service.advance(police, s.id).error().code, "stage_incomplete");
  auto action = service.add_action(police, s.id, {0, "Straathoekwerk spreekt de groep aan", 2, 21, "2026-06-01"}, false);
  ASSERT_TRUE(action) << action.error().message;
  EXPECT_EQ(action->status, ActionStatus::open);
  EXPECT_EQ(service.set_action_status(street_work, s.id, action->id, ActionStatus::done)->status, ActionStatus::done);
  EXPECT_EQ(service.add_action(police, s.id, {0, "Iets", 4, 0, "2026-06-01"}, false).error().code, "invalid_input");
  EXPECT_EQ(service.advance(observer, s.id).error().code, "forbidden");
  EXPECT_EQ(service.advance(police, s.id)->stage, Stage::assessment);
  EXPECT_EQ(service.advance(police, s.id).error().code, "last_stage");
  int stage_entries = 0;
  for (const auto& e : audit.entries()) {
    if (e.object_type.starts_with("situation_stage:")) ++stage_entries;
  }
  EXPECT_EQ(stage_entries, 3);
}

TEST_F(SituationServiceTest, VoicesAndGoalsPerOrganisation) {
  Situation s = created();
  auto v = service.add_voice(street_work, s.id, "We hebben hier gewoon geen plek om samen te zijn.", "2026-05-02", false);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->organisation, 2);
  EXPECT_EQ(service.add_voice(street_work, s.id, "x", "gisteren", false).error().code, "invalid_input");
  auto g = service.set_goals(police, s.id, {{1, "Minder overlast na 22 uur"}, {2, "Een plek voor de jongeren"}}, false);
  ASSERT_TRUE(g);
  ASSERT_EQ(g->goals.size(), 2u);
  EXPECT_EQ(service.set_goals(police, s.id, {{4, "Niet van ons"}}, false).error().code, "invalid_input");
  EXPECT_EQ(service.set_goals(police, s.id, {{1, ""}}, false)->goals.size(), 1u);
}

TEST_F(SituationServiceTest, TheAreaAndParticipantsMustExistInTheDirectory) {
  auto d = draft();
  d.area = 99;
  EXPECT_EQ(service.create(police, d, false).error().code, "invalid_input");
  d.area = 7;
  d.participants = {2, 42};
  EXPECT_EQ(service.create(police, d, false).error().code, "invalid_input");
  Situation s = created();
  d.participants = {42};
  EXPECT_EQ(service.update(police, s.id, d, false).error().code, "invalid_input");
}

TEST_F(SituationServiceTest, ListFiltersByStageAndArea) {
  auto d = draft();
  d.area = 7;
  auto a = *service.create(police, d, false);
  created();
  ASSERT_TRUE(service.advance(police, a.id));
  EXPECT_EQ(service.list(police, {Stage::analysis, 0, false})->size(), 1u);
  EXPECT_EQ(service.list(police, {Stage::scanning, 0, false})->size(), 1u);
  EXPECT_EQ(service.list(police, {std::nullopt, 7, false})->size(), 1u);
  EXPECT_EQ(service.list(police, {})->size(), 2u);
}

}  // namespace
}  // namespace tafel::app::situations
