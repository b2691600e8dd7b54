// CLK encoding and Dice (issue 15, point 2), with the production keyed hash: the
// spellings of one person encode alike, different people apart, and the key matters.

#include <gtest/gtest.h>

#include "core/index/clk.h"
#include "core/index/dice.h"
#include "core/index/match.h"
#include "storage/index/hmac_keyed_hash.h"

namespace tafel::index {
namespace {

class ClkTest : public ::testing::Test {
 protected:
  Clk enc(const std::string& given, const std::string& family, const std::string& birth,
          const std::string& place = "") {
    auto c = encode_clk({given, family, birth, place}, hash_);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : Clk{};
  }
  double score(const Identity& a, const Identity& b) {
    return dice(*encode_clk(a, hash_), *encode_clk(b, hash_));
  }
  std::vector<std::uint8_t> key_ = std::vector<std::uint8_t>(32, 42);
  storage::HmacKeyedHash hash_{key_};
};

TEST_F(ClkTest, SpellingsOfOnePersonEncodeTheSame) {
  const Clk a = enc("Jan", "Van den Bossche", "1985-07-30", "Brussel");
  EXPECT_EQ(a, enc("JAN", "Vandenbossche", "1985-07-30", "Bruxelles"));
  EXPECT_EQ(a, enc("Van den Bossche", "Jan", "1985-07-30", "Brussels"));  // given and family swapped
  EXPECT_EQ(enc("Éloïse", "Peeters-Janssens", "2001-02-03"), enc("Eloise", "Janssens Peeters", "2001-02-03"));
}

TEST_F(ClkTest, ErrorsLowerTheScoreLittleAndOtherPeopleMuch) {
  const Identity jan{"Jan", "Peeters", "1985-07-30", "Gent"};
  const Thresholds defaults;
  EXPECT_GE(score(jan, {"Jna", "Peeters", "1985-07-30", "Gent"}), defaults.possible);   // typo
  EXPECT_GE(score(jan, {"Jan", "Peeters", "1985-07-30", ""}), defaults.possible);      // place missing
  EXPECT_GE(score({"Jean-Luc", "Dubois", "1990-03-11", ""}, {"Jean", "Dubois", "1990-03-11", ""}), defaults.possible);
  EXPECT_GE(score({"Marie", "Lambert", "1990-03-11", ""}, {"Marie", "Lambert", "1990-11-03", ""}), defaults.possible);
  EXPECT_LT(score(jan, {"Sofie", "Claes", "1972-01-15", "Hasselt"}), 0.5);
}

TEST_F(ClkTest, TheKeyChangesEveryEncoding) {
  const std::vector<std::uint8_t> other_key(32, 43);
  storage::HmacKeyedHash other(other_key);
  const Identity jan{"Jan", "Peeters", "1985-07-30", "Gent"};
  EXPECT_LT(dice(*encode_clk(jan, hash_), *encode_clk(jan, other)), 0.6);
}

TEST_F(ClkTest, AboutAThirdToAHalfOfTheBitsAreSet) {
  const int bits = popcount(enc("Jan", "Peeters", "1985-07-30", "Gent"));
  EXPECT_GT(bits, 150);
  EXPECT_LT(bits, 600);
}

TEST_F(ClkTest, IncompleteIdentitiesAreRefused) {
  EXPECT_EQ(encode_clk({"", "Peeters", "1985-07-30", ""}, hash_).error().code, "invalid_identity");
  EXPECT_EQ(encode_clk({"Jan", "--", "1985-07-30", ""}, hash_).error().code, "invalid_identity");
  EXPECT_EQ(encode_clk({"Jan", "Peeters", "1985-02-30", ""}, hash_).error().code, "invalid_date");
  EXPECT_EQ(encode_clk({"Jan", "Peeters", "30/07/1985", ""}, hash_).error().code, "invalid_date");
}

TEST(Dice, TheKernelCountsWhatTheScalarCodeCounts) {
  std::vector<Clk> clks(300);
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (auto& c : clks) {
    for (auto& w : c.words) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      w = x;
    }
  }
  std::vector<std::uint32_t> ids(clks.size());
  for (std::uint32_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::uint32_t>(ids.size() - 1 - i);
  std::vector<std::uint16_t> out(ids.size());
  and_popcounts(clks[0], clks.data(), ids.data(), ids.size(), out.data());
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(out[i], and_popcount(clks[0], clks[ids[i]]));
  EXPECT_EQ(dice(clks[1], clks[1]), 1.0) << "kernel " << kernel_name();
  EXPECT_EQ(dice(Clk{}, Clk{}), 0.0);
}

TEST(Match, ThresholdsClassify) {
  const Thresholds t{0.9, 0.8};
  EXPECT_EQ(classify(0.95, t), MatchClass::certain);
  EXPECT_EQ(classify(0.9, t), MatchClass::certain);
  EXPECT_EQ(classify(0.85, t), MatchClass::possible);
  EXPECT_EQ(classify(0.79, t), MatchClass::none);
  EXPECT_EQ(name_of(MatchClass::possible), "possible");
  EXPECT_FALSE(validate({0.7, 0.8}));
  EXPECT_FALSE(validate({1.1, 0.8}));
  EXPECT_TRUE(validate({0.8, 0.8}));
}

}  // namespace
}  // namespace tafel::index
