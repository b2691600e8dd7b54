// The sharing engine against sharing-model.md §2: every ground, every failing
// condition in its order, forbid rules, onward sharing, obligations, consent choice.
// The world is written in the scenario format for readability (the loader has its
// own tests in scenario_parser_test.cc); requests are built in C++.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "core/sharing/policy.h"
#include "formats/scenario.h"
#include "formats/timestamp.h"

namespace tafel::sharing {
namespace {

constexpr const char* kWorld = R"yaml(
world:
  organisations:
    - {id: pz, sector: police, secrecy: none, reporting_duty: true, mission: safety}
    - {id: parket, sector: prosecution, secrecy: none, reporting_duty: true, mission: safety}
    - {id: prev, sector: municipality, secrecy: discretion, reporting_duty: true, mission: both}
    - {id: caw, sector: welfare, secrecy: professional, reporting_duty: false, mission: care}
    - {id: msoc, sector: drug_care, secrecy: professional, reporting_duty: false, mission: care}
    - {id: ocmw, sector: social_services, secrecy: professional, reporting_duty: true, mission: care}
    - {id: jh, sector: youth_work, secrecy: discretion, reporting_duty: false, mission: care}
  subjects:
    - {id: minor, minor: true}
    - {id: adult}
    - {id: vuln, vulnerable: true}
  relations:
    - {subject: adult, organisation: caw}
    - {subject: adult, organisation: msoc}
  tables:
    - {id: t-ok, basis: decree, basis_reference: "Decree (example)", finality: [integrity], members: [pz, caw, msoc, prev]}
    - {id: t-no-basis, basis: agreement, basis_reference: "protocol", finality: [integrity], members: [pz, caw]}
    - {id: t-no-reference, basis: law, basis_reference: "  ", finality: [integrity], members: [pz, caw]}
    - {id: t-mixed, basis: law, basis_reference: "Law (example)", finality: [integrity, public_order], members: [pz, caw]}
  agreements:
    - id: a1
      status: in_force
      valid_from: 2026-01-01T00:00:00Z
      valid_until: 2027-01-01T00:00:00Z
      parties: [pz, prev, jh, caw]
      rules:
        - {id: pz-prev, effect: permit, from: [pz], to: [prev], categories: [identity, judicial], purposes: [public_order],
           grounds: [agreement], legal_reference: "PFA 44/11/9", obligations: [inform_person, minimum_necessary, log_access]}
        - {id: jh-pz-danger, effect: permit, from: [jh], to: [sector:police], categories: [identity], purposes: [integrity],
           grounds: [agreement]}
        - {id: jh-pz-nuisance, effect: permit, from: [jh], to: [pz], categories: [identity], purposes: [public_order],
           grounds: [agreement]}
        - {id: no-nuisance-names, effect: forbid, from: [jh, caw], to: [pz], categories: [identity], purposes: [public_order]}
        - {id: not-opened, effect: permit, from: [prev], to: [pz], categories: [identity], purposes: [coordination], grounds: [consent]}
        - {id: caw-aggregate, effect: permit, from: ["*"], to: ["*"], categories: [aggregate], purposes: [coordination],
           grounds: [agreement]}
  consents:
    - {id: c-adult-msoc, subject: adult, recorded_by: msoc, recipients: [caw], categories: [health, care], purposes: [care],
       given: 2026-01-15T00:00:00Z, expires: 2027-01-15T00:00:00Z}
    - {id: c-adult-caw-police, subject: adult, recorded_by: caw, recipients: [sector:police], categories: [identity],
       purposes: [integrity, public_order], given: 2026-02-01T00:00:00Z}
    - {id: c-adult-caw-ocmw, subject: adult, recorded_by: caw, recipients: ["*"], categories: [identity, social],
       purposes: [care], given: 2026-01-01T00:00:00Z, expires: 2026-04-01T00:00:00Z, withdrawn: 2026-03-15T00:00:00Z}
)yaml";

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scenario = formats::parse_scenario(kWorld, "engine-world");
    ASSERT_TRUE(scenario) << scenario.error().message;
    world_ = scenario->world;
    auto policy = Policy::compile(scenario->world);
    ASSERT_TRUE(policy) << policy.error().message;
    policy_.emplace(std::move(*policy));
  }

  static Timestamp at(const char* iso) { return *formats::parse_timestamp(iso); }

  OrgIndex org(const std::string& id) const {
    for (OrgIndex i = 0; i < world_.organisations.size(); ++i) {
      if (world_.organisations[i].id == id) return i;
    }
    ADD_FAILURE() << "no organisation " << id;
    return 0;
  }
  SubjectIndex subject(const std::string& id) const {
    for (SubjectIndex i = 0; i < world_.subjects.size(); ++i) {
      if (world_.subjects[i].id == id) return i;
    }
    ADD_FAILURE() << "no subject " << id;
    return 0;
  }
  TableIndex table(const std::string& id) const {
    for (TableIndex i = 0; i < world_.tables.size(); ++i) {
      if (world_.tables[i].id == id) return i;
    }
    ADD_FAILURE() << "no table " << id;
    return 0;
  }

  Request request(const std::string& actor, const std::string& recipient, const char* who, CategorySet categories,
                  Purpose purpose, const char* when = "2026-03-01T10:00:00Z") const {
    Request r;
    r.actor = org(actor);
    r.recipient = org(recipient);
    if (who) r.subject = subject(who);
    r.categories = categories;
    r.purpose = purpose;
    r.at = at(when);
    return r;
  }

  Context meeting(const std::string& t, std::initializer_list<const char*> acknowledged) const {
    Context c{table(t), true, {}};
    for (const char* a : acknowledged) c.acknowledged.push_back(org(a));
    return c;
  }

  Decision decide(const Request& r) const { return policy_->decide(r); }
  std::vector<std::string> obligations(const Decision& d) const { return policy_->obligations(d); }

  static std::vector<Reason> reasons(const Decision& d) { return {d.reasons().begin(), d.reasons().end()}; }

  World world_;
  std::optional<Policy> policy_;
};

using R = Reason;
using C = Category;
using P = Purpose;

TEST_F(EngineTest, NotPersonalOnlyWithoutPersonAndOnlyAggregate) {
  auto d = decide(request("caw", "pz", nullptr, {C::aggregate}, P::public_order));
  EXPECT_TRUE(d.permit);
  EXPECT_EQ(d.ground, Ground::not_personal);
  EXPECT_TRUE(obligations(d).empty());

  // Not personal fails silently in the default order: only the later grounds speak.
  d = decide(request("caw", "pz", nullptr, {C::aggregate, C::identity}, P::public_order));
  EXPECT_FALSE(d.permit);
  EXPECT_FALSE(d.has_reason(R::not_applicable));

  auto claimed = request("caw", "pz", "adult", {C::aggregate}, P::public_order);
  claimed.ground = Ground::not_personal;
  d = decide(claimed);
  EXPECT_FALSE(d.permit);
  EXPECT_EQ(reasons(d), std::vector<Reason>{R::not_applicable});
}

TEST_F(EngineTest, CaseConsultationConditionsInOrder) {
  auto r = request("caw", "pz", "adult", {C::identity, C::health}, P::integrity);
  r.ground = Ground::case_consultation;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_in_consultation});

  r.context = meeting("t-ok", {"caw", "pz"});
  r.context->in_meeting = false;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_in_consultation});

  // Several conditions fail: the first in the model's order is the reason.
  r.context = meeting("t-no-basis", {});
  r.purpose = P::public_order;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::basis_insufficient});
  r.context = meeting("t-no-reference", {});
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::basis_insufficient});

  r.context = meeting("t-ok", {});
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::finality_mismatch});
  // A table that also pursues a finality art. 458ter does not allow never qualifies.
  r.purpose = P::integrity;
  r.context = meeting("t-mixed", {"caw", "pz"});
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::finality_mismatch});

  r.context = meeting("t-ok", {});
  r.recipient = org("jh");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_a_member});

  r.recipient = org("pz");
  r.context = meeting("t-ok", {"caw"});
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::secrecy_not_acknowledged});

  r.context = meeting("t-ok", {"caw", "pz"});
  const auto d = decide(r);
  ASSERT_TRUE(d.permit);
  EXPECT_EQ(d.ground, Ground::case_consultation);
  EXPECT_EQ(d.table, static_cast<std::int32_t>(table("t-ok")));
  EXPECT_EQ(obligations(d), (std::vector<std::string>{"secrecy_bound", "use_restricted"}));
}

TEST_F(EngineTest, SharedSecrecyConditionsInOrder) {
  auto r = request("msoc", "caw", "adult", {C::health, C::care}, P::care);
  auto d = decide(r);
  ASSERT_TRUE(d.permit);
  EXPECT_EQ(d.ground, Ground::shared_secrecy);
  EXPECT_EQ(world_.consents[static_cast<std::size_t>(d.consent)].id, "c-adult-msoc");
  EXPECT_EQ(obligations(d), std::vector<std::string>{"minimum_necessary"});

  r.ground = Ground::shared_secrecy;
  r.recipient = org("ocmw");  // professional secrecy, but a reporting duty
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::recipient_not_bound});
  r.recipient = org("jh");  // discretion only
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::recipient_not_bound});

  r.recipient = org("caw");
  r.purpose = P::integrity;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_same_mission});
  r.purpose = P::care;
  r.subject = subject("minor");  // nobody cares for this person
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_same_mission});

  r.subject = subject("adult");
  r.categories = {C::identity};  // outside the consent
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_scope});
}

TEST_F(EngineTest, ConsentConditionsAndObligations) {
  // Confided (caw has professional secrecy) and the recipient must report crimes.
  auto r = request("caw", "pz", "adult", {C::identity}, P::integrity);
  auto d = decide(r);
  ASSERT_TRUE(d.permit);
  EXPECT_EQ(d.ground, Ground::consent);
  EXPECT_EQ(obligations(d),
            (std::vector<std::string>{"minimum_necessary", "professional_judgement", "recipient_reporting_duty"}));

  r.ground = Ground::consent;
  // Before c-adult-caw-police was given, the most recently given matching consent is
  // the one for "*", whose scope lacks the purpose: its reason is reported.
  r.at = at("2026-01-20T00:00:00Z");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_scope});
  r.at = at("2025-12-20T00:00:00Z");  // before any consent was given
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_missing});
  r.recipient = org("prev");  // only the consent for "*" names it
  r.at = at("2026-03-20T00:00:00Z");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_withdrawn});
  r.at = at("2026-03-14T00:00:00Z");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_scope});  // purpose integrity not covered
  r.purpose = P::care;
  r.categories = {C::identity, C::social};
  d = decide(r);
  EXPECT_TRUE(d.permit);
  // prev has a reporting duty: the warning is attached to confided information.
  EXPECT_EQ(obligations(d),
            (std::vector<std::string>{"minimum_necessary", "professional_judgement", "recipient_reporting_duty"}));

  r.actor = org("pz");  // a consent is given to the organisation that records it
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_missing});
  r.subject.reset();
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_missing});
}

TEST_F(EngineTest, WithdrawalTakesEffectAtItsInstant) {
  auto r = request("caw", "jh", "adult", {C::identity}, P::care, "2026-03-14T23:59:59Z");
  r.ground = Ground::consent;
  EXPECT_TRUE(decide(r).permit);
  r.at = at("2026-03-15T00:00:00Z");  // withdrawn at this instant
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::consent_withdrawn});
}

TEST_F(EngineTest, AgreementConditionsInOrderAndValidityEdges) {
  auto r = request("pz", "prev", "adult", {C::identity, C::judicial}, P::public_order);
  auto d = decide(r);
  ASSERT_TRUE(d.permit);
  EXPECT_EQ(d.ground, Ground::agreement);
  EXPECT_EQ(world_.agreements[static_cast<std::size_t>(d.agreement)].rules[static_cast<std::size_t>(d.rule)].id,
            "pz-prev");
  // The model's own obligations first, then the rule's own in its order, once each.
  EXPECT_EQ(obligations(d), (std::vector<std::string>{"minimum_necessary", "inform_person", "log_access"}));

  r.at = at("2026-01-01T00:00:00Z");
  EXPECT_TRUE(decide(r).permit);
  r.at = at("2026-12-31T23:59:59.999999Z");
  EXPECT_TRUE(decide(r).permit);
  r.at = at("2027-01-01T00:00:00Z");
  r.ground = Ground::agreement;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::agreement_not_in_force});

  r.at = at("2026-03-01T00:00:00Z");
  r.categories = {C::identity, C::health};  // every category must be in the rule
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::no_agreement_rule});
  r.categories = {C::identity};
  r.purpose = P::coordination;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::no_agreement_rule});
  // Rules are directional.
  r = request("prev", "pz", "adult", {C::identity}, P::public_order);
  r.ground = Ground::agreement;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::no_agreement_rule});
  // A permit rule that does not list the ground `agreement` opens nothing.
  r.purpose = P::coordination;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::no_agreement_rule});
  // Not parties together: no agreement rule at all.
  r = request("msoc", "pz", nullptr, {C::aggregate, C::involvement}, P::coordination);
  r.ground = Ground::agreement;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::secrecy_requires_ground});
  r.actor = org("parket");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::no_agreement_rule});
  // `*` covers the parties only, and sector:NAME every party of that sector.
  r = request("prev", "jh", "adult", {C::aggregate}, P::coordination);
  EXPECT_EQ(decide(r).ground, Ground::agreement);
  r = request("jh", "pz", "minor", {C::identity}, P::integrity);
  EXPECT_EQ(decide(r).ground, Ground::agreement);
}

TEST_F(EngineTest, ConfidedInformationNeverLeavesOnAnAgreementRuleAlone) {
  auto r = request("caw", "prev", "adult", {C::aggregate}, P::coordination);
  EXPECT_EQ(decide(r).ground, Ground::agreement);  // aggregate only is not confided
  r.categories = {C::identity};
  r.ground = Ground::agreement;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::secrecy_requires_ground});
}

TEST_F(EngineTest, DenyListsTheFirstFailingConditionOfEveryGroundTried) {
  const auto d = decide(request("caw", "pz", "minor", {C::identity}, P::coordination));
  EXPECT_FALSE(d.permit);
  EXPECT_EQ(reasons(d), (std::vector<Reason>{R::not_in_consultation, R::recipient_not_bound, R::consent_missing,
                                             R::secrecy_requires_ground}));
  ASSERT_EQ(d.failed().size(), 4u);
  EXPECT_EQ(d.failed()[0].ground, Ground::case_consultation);
  EXPECT_EQ(d.failed()[3].ground, Ground::agreement);
}

TEST_F(EngineTest, ForbidBlocksSharedSecrecyConsentAndAgreementOnly) {
  // jh -> pz identity for public order: a permit rule and a forbid rule; forbid wins.
  auto r = request("jh", "pz", "minor", {C::identity}, P::public_order);
  auto d = decide(r);
  EXPECT_FALSE(d.permit);
  EXPECT_EQ(reasons(d), (std::vector<Reason>{R::not_in_consultation, R::forbidden_by_agreement}));
  // caw has the person's consent for police and public order, but the forbid rule closes it.
  r = request("caw", "pz", "adult", {C::identity}, P::public_order);
  r.ground = Ground::consent;
  d = decide(r);
  EXPECT_EQ(reasons(d), std::vector<Reason>{R::forbidden_by_agreement});
  EXPECT_EQ(world_.agreements[static_cast<std::size_t>(d.failed()[0].agreement)]
                .rules[static_cast<std::size_t>(d.failed()[0].rule)]
                .id,
            "no-nuisance-names");
  // It cannot block a case consultation, art. 458bis, necessity or not_personal.
  r.ground.reset();
  r.context = meeting("t-ok", {"caw", "pz"});
  r.purpose = P::integrity;  // the table's finality; the forbid rule does not cover it anyway
  EXPECT_EQ(decide(r).ground, Ground::case_consultation);
  r = request("caw", "pz", "adult", {C::identity}, P::public_order);
  r.ground = Ground::necessity;
  r.justification = {Danger::serious_imminent, false, "the life of a child", true};
  EXPECT_EQ(decide(r).ground, Ground::necessity);
  r = request("caw", "pz", nullptr, {C::aggregate}, P::public_order);
  EXPECT_EQ(decide(r).ground, Ground::not_personal);
  // Outside its window the forbid rule is silent.
  r = request("jh", "pz", "minor", {C::identity}, P::public_order, "2027-02-01T00:00:00Z");
  r.ground = Ground::agreement;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::agreement_not_in_force});
}

TEST_F(EngineTest, OnwardSharingIsCheckedFirstAndNothingLiftsIt) {
  auto r = request("pz", "jh", "adult", {C::identity}, P::integrity);
  r.origin = Origin{Ground::case_consultation, table("t-ok")};
  auto d = decide(r);
  EXPECT_TRUE(d.use_restricted);
  EXPECT_EQ(reasons(d), std::vector<Reason>{R::use_restricted});
  r.ground = Ground::necessity;
  r.justification = {Danger::serious_imminent, true, "life", true};
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::use_restricted});

  r = request("pz", "prev", "adult", {C::identity}, P::public_order);  // member, but not the finality
  r.origin = Origin{Ground::case_consultation, table("t-ok")};
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::use_restricted});
  r.purpose = P::integrity;  // member and finality: the grounds are tried as usual
  r.context = meeting("t-ok", {"pz", "prev"});
  EXPECT_EQ(decide(r).ground, Ground::case_consultation);
}

TEST_F(EngineTest, Art458bisConditionsInOrder) {
  auto r = request("caw", "parket", "minor", {C::identity, C::health}, P::integrity);
  r.ground = Ground::art_458bis;
  r.justification.danger = Danger::serious_imminent;
  r.justification.cannot_protect = true;
  auto d = decide(r);
  ASSERT_TRUE(d.permit);
  EXPECT_EQ(obligations(d), std::vector<std::string>{"record_reasoning"});
  r.subject = subject("vuln");
  r.justification.danger = Danger::other_victims;
  EXPECT_TRUE(decide(r).permit);

  r.actor = org("jh");  // discretion, not professional secrecy
  r.recipient = org("pz");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_applicable});
  r.actor = org("caw");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::not_prosecutor});
  r.recipient = org("parket");
  r.subject = subject("adult");
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::victim_not_vulnerable});
  r.subject = subject("minor");
  r.justification.cannot_protect = false;
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::danger_not_established});
  r.justification = {};
  EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::danger_not_established});
}

TEST_F(EngineTest, NecessityNeedsTheWholeJustification) {
  auto r = request("msoc", "pz", "adult", {C::health}, P::integrity);
  r.ground = Ground::necessity;
  r.justification = {Danger::serious_imminent, false, "the life of the person", true};
  auto d = decide(r);
  ASSERT_TRUE(d.permit);
  EXPECT_EQ(obligations(d), (std::vector<std::string>{"record_reasoning", "dpo_review"}));
  for (Justification j : {Justification{Danger::serious_imminent, false, "", true},
                          Justification{Danger::serious_imminent, false, " \t", true},
                          Justification{Danger::other_victims, false, "life", true},
                          Justification{std::nullopt, false, "life", true},
                          Justification{Danger::serious_imminent, false, "life", false}}) {
    r.justification = j;
    EXPECT_EQ(reasons(decide(r)), std::vector<Reason>{R::justification_incomplete});
  }
  // Never tried unless claimed.
  r.ground.reset();
  r.justification = {Danger::serious_imminent, true, "life", true};
  EXPECT_FALSE(decide(r).permit);
}

TEST_F(EngineTest, CompileRejectsIndicesOutsideTheWorld) {
  World w = world_;
  w.relations.push_back({99, 0});
  EXPECT_FALSE(Policy::compile(w));
  w = world_;
  w.agreements[0].rules[0].from.push_back({PartyRef::Kind::organisation, 1000, Sector::other, 0});
  EXPECT_FALSE(Policy::compile(w));
  auto r = request("caw", "pz", "adult", {C::identity}, P::care);
  r.recipient = 500;
  EXPECT_FALSE(policy_->validate(r));
}

}  // namespace
}  // namespace tafel::sharing
