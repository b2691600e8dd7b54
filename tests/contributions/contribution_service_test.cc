// The use cases of contributions over memory stores and a small sharing world:
// every disclosure is the engine's decision, its obligations are enforced before
// anything is stored, every later view asks again, and what was shared in a case
// consultation cannot leave its table (export, forward).

#include <gtest/gtest.h>

#include "app/audit/audit_trail.h"
#include "app/clock.h"
#include "app/contributions/contribution_service.h"
#include "app/situations/situation_store.h"
#include "app/tables/memory_table_store.h"

namespace tafel::app::contributions {
namespace {

using namespace tafel::contributions;
using sharing::Category;
using sharing::CategorySet;
using sharing::Purpose;

constexpr std::int64_t kCase = 5;

// A world of four organisations: police (1, reporting duty), street work (2), welfare
// (3) and youth work (4); case 5 is a minor cared for by street work and welfare; an
// agreement lets the police give street work aggregate facts and involvement for
// public order; welfare recorded the youth's consent to tell the police their
// identity for their integrity.
struct FakeWorld final : decisions::SharingWorldSource {
  sharing::World world;
  std::int64_t table_id = 0;
  bool consent_withdrawn = false;

  Result<std::shared_ptr<const decisions::CompiledWorld>> current() override {
    sharing::World w;
    using sharing::Sector, sharing::Secrecy, sharing::Mission;
    w.organisations = {{"1", Sector::police, Secrecy::none, true, Mission::safety},
                       {"2", Sector::street_work, Secrecy::professional, false, Mission::care},
                       {"3", Sector::welfare, Secrecy::professional, false, Mission::care},
                       {"4", Sector::youth_work, Secrecy::professional, false, Mission::care}};
    w.subjects = {{"person"}, {"case-5", true, false}};
    w.relations = {{1, 1}, {1, 2}};
    w.tables = {{std::to_string(table_id), sharing::TableBasis::law, "Decreet art. 5",
                 sharing::PurposeSet{Purpose::integrity}, {0, 1, 2}}};
    sharing::Rule rule;
    rule.id = "r1";
    rule.from = {{sharing::PartyRef::Kind::organisation, 0}};
    rule.to = {{sharing::PartyRef::Kind::organisation, 1}};
    rule.categories = {Category::aggregate, Category::involvement};
    rule.purposes = {Purpose::public_order};
    rule.grounds = {sharing::Ground::agreement};
    w.agreements = {{"9", sharing::AgreementStatus::in_force, 0, sharing::kNever, {0, 1}, {rule}}};
    sharing::Consent consent;
    consent.id = "c1";
    consent.subject = 1;
    consent.recorded_by = 2;
    consent.recipients = {{sharing::PartyRef::Kind::organisation, 0}};
    consent.categories = {Category::identity};
    consent.purposes = {Purpose::integrity};
    if (consent_withdrawn) consent.withdrawn = 1;
    w.consents = {consent};
    auto policy = sharing::Policy::compile(std::move(w));
    if (!policy) return tl::unexpected(policy.error());
    return std::make_shared<const decisions::CompiledWorld>(decisions::CompiledWorld{
        std::move(*policy), {{1, 0}, {2, 1}, {3, 2}, {4, 3}}, {{table_id, 0}}, {{kCase, 1}}, 0,
        {{"1", "Politiezone Nethegem"}, {"2", "Straathoekwerk"}, {"3", "CAW"}, {"4", "Jeugdhuis"}},
        {{"9", "Samenwerking"}}, {{std::to_string(table_id), "Casusoverleg"}}});
  }
};

struct ContributionServiceTest : ::testing::Test {
  MemoryContributionStore store;
  situations::MemorySituationStore situations;
  cases::MemoryCaseDirectory cases;
  tables::MemoryTableStore tables;
  FakeWorld world;
  MemoryReviewQueue reviews;
  audit::MemoryAuditTrail audit;
  ManualClock clock{Instant{std::chrono::seconds{1'780'000'000}}};
  ContributionService service{store, situations, cases, tables, world, reviews, audit, clock, UnitOfWork::immediate()};

  static Caller caller(access::UserId user, access::OrganisationId org, access::Role role = access::Role::member) {
    return {access::Principal{user, org, role, true}, {"req", "192.0.2.7"}};
  }
  Caller police = caller(11, 1), street_work = caller(21, 2), welfare = caller(31, 3), youth_work = caller(41, 4);

  void SetUp() override {
    tafel::situations::Situation s;
    s.title = "Jongeren in het park";
    s.owner = 1;
    s.participants = {2};
    situation_id = situations.insert(s)->id;
    ::tafel::tables::Table t;
    t.name = "Casusoverleg";
    t.members = {1, 2, 3};
    t.secrecy = {{1, "Wat hier gezegd wordt, blijft hier."}};
    table_id = tables.insert(t)->id;
    world.table_id = table_id;
    cases.put({kCase, table_id, true, true, false, {2, 3}, {1, 3}});
  }

  // Opens a meeting of the case table where police and welfare acknowledged secrecy.
  void open_meeting() {
    auto t = **tables.find(table_id);
    ::tafel::tables::Meeting m;
    m.id = 1;
    m.status = ::tafel::tables::MeetingStatus::open;
    m.attendance = {{1, 11}, {3, 31}};
    m.acknowledgements = {{11, 1, 1, 0}, {31, 3, 1, 0}};
    t.meetings.push_back(m);
    ASSERT_TRUE(tables.update(t));
  }

  Draft situation_draft() {
    Draft d;
    d.situation = situation_id;
    d.kind = Kind::fact;
    d.parts = {{Category::aggregate, "Elke avond 15 tot 20 jongeren aan de speeltuin"},
               {Category::involvement, "Drie van hen werden eerder aangesproken"}};
    d.purpose = Purpose::public_order;
    return d;
  }
  Draft case_draft(Purpose purpose = Purpose::integrity) {
    Draft d;
    d.case_id = kCase;
    d.track = Track::safety;
    d.classification = Classification::confidential;
    d.parts = {{Category::identity, "Yannick, 17 jaar, Heidebaan"}};
    d.purpose = purpose;
    return d;
  }
  std::int64_t situation_id = 0, table_id = 0;
};

TEST_F(ContributionServiceTest, APoliceFactOnASituationTravelsOnlyInThePartsThePolicePicked) {
  auto first = service.add(police, situation_draft(), {});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_FALSE(first->contribution);  // nothing stored before the pick
  EXPECT_EQ(first->unmet, std::vector<std::string>{"minimum_necessary"});
  ASSERT_EQ(first->decisions.size(), 1u);
  EXPECT_TRUE(first->decisions[0].permit);
  EXPECT_EQ(first->decisions[0].rule, "9/r1");

  auto sent = service.add(police, situation_draft(), {CategorySet{Category::aggregate}});
  ASSERT_TRUE(sent && sent->contribution);
  const auto& share = sent->contribution->shares.at(0);
  EXPECT_EQ(share.recipient, 2);
  EXPECT_EQ(share.status, ShareStatus::shared);
  EXPECT_EQ(share.ground, "not_personal");  // aggregate facts alone are not personal data

  auto seen = service.for_situation(street_work, situation_id);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_TRUE(seen->at(0).readable);
  ASSERT_EQ(seen->at(0).contribution.parts.size(), 1u);  // the involvement part stayed home
  EXPECT_EQ(seen->at(0).contribution.parts[0].category, Category::aggregate);
  auto entries = audit.entries();
  EXPECT_EQ(entries.back().action, core::audit::Action::view);
  EXPECT_EQ(entries.back().object_type, "contribution");
  EXPECT_EQ(entries.back().organisation, "2");
}

TEST_F(ContributionServiceTest, ConfidedIdentityNeedsJudgementAndASecondStepAfterTheReportingDutyWarning) {
  auto first = service.add(welfare, case_draft(), {});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->unmet, (std::vector<std::string>{"minimum_necessary", "professional_judgement",
                                                    "recipient_reporting_duty"}));
  Confirmations given{CategorySet{Category::identity}, true, false, ""};
  auto second = service.add(welfare, case_draft(), given);
  EXPECT_EQ(second->unmet, std::vector<std::string>{"recipient_reporting_duty"});
  EXPECT_FALSE(second->contribution);
  given.reporting_duty_acknowledged = true;
  auto sent = service.add(welfare, case_draft(), given);
  ASSERT_TRUE(sent && sent->contribution);
  EXPECT_TRUE(sent->contribution->professional_judgement);
  EXPECT_EQ(sent->contribution->shares.at(0).ground, "consent");
  EXPECT_TRUE(service.view(police, sent->contribution->id)->readable);
}

TEST_F(ContributionServiceTest, ADenyStoresNothingForTheRecipientAndExplainsWhy) {
  Confirmations given{CategorySet{Category::identity}, true, true, ""};
  auto sent = service.add(welfare, case_draft(Purpose::care), given);  // the consent covers integrity only
  ASSERT_TRUE(sent && sent->contribution);
  EXPECT_FALSE(sent->decisions[0].permit);
  EXPECT_FALSE(sent->decisions[0].explanation.reasons.empty());
  EXPECT_EQ(sent->contribution->shares[0].status, ShareStatus::denied);
  EXPECT_EQ(service.view(police, sent->contribution->id).error().code, "forbidden");
  EXPECT_TRUE(service.for_case(police, kCase)->empty());
}

TEST_F(ContributionServiceTest, AWithdrawnConsentHidesTheContentAtTheNextView) {
  auto sent = service.add(welfare, case_draft(), {CategorySet{Category::identity}, true, true, ""});
  ASSERT_TRUE(sent && sent->contribution);
  world.consent_withdrawn = true;
  auto v = service.view(police, sent->contribution->id);
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->readable);
  EXPECT_TRUE(v->contribution.parts.empty());
  ASSERT_TRUE(v->refusal);
  EXPECT_FALSE(v->refusal->permit);
  EXPECT_EQ(audit.entries().back().outcome, core::audit::Outcome::denied);
  EXPECT_TRUE(service.view(welfare, sent->contribution->id)->readable);  // the source keeps its own
}

TEST_F(ContributionServiceTest, InAMeetingItIsUseRestrictedAndCannotBeExportedOrForwarded) {
  open_meeting();
  auto sent = service.add(welfare, case_draft(), {});
  ASSERT_TRUE(sent && sent->contribution) << (sent ? "unmet" : sent.error().message);
  const auto& share = sent->contribution->shares.at(0);
  EXPECT_EQ(share.ground, "case_consultation");
  EXPECT_TRUE(share.use_restricted);
  const auto id = sent->contribution->id;
  EXPECT_TRUE(service.view(police, id)->readable);

  auto exported = service.export_contribution(police, id, "een export");
  ASSERT_TRUE(exported);
  EXPECT_FALSE(exported->permitted);
  ASSERT_TRUE(exported->refusal);
  EXPECT_EQ(exported->refusal->headline.key, "sharing.deny.use_restricted");
  EXPECT_EQ(audit.entries().back().action, core::audit::Action::export_data);
  EXPECT_EQ(audit.entries().back().outcome, core::audit::Outcome::denied);

  auto forwarded = service.forward(police, id, 4, {CategorySet{Category::identity}, true, true, "x"});
  ASSERT_TRUE(forwarded);
  EXPECT_FALSE(forwarded->decisions.at(0).permit);
  EXPECT_TRUE(forwarded->decisions.at(0).use_restricted);
  EXPECT_EQ(service.view(youth_work, id).error().code, "forbidden");

  EXPECT_TRUE(service.export_contribution(welfare, id, "een export")->permitted);  // the source's own words
}

TEST_F(ContributionServiceTest, CareOnlyOrganisationsDoNotSeeTheSafetyTrack) {
  open_meeting();
  ASSERT_TRUE(service.add(welfare, case_draft(), {})->contribution);
  EXPECT_EQ(service.for_case(police, kCase)->size(), 1u);
  EXPECT_TRUE(service.for_case(street_work, kCase)->empty());  // care track only
  auto d = case_draft();
  EXPECT_EQ(service.add(street_work, d, {}).error().code, "forbidden");  // not on the safety track
}

TEST_F(ContributionServiceTest, NecessityNeedsReasoningAndIsQueuedForTheDpo) {
  auto d = case_draft(Purpose::integrity);
  d.track = Track::care;
  d.ground = sharing::Ground::necessity;
  d.justification = {sharing::Danger::serious_imminent, false, "het leven van de jongere", true};
  auto first = service.add(welfare, d, {});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->unmet, std::vector<std::string>{"record_reasoning"});
  auto sent = service.add(welfare, d, {std::nullopt, false, false, "Dreigende zelfdoding, ouders onbereikbaar"});
  ASSERT_TRUE(sent && sent->contribution);
  EXPECT_EQ(sent->contribution->shares.at(0).status, ShareStatus::awaiting_dpo);
  EXPECT_EQ(sent->contribution->reasoning, "Dreigende zelfdoding, ouders onbereikbaar");
  ASSERT_EQ(reviews.queued().size(), 1u);
  EXPECT_EQ(reviews.queued()[0].recipient, 2);
}

TEST_F(ContributionServiceTest, OnlyPractitionersOfInvolvedOrganisationsAdd) {
  EXPECT_EQ(service.add(youth_work, situation_draft(), {}).error().code, "forbidden");
  EXPECT_EQ(service.add(caller(12, 1, access::Role::observer), situation_draft(), {}).error().code, "forbidden");
  EXPECT_EQ(service.for_situation(youth_work, situation_id).error().code, "forbidden");
}

}  // namespace
}  // namespace tafel::app::contributions
