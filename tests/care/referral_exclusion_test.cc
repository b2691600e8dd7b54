// The exclusion register: the closed list of reasons with their labels in nl, fr and
// en, and the report of refusals and early ends by reason per service and per target
// group per month, with its CSV.
#include <gtest/gtest.h>

#include <vector>

#include "core/care/exclusion_report.h"
#include "i18n/catalog.h"

namespace tafel::care {
namespace {

constexpr Timestamp kDay = kMicrosPerDay;
constexpr Timestamp kJan15 = 1'768'435'200'000'000;  // 2026-01-15T00:00:00Z
constexpr Timestamp kFeb15 = kJan15 + 31 * kDay;

TEST(ExclusionReasonTest, TheIssuesListWithLabelsInEveryLanguage) {
  std::vector<std::string> names;
  for (ExclusionReason r : kExclusionReasons) {
    names.emplace_back(name_of(r));
    EXPECT_EQ(parse_exclusion_reason(name_of(r)), r);
    for (std::string_view lang : i18n::kLanguages) {
      EXPECT_TRUE(i18n::Catalog::builtin().has(lang, label_key(r))) << lang << " " << label_key(r);
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"not_motivated", "no_capacity", "outside_target_group", "behaviour",
                                             "other"}));
  EXPECT_EQ(i18n::Catalog::builtin().translate("nl", label_key(ExclusionReason::not_motivated)), "Niet gemotiveerd");
  EXPECT_EQ(i18n::Catalog::builtin().translate("fr", label_key(ExclusionReason::outside_target_group)),
            "Hors du groupe cible");
  EXPECT_FALSE(parse_exclusion_reason("lazy"));
}

TEST(ExclusionReasonTest, StateLabelsInEveryLanguage) {
  for (ReferralState s : kReferralStates) {
    for (std::string_view lang : i18n::kLanguages) {
      EXPECT_TRUE(i18n::Catalog::builtin().has(lang, "care.referral.state." + std::string(name_of(s))));
    }
  }
}

ExclusionFact fact(std::int64_t service, std::string group, ExclusionKind kind, ExclusionReason reason, Timestamp at) {
  return ExclusionFact{service, std::move(group), kind, reason, at};
}

std::vector<ExclusionFact> a_quarter() {
  using R = ExclusionReason;
  using K = ExclusionKind;
  return {
      fact(12, "youth", K::refusal, R::not_motivated, kJan15),
      fact(12, "youth", K::refusal, R::not_motivated, kJan15 + kDay),
      fact(12, "adults", K::refusal, R::no_capacity, kJan15 + 2 * kDay),
      fact(12, "youth", K::early_end, R::behaviour, kFeb15),
      fact(3, "youth", K::refusal, R::outside_target_group, kFeb15),
      fact(3, "", K::refusal, R::other, kFeb15 + kDay),
  };
}

TEST(ExclusionReportTest, RefusalsByReasonPerServicePerMonth) {
  const auto facts = a_quarter();
  ExclusionReportOptions options;
  options.early_ends = false;
  const ExclusionTable table = exclusion_report(facts, options);
  ASSERT_EQ(table.rows.size(), 2u);
  // Services sort numerically: 3 before 12.
  EXPECT_EQ(table.rows[0].group, "3");
  EXPECT_EQ(table.rows[0].month, "2026-02");
  EXPECT_EQ(table.rows[0].counts, (std::array<int, 5>{0, 0, 1, 0, 1}));
  EXPECT_EQ(table.rows[1].group, "12");
  EXPECT_EQ(table.rows[1].month, "2026-01");
  EXPECT_EQ(table.rows[1].counts, (std::array<int, 5>{2, 1, 0, 0, 0}));
  EXPECT_EQ(table.rows[1].total, 3);
  EXPECT_EQ(table.totals, (std::array<int, 5>{2, 1, 1, 0, 1}));
  EXPECT_EQ(table.total, 5);
}

TEST(ExclusionReportTest, PerTargetGroupWithEarlyEndsAndAMonthRange) {
  const auto facts = a_quarter();
  ExclusionReportOptions options;
  options.grouping = ExclusionGrouping::target_group;
  const ExclusionTable all = exclusion_report(facts, options);
  std::vector<std::string> keys;
  for (const auto& row : all.rows) keys.push_back(row.group + "/" + row.month);
  EXPECT_EQ(keys, (std::vector<std::string>{"/2026-02", "adults/2026-01", "youth/2026-01", "youth/2026-02"}));
  EXPECT_EQ(all.rows[3].counts, (std::array<int, 5>{0, 0, 1, 1, 0}));  // the early end for behaviour counts too
  EXPECT_EQ(all.total, 6);

  options.from_month = "2026-02";
  options.refusals = false;
  const ExclusionTable february_ends = exclusion_report(facts, options);
  ASSERT_EQ(february_ends.rows.size(), 1u);
  EXPECT_EQ(february_ends.rows[0].group, "youth");
  EXPECT_EQ(february_ends.total, 1);
}

TEST(ExclusionReportTest, FactsComeFromTheRefuseAndEndEarlySteps) {
  NewReferral request;
  request.kind = ReferralKind::advice;
  request.referrer_organisation = 1;
  request.service_id = 12;
  request.service_organisation = 2;
  request.target_group = "youth";
  Referral refused = *open_referral(request, kJan15);
  const ReferralActor service{2, 9};
  ASSERT_TRUE(apply_transition(refused, ReferralTransition::receive, service, kJan15));
  ASSERT_TRUE(apply_transition(refused, ReferralTransition::refuse, service, kJan15 + kDay,
                               Exclusion{ExclusionReason::not_motivated, ""}));
  Referral answered = *open_referral(request, kJan15);
  ASSERT_TRUE(apply_transition(answered, ReferralTransition::receive, service, kJan15));
  ASSERT_TRUE(apply_transition(answered, ReferralTransition::end, service, kJan15));
  const std::vector<Referral> referrals{refused, answered};
  EXPECT_EQ(exclusion_facts(referrals),
            (std::vector<ExclusionFact>{
                {12, "youth", ExclusionKind::refusal, ExclusionReason::not_motivated, kJan15 + kDay}}));
}

TEST(ExclusionReportTest, CsvWithTranslatedHeadings) {
  const auto facts = a_quarter();
  ExclusionReportOptions options;
  options.grouping = ExclusionGrouping::target_group;
  const auto& catalog = i18n::Catalog::builtin();
  const std::string csv = to_csv(
      exclusion_report(facts, options), [&](ExclusionReason r) { return catalog.translate("nl", label_key(r)); },
      "Doelgroep", "Maand", "Totaal");
  EXPECT_EQ(csv,
            "Doelgroep,Maand,Niet gemotiveerd,Geen capaciteit,Buiten de doelgroep,Gedrag,Andere,Totaal\r\n"
            ",2026-02,0,0,0,0,1,1\r\n"
            "adults,2026-01,0,1,0,0,0,1\r\n"
            "youth,2026-01,2,0,0,0,0,2\r\n"
            "youth,2026-02,0,0,1,1,0,2\r\n");
  ExclusionTable tricky;
  tricky.rows.push_back({"=HYPERLINK(\"x\"), or not", "2026-01", {}, 0});
  EXPECT_NE(to_csv(tricky, [](ExclusionReason r) { return std::string(name_of(r)); })
                .find("\"'=HYPERLINK(\"\"x\"\"), or not\""),
            std::string::npos);
}

TEST(ExclusionReportTest, UtcMonth) {
  EXPECT_EQ(utc_month(kJan15), "2026-01");
  EXPECT_EQ(utc_month(0), "1970-01");
  EXPECT_EQ(utc_month(-1), "1969-12");
  EXPECT_EQ(utc_month(kJan15 + 17 * kDay - 1), "2026-01");  // 2026-01-31T23:59:59.999999Z
  EXPECT_EQ(utc_month(kJan15 + 17 * kDay), "2026-02");
}

}  // namespace
}  // namespace tafel::care
