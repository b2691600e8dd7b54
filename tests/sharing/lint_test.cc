// Agreement validation (sharing-model.md §3) and the sharing matrix.
#include <gtest/gtest.h>

#include <string>

#include "core/sharing/lint.h"
#include "formats/scenario.h"

namespace tafel::sharing {
namespace {

formats::Scenario load(const std::string& name) {
  auto s = formats::load_scenario_file(std::string(TAFEL_SOURCE_DIR) + "/tests/sharing/data/" + name, {.lint = true});
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return s ? std::move(*s) : formats::Scenario{};
}

TEST(LintTest, FindsEveryKindOfProblemWithItsLine) {
  const auto s = load("lint-errors.yaml");
  ASSERT_EQ(s.issues.size(), 1u);
  EXPECT_EQ(s.issues[0].code, "invalid_term");
  EXPECT_EQ(s.issues[0].line, 42);  // `gossip`
  std::vector<std::pair<std::string, std::string>> found;  // (code, rule)
  for (const Finding& f : lint_agreements(s.world)) found.emplace_back(f.code, f.rule);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"unknown_party", "to-housing"},
      {"missing_legal_reference", "judicial-without-reference"},
      {"never_applies", "care-worker-names"},
      {"shadowed", "nuisance-names"},
  };
  EXPECT_EQ(found, expected);
  const auto findings = lint_agreements(s.world);
  EXPECT_EQ(findings[0].line, 19);  // the entry `huis` in `to`
  EXPECT_EQ(findings[0].severity, Finding::Severity::error);
  EXPECT_EQ(findings[3].severity, Finding::Severity::warning);
}

TEST(LintTest, CleanAgreementHasNoFindings) {
  const auto s = load("clean-agreement.yaml");
  EXPECT_TRUE(s.issues.empty());
  EXPECT_TRUE(lint_agreements(s.world).empty());
}

TEST(LintTest, MatrixShowsWhoMaySeeWhat) {
  const auto s = load("lint-errors.yaml");
  const auto rows = sharing_matrix(s.world);
  ASSERT_EQ(rows.size(), 6u);  // 3 parties, ordered pairs
  auto row = [&](const std::string& from, const std::string& to) -> const MatrixRow& {
    for (const auto& r : rows) {
      if (s.world.organisations[r.from].id == from && s.world.organisations[r.to].id == to) return r;
    }
    ADD_FAILURE() << from << " -> " << to;
    return rows.front();
  };
  auto cell = [](const MatrixRow& r, Purpose p, Category c) {
    return r.cells[static_cast<std::size_t>(p)][static_cast<std::size_t>(c)];
  };
  const auto& pz_prev = row("pz", "prev");
  EXPECT_TRUE(cell(pz_prev, Purpose::public_order, Category::judicial).grounds.has(Ground::agreement));
  EXPECT_FALSE(cell(pz_prev, Purpose::care, Category::judicial).grounds.has(Ground::agreement));
  EXPECT_TRUE(cell(pz_prev, Purpose::care, Category::judicial).grounds.has(Ground::consent));
  const auto& prev_pz = row("prev", "pz");
  EXPECT_TRUE(cell(prev_pz, Purpose::public_order, Category::identity).forbidden);
  EXPECT_TRUE(cell(prev_pz, Purpose::public_order, Category::identity).grounds.empty());
  // Confided information never flows on an agreement rule.
  EXPECT_FALSE(cell(row("caw", "prev"), Purpose::coordination, Category::identity).grounds.has(Ground::agreement));
  EXPECT_TRUE(cell(row("caw", "prev"), Purpose::coordination, Category::aggregate).grounds.has(Ground::not_personal));
}

}  // namespace
}  // namespace tafel::sharing
