#include "core/retention/retention.h"

#include <gtest/gtest.h>

namespace tafel::retention {
namespace {

using sharing::Category;
constexpr Timestamp kDay = kMicrosPerDay;
constexpr Timestamp kClosed = 1'700'000'000'000'000;

TEST(CaseDue, OpenCaseIsNeverDue) {
  EXPECT_EQ(case_due(std::nullopt, 30), std::nullopt);
  EXPECT_FALSE(is_due(case_due(std::nullopt, 30), sharing::kNever - 1));
}

TEST(CaseDue, ClosedCaseIsDueAfterTheTablesPeriodAndNotBefore) {
  auto due = case_due(kClosed, 30);
  ASSERT_TRUE(due);
  EXPECT_EQ(*due, kClosed + 30 * kDay);
  EXPECT_FALSE(is_due(due, kClosed + 30 * kDay - 1));
  EXPECT_TRUE(is_due(due, kClosed + 30 * kDay));
}

TEST(CaseDue, TableWithoutPeriodKeepsTheCase) { EXPECT_EQ(case_due(kClosed, std::nullopt), std::nullopt); }

TEST(ContributionDue, TheShortestPeriodOfItsCategoriesWins) {
  std::vector<agreement::Retention> periods{{Category::identity, 90}, {Category::care, 10}, {Category::health, 5}};
  // health is not among the contribution's categories: its 5 days do not apply.
  auto due = contribution_due(kClosed, {Category::identity, Category::care}, periods, std::nullopt);
  ASSERT_TRUE(due);
  EXPECT_EQ(*due, kClosed + 10 * kDay);
}

TEST(ContributionDue, NeverOutlivesItsCase) {
  std::vector<agreement::Retention> periods{{Category::identity, 90}};
  auto due = contribution_due(kClosed, {Category::identity}, periods, kClosed + 3 * kDay);
  EXPECT_EQ(due, kClosed + 3 * kDay);
}

TEST(ContributionDue, NothingLimitsAnUncoveredContributionOfAnOpenCase) {
  std::vector<agreement::Retention> periods{{Category::health, 5}};
  EXPECT_EQ(contribution_due(kClosed, {Category::social}, periods, std::nullopt), std::nullopt);
}

TEST(ContributionDue, APeriodPastTheEndOfTimeNeverComes) {
  std::vector<agreement::Retention> periods{{Category::social, 36500}};
  auto due = contribution_due(sharing::kNever - kDay, {Category::social}, periods, std::nullopt);
  ASSERT_TRUE(due);
  EXPECT_EQ(*due, sharing::kNever);
  EXPECT_FALSE(is_due(due, sharing::kNever - 1));
}

}  // namespace
}  // namespace tafel::retention
