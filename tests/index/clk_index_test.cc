// Blocking (issue 15, point 6): a lookup scores only the encodings of its blocks, and
// still finds a person whose year or whose day and month were mistyped.

#include <gtest/gtest.h>

#include "core/index/clk_index.h"
#include "storage/index/hmac_keyed_hash.h"

namespace tafel::index {
namespace {

class ClkIndexTest : public ::testing::Test {
 protected:
  Encoding enc(const Identity& i) {
    auto e = encode(i, hash_);
    EXPECT_TRUE(e) << e.error().message;
    return *e;
  }
  std::vector<std::uint8_t> key_ = std::vector<std::uint8_t>(32, 1);
  storage::HmacKeyedHash hash_{key_};
};

TEST_F(ClkIndexTest, FindsATypoInTheYearOrASwappedDayAndMonthOnce) {
  ClkIndex index;
  const auto jan = index.add(enc({"Jan", "Peeters", "1985-07-10", "Gent"}));
  index.add(enc({"Sofie", "Claes", "1985-03-02", "Hasselt"}));  // same year, another person
  index.add(enc({"Ahmed", "El Idrissi", "1962-10-07", "Antwerpen"}));
  for (int y = 1930; y < 2020; ++y) index.add(enc({"Piet", "Janssens", std::to_string(y) + "-05-05", ""}));

  auto exact = index.matches(enc({"Jan", "Peeters", "1985-07-10", "Gent"}), 0.7);
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact[0].id, jan);
  EXPECT_DOUBLE_EQ(exact[0].score, 1.0);
  EXPECT_EQ(std::count_if(exact.begin(), exact.end(), [&](auto& m) { return m.id == jan; }), 1);
  EXPECT_LT(index.last_compared(), 10u);  // its year and its day and month, not the 93

  auto year_typo = index.matches(enc({"Jan", "Peeters", "1986-07-10", "Gent"}), 0.7);
  ASSERT_FALSE(year_typo.empty());
  EXPECT_EQ(year_typo[0].id, jan);
  auto swapped = index.matches(enc({"Jan", "Peeters", "1985-10-07", "Gent"}), 0.7);
  ASSERT_FALSE(swapped.empty());
  EXPECT_EQ(swapped[0].id, jan);
  EXPECT_TRUE(index.matches(enc({"Jan", "Peeters", "1990-01-01", "Gent"}), 0.7).empty());  // no shared block
}

TEST_F(ClkIndexTest, CountsItsMemory) {
  ClkIndex index;
  index.reserve(100);
  for (int d = 1; d <= 28; ++d) index.add(enc({"An", "Maes", "2001-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d), ""}));
  EXPECT_GE(index.memory_bytes(), 100 * sizeof(Clk));
}

}  // namespace
}  // namespace tafel::index
