// Organisations, contact points, coverage warnings and partner profiles (pure core).

#include <gtest/gtest.h>

#include "core/directory/area.h"
#include "core/directory/contact_point.h"
#include "core/directory/coverage.h"
#include "core/directory/organisation.h"
#include "core/directory/partner_profile.h"
#include "core/directory/topic.h"
#include "i18n/catalog.h"

namespace tafel::directory {
namespace {

using sharing::Mission;
using sharing::Secrecy;
using sharing::Sector;
using Kind = ProfileStatement::Kind;

Organisation caw() {
  Organisation o;
  o.id = 7;
  o.name = "CAW Rivierland";
  o.sector = Sector::welfare;
  o.secrecy = Secrecy::professional;
  o.reporting_duty = false;
  o.mission = Mission::care;
  o.finality = "Hulp bij welzijnsvragen voor iedereen.";
  o.languages = {"nl", "fr"};
  o.website = "https://caw.example";
  return o;
}

Organisation police() {
  Organisation o = caw();
  o.name = "Politiezone Rivierstad";
  o.sector = Sector::police;
  o.secrecy = Secrecy::none;
  o.reporting_duty = true;
  o.mission = Mission::safety;
  return o;
}

std::vector<std::string_view> keys(const std::vector<ProfileStatement>& p, Kind kind) {
  std::vector<std::string_view> out;
  for (const auto& s : p) {
    if (s.kind == kind) out.push_back(s.key);
  }
  return out;
}

TEST(Organisation, ValidatesItsFields) {
  EXPECT_TRUE(validate(caw()));
  auto o = caw();
  o.name = "";
  EXPECT_FALSE(validate(o));
  o = caw();
  o.languages = {"nl", "de"};
  EXPECT_FALSE(validate(o));
  o.languages = {"nl", "nl"};
  EXPECT_FALSE(validate(o));
  o = caw();
  o.website = "javascript:alert(1)";
  EXPECT_FALSE(validate(o));
  o.website = "https://x.example/\"onmouseover";
  EXPECT_FALSE(validate(o));
  o = caw();
  o.finality = "";
  EXPECT_FALSE(validate(o));
  o = caw();
  o.phone = "015 12 34 56; DROP";
  EXPECT_FALSE(validate(o));
  EXPECT_EQ(as_sharing_party(caw()).secrecy, Secrecy::professional);
  EXPECT_EQ(as_sharing_party(caw()).id, "7");
}

TEST(Area, DistrictsLieInAMunicipality) {
  EXPECT_TRUE(validate(Area{1, AreaKind::municipality, "Mechelen", std::nullopt}));
  EXPECT_FALSE(validate(Area{2, AreaKind::district, "Walem", std::nullopt}));
  EXPECT_TRUE(validate(Area{2, AreaKind::district, "Walem", AreaId{1}}));
  EXPECT_FALSE(validate(Area{3, AreaKind::municipality, "", std::nullopt}));
}

TEST(Topic, NeedsASlugAndThreeLabels) {
  EXPECT_TRUE(validate(Topic{0, "school_dropout", "Schooluitval", "Décrochage scolaire", "School drop-out"}));
  EXPECT_FALSE(validate(Topic{0, "School Dropout", "a", "b", "c"}));
  EXPECT_FALSE(validate(Topic{0, "x", "a", "", "c"}));
  Topic t{0, "x", "nl", "fr", "en"};
  EXPECT_EQ(t.label("fr"), "fr");
  EXPECT_EQ(t.label("de"), "nl");
}

TEST(ContactPoint, NeedsAPrimaryDistinctDeputiesAndLanguages) {
  ContactPoint cp{1, 7, 1, 1, 100, {101, 102}, "ma-vr 9-17", "015 00 00 00", {"nl"}};
  EXPECT_TRUE(validate(cp));
  auto bad = cp;
  bad.deputies = {100};
  EXPECT_FALSE(validate(bad));
  bad.deputies = {101, 101};
  EXPECT_FALSE(validate(bad));
  bad = cp;
  bad.primary = 0;
  EXPECT_FALSE(validate(bad));
  bad = cp;
  bad.languages = {};
  EXPECT_FALSE(validate(bad));
  bad = cp;
  bad.emergency_line = "call me";
  EXPECT_FALSE(validate(bad));
}

TEST(Coverage, WarnsAboutMissingDeputiesAndWhiteRavens) {
  std::vector<ContactPoint> cps = {
      {3, 7, 1, 1, 100, {}, "", "", {"nl"}},     // no deputy
      {1, 7, 2, 1, 100, {101}, "", "", {"nl"}},  // fine
      {2, 7, 3, 1, 100, {101}, "", "", {"nl"}},
      {4, 7, 4, 1, 102, {100}, "", "", {"nl"}},  // person 100 now holds 4
  };
  auto w = analyse_coverage(cps, 3);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].kind, CoverageWarning::Kind::no_deputy);
  EXPECT_EQ(w[0].contact_point_id, 3);
  EXPECT_EQ(w[1].kind, CoverageWarning::Kind::overloaded_person);
  EXPECT_EQ(w[1].person, 100);
  EXPECT_EQ(w[1].count, 4);
  EXPECT_TRUE(analyse_coverage(std::span<const ContactPoint>(cps).subspan(1, 2), 3).empty());
}

TEST(PartnerProfile, ProfessionalSecrecyWithoutReportingDuty) {
  auto p = sharing_profile(caw());
  EXPECT_EQ(keys(p, Kind::purpose), std::vector<std::string_view>{"mission_care"});
  auto can = keys(p, Kind::can);
  EXPECT_NE(std::find(can.begin(), can.end(), "professional_shared_secrecy"), can.end());
  EXPECT_NE(std::find(can.begin(), can.end(), "professional_case_consultation"), can.end());
  EXPECT_EQ(std::find(can.begin(), can.end(), "agreement"), can.end());
  EXPECT_EQ(keys(p, Kind::cannot), std::vector<std::string_view>{"professional_no_agreement"});
  EXPECT_EQ(keys(p, Kind::must), std::vector<std::string_view>{"no_reporting_duty"});
}

TEST(PartnerProfile, PoliceMustReportAndCannotJoinSharedSecrecy) {
  auto p = sharing_profile(police());
  EXPECT_EQ(keys(p, Kind::purpose), std::vector<std::string_view>{"mission_safety"});
  auto can = keys(p, Kind::can);
  EXPECT_NE(std::find(can.begin(), can.end(), "agreement"), can.end());
  EXPECT_EQ(keys(p, Kind::cannot), std::vector<std::string_view>{"reporting_no_shared_secrecy"});
  EXPECT_EQ(keys(p, Kind::must), std::vector<std::string_view>{"reporting_duty"});
}

TEST(PartnerProfile, EveryStatementReadsInEveryLanguage) {
  const auto& catalog = i18n::Catalog::builtin();
  for (auto secrecy : {Secrecy::professional, Secrecy::discretion, Secrecy::none}) {
    for (bool duty : {false, true}) {
      for (auto mission : {Mission::care, Mission::safety, Mission::both}) {
        auto o = caw();
        o.secrecy = secrecy;
        o.reporting_duty = duty;
        o.mission = mission;
        for (const auto& s : sharing_profile(o)) {
          std::string key = "directory.profile." + std::string(s.key);
          for (auto lang : i18n::kLanguages) {
            ASSERT_TRUE(catalog.has(lang, key)) << lang << ":" << key;
            if (s.key.find("name") == std::string_view::npos) {
              auto text = catalog.translate(lang, key, {{"name", std::string("CAW Rivierland")}});
              EXPECT_EQ(text.find('{'), std::string::npos) << lang << ":" << key;
            }
          }
        }
      }
    }
  }
  for (std::size_t i = 0; i < sharing::term_count<Sector>(); ++i) {
    auto key = "directory.sector." + std::string(sharing::name_of(static_cast<Sector>(i)));
    for (auto lang : i18n::kLanguages) EXPECT_TRUE(catalog.has(lang, key)) << key;
  }
  EXPECT_EQ(catalog.translate("fr", "directory.profile.reporting_duty", {{"name", std::string("la police")}}).rfind(
                "la police doit", 0),
            0u);
}

}  // namespace
}  // namespace tafel::directory
