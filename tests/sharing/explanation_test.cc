// Explanations in nl, fr and en name what decided and, on a deny, what would make
// the disclosure possible; every sharing message exists in every language.
#include <gtest/gtest.h>

#include <string>

#include "core/sharing/explanation.h"
#include "core/sharing/policy.h"
#include "formats/scenario.h"
#include "i18n/catalog.h"
#include "i18n/sharing_explanation.h"

namespace tafel::sharing {
namespace {

constexpr const char* kFile = R"yaml(
at: 2026-03-01T10:00:00Z
world:
  organisations:
    - {id: pz, sector: police, secrecy: none, reporting_duty: true, mission: safety}
    - {id: prev, sector: municipality, secrecy: discretion, reporting_duty: true, mission: both}
    - {id: caw, sector: welfare, secrecy: professional, reporting_duty: false, mission: care}
    - {id: jh, sector: youth_work, secrecy: discretion, reporting_duty: false, mission: care}
  subjects:
    - {id: p1, minor: true}
  tables:
    - {id: t-family, basis: decree, basis_reference: "Decree", finality: [integrity], members: [pz, caw]}
  agreements:
    - id: a-park
      status: in_force
      valid_from: 2026-01-01T00:00:00Z
      parties: [pz, prev, jh]
      rules:
        - {id: police-to-prevention, effect: permit, from: [pz], to: [prev], categories: [identity], purposes: [public_order],
           grounds: [agreement], obligations: [inform_person]}
        - {id: no-names, effect: forbid, from: [jh], to: [pz], categories: [identity], purposes: [public_order]}
  consents:
    - {id: c-youth, subject: p1, recorded_by: caw, recipients: [jh], categories: [identity], purposes: [care],
       given: 2026-01-01T00:00:00Z, withdrawn: 2026-02-01T00:00:00Z}
requests:
  - {id: by-rule, actor: pz, recipient: prev, subject: p1, categories: [identity], purpose: public_order, expect: {decision: permit}}
  - {id: in-table, actor: caw, recipient: pz, subject: p1, categories: [identity], purpose: integrity,
     context: {table: t-family, in_meeting: true, acknowledged: [caw, pz]}, expect: {decision: permit}}
  - {id: withdrawn, actor: caw, recipient: jh, subject: p1, categories: [identity], purpose: care, expect: {decision: deny}}
  - {id: not-yet, actor: caw, recipient: jh, subject: p1, categories: [identity], purpose: care, at: 2025-12-01T00:00:00Z,
     expect: {decision: deny}}
  - {id: no-rule, actor: prev, recipient: pz, subject: p1, categories: [identity], purpose: public_order, expect: {decision: deny}}
  - {id: forbidden, actor: jh, recipient: pz, subject: p1, categories: [identity], purpose: public_order, expect: {decision: deny}}
  - {id: confided, actor: caw, recipient: pz, subject: p1, categories: [identity], purpose: integrity, expect: {decision: deny}}
)yaml";

class ExplanationTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    auto s = formats::parse_scenario(kFile, "explain.yaml");
    ASSERT_TRUE(s) << s.error().message;
    scenario_ = std::move(*s);
    auto p = Policy::compile(scenario_.world);
    ASSERT_TRUE(p) << p.error().message;
    policy_.emplace(std::move(*p));
  }
  std::string text(const std::string& id) const {
    for (const auto& r : scenario_.requests) {
      if (r.id == id) {
        return i18n::render_explanation(explain(*policy_, r.request, policy_->decide(r.request)), GetParam());
      }
    }
    ADD_FAILURE() << "no request " << id;
    return {};
  }
  formats::Scenario scenario_;
  std::optional<Policy> policy_;
};

TEST_P(ExplanationTest, EveryMessageIsTranslated) {
  for (const char* id : {"by-rule", "in-table", "withdrawn", "not-yet", "no-rule", "forbidden", "confided"}) {
    const std::string t = text(id);
    EXPECT_EQ(t.find("sharing."), std::string::npos) << id << ": an untranslated key in\n" << t;
    EXPECT_EQ(t.find('{'), std::string::npos) << id << ": an unfilled argument in\n" << t;
  }
}

TEST_P(ExplanationTest, NamesTheRuleTheConsentAndTheTable) {
  const std::string rule = text("by-rule");
  EXPECT_NE(rule.find("police-to-prevention"), std::string::npos) << rule;
  EXPECT_NE(rule.find("a-park"), std::string::npos) << rule;
  EXPECT_NE(rule.find("inform_person"), std::string::npos) << rule;  // the rule's own obligation
  const std::string table = text("in-table");
  EXPECT_NE(table.find("t-family"), std::string::npos) << table;
  EXPECT_NE(table.find("458ter"), std::string::npos) << table;
  const std::string consent = text("withdrawn");
  EXPECT_NE(consent.find("c-youth"), std::string::npos) << consent;
  EXPECT_NE(consent.find("2026-02-01"), std::string::npos) << consent;  // when it was withdrawn
  const std::string not_yet = text("not-yet");
  EXPECT_NE(not_yet.find("c-youth"), std::string::npos) << not_yet;  // given only later
  const std::string forbidden = text("forbidden");
  EXPECT_NE(forbidden.find("no-names"), std::string::npos) << forbidden;
}

TEST_P(ExplanationTest, TranslatesTheVocabulary) {
  const std::string lang = GetParam();
  const std::string t = text("no-rule");
  const char* identity = lang == "nl" ? "identiteitsgegevens" : lang == "fr" ? "données d’identité" : "identity data";
  EXPECT_NE(t.find(identity), std::string::npos) << t;
  EXPECT_EQ(t.find("public_order"), std::string::npos) << t;
}

INSTANTIATE_TEST_SUITE_P(Languages, ExplanationTest, ::testing::Values("nl", "fr", "en"));

TEST(ExplanationRemedyTest, ADenySaysWhatWouldMakeItPossible) {
  auto s = formats::parse_scenario(kFile, "explain.yaml");
  ASSERT_TRUE(s);
  auto policy = Policy::compile(s->world);
  ASSERT_TRUE(policy);
  auto keys_of = [&](const std::string& id) {
    std::vector<std::string> keys;
    for (const auto& r : s->requests) {
      if (r.id != id) continue;
      for (const auto& m : explain(*policy, r.request, policy->decide(r.request)).remedies) keys.push_back(m.key);
    }
    return keys;
  };
  const auto confided = keys_of("confided");
  EXPECT_NE(std::find(confided.begin(), confided.end(), "sharing.remedy.consent_missing"), confided.end());
  EXPECT_NE(std::find(confided.begin(), confided.end(), "sharing.remedy.not_in_consultation"), confided.end());
  EXPECT_NE(std::find(confided.begin(), confided.end(), "sharing.remedy.secrecy_requires_ground"), confided.end());
  const auto no_rule = keys_of("no-rule");
  EXPECT_NE(std::find(no_rule.begin(), no_rule.end(), "sharing.remedy.no_agreement_rule"), no_rule.end());
  // The remedy for a missing rule names the flow in plain words.
  for (const auto& r : s->requests) {
    if (r.id != "no-rule") continue;
    const auto text = i18n::render_explanation(explain(*policy, r.request, policy->decide(r.request)), "en");
    EXPECT_NE(text.find("An agreement rule from prev to pz for identity data"), std::string::npos) << text;
  }
}

TEST(ExplanationCatalogTest, EveryKeyTheEngineCanProduceExists) {
  const auto& catalog = i18n::Catalog::builtin();
  std::vector<std::string> keys;
  for (auto g : Terms<Ground>::names) keys.push_back("sharing.permit." + std::string(g));
  for (auto g : Terms<Ground>::names) keys.push_back("sharing.ground." + std::string(g));
  for (auto c : Terms<Category>::names) keys.push_back("sharing.category." + std::string(c));
  for (auto p : Terms<Purpose>::names) keys.push_back("sharing.purpose." + std::string(p));
  for (auto o : Terms<Obligation>::names) keys.push_back("sharing.obligation." + std::string(o));
  for (auto r : Terms<Reason>::names) {
    if (std::string(r) == "not_applicable") continue;  // keyed per ground
    keys.push_back("sharing.reason." + std::string(r));
  }
  keys.push_back("sharing.reason.not_applicable.not_personal");
  keys.push_back("sharing.reason.not_applicable.art_458bis");
  keys.push_back("sharing.reason.consent_missing.not_yet_given");
  for (const auto& k : keys) {
    for (const char* lang : {"nl", "fr", "en"}) EXPECT_TRUE(catalog.has(lang, k)) << lang << ":" << k;
  }
}

}  // namespace
}  // namespace tafel::sharing
