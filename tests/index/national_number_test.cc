// Belgian national register and BIS numbers (issue 15, point 2): check digits for
// births before and from 2000, BIS months, unknown day or month, the notations people
// type. The valid numbers' check digits are computed here, as the register does.

#include <gtest/gtest.h>

#include <string>

#include "core/index/national_number.h"
#include "storage/index/hmac_keyed_hash.h"

namespace tafel::index {
namespace {

// YYMMDD SSS and the check digits for a birth in `century` (1900 or 2000).
std::string with_check(const std::string& nine, int century) {
  long long n = std::stoll(nine) + (century == 2000 ? 2'000'000'000LL : 0);
  const int check = static_cast<int>(97 - n % 97);
  return nine + static_cast<char>('0' + check / 10) + static_cast<char>('0' + check % 10);
}

struct Case {
  std::string input;
  bool valid;
  const char* why;
};

TEST(NationalNumber, ValidAndInvalidNumbers) {
  const Case cases[] = {
      // The three notations of one number.
      {"85.07.30-033.28", true, "dotted notation"},
      {"850730 033 28", true, "spaced notation"},
      {"85073003328", true, "plain digits"},
      {"  85073003328\r", true, "surrounding white space"},
      {with_check("850730033", 1900), true, "born 1985"},
      // From 2000: 2 is prefixed before the modulo.
      {with_check("000101001", 2000), true, "born 2000-01-01"},
      {with_check("170615002", 2000), true, "born 2017"},
      {with_check("160229002", 2000), true, "2016-02-29 exists"},
      {with_check("000229001", 2000), true, "2000-02-29 exists"},
      {with_check("000229001", 1900), false, "1900-02-29 does not exist"},
      {with_check("170229002", 2000), false, "2017-02-29 does not exist"},
      {with_check("850231033", 1900), false, "31 February"},
      {with_check("850431033", 1900), false, "31 April"},
      // BIS: month + 20 (sex unknown) or + 40 (sex known).
      {with_check("852730033", 1900), true, "BIS, month + 20"},
      {with_check("854730033", 1900), true, "BIS, month + 40"},
      {with_check("102512998", 2000), true, "BIS from 2000"},
      {with_check("852000033", 1900), true, "BIS, unknown month and day"},
      {with_check("853330033", 1900), false, "BIS month 33"},
      {with_check("851330033", 1900), false, "month 13"},
      {with_check("855330033", 1900), false, "BIS month 53"},
      {with_check("856030033", 1900), false, "month 60"},
      {with_check("854230033", 1900), false, "BIS 30 February"},
      // Unknown day or month: 00.
      {with_check("850000033", 1900), true, "unknown month and day"},
      {with_check("850700033", 1900), true, "unknown day"},
      {with_check("850015033", 1900), true, "unknown month, known day"},
      {with_check("850732033", 1900), false, "day 32"},
      // Serials: 001 to 998.
      {with_check("850730000", 1900), false, "serial 000"},
      {with_check("850730999", 1900), false, "serial 999"},
      {with_check("991231998", 1900), true, "serial 998"},
      // Check digits.
      {"85073003329", false, "check digits off by one"},
      {"85073003357", true, "the 2000 check digits of 850730033: born 2085 by the rule (core has no clock)"},
      {"85073103328", false, "a digit of the date changed"},
      {"58073003328", false, "digits swapped"},
      // Notations that are not numbers.
      {"", false, "empty"},
      {"8507300332", false, "10 digits"},
      {"850730033288", false, "12 digits"},
      {"85/07/30-033.28", false, "slashes"},
      {"85073003328a", false, "a letter"},
      {".85073003328", false, "leading separator"},
      {"85073003328-", false, "trailing separator"},
      {"８５０７３００３３２８", false, "full-width digits"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(is_valid_national_number(c.input), c.valid) << c.why << ": " << c.input;
  }
}

TEST(NationalNumber, TwoThousandCheckDigitsGiveTheCentury) {
  // 850730033 with the 2000 check digits (57) is someone born on 2085-07-30 by the
  // rule; with 28 someone born on 1985-07-30.
  auto old = parse_national_number("85073003328");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->birth_year, 1985);
  auto young = parse_national_number(with_check("050730033", 2000));
  ASSERT_TRUE(young);
  EXPECT_EQ(young->birth_year, 2005);
  EXPECT_EQ(young->birth_month, 7);
  EXPECT_EQ(young->birth_day, 30);
  EXPECT_EQ(young->kind, NumberKind::national_register);
}

TEST(NationalNumber, BisNumbersLoseTheirMonthOffset) {
  auto bis = parse_national_number(with_check("854730033", 1900));
  ASSERT_TRUE(bis);
  EXPECT_EQ(bis->kind, NumberKind::bis);
  EXPECT_EQ(bis->birth_month, 7);
  auto unknown = parse_national_number(with_check("852000033", 1900));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, NumberKind::bis);
  EXPECT_EQ(unknown->birth_month, 0);
  EXPECT_EQ(unknown->birth_day, 0);
}

TEST(NationalNumber, TheErrorNeverRepeatsTheInput) {
  auto r = parse_national_number("85073003329");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_number");
  EXPECT_EQ(r.error().message.find("8507"), std::string::npos);
}

TEST(NationalNumber, EveryNotationHashesToTheSameKeyedHash) {
  const std::vector<std::uint8_t> key(32, 7);
  storage::HmacKeyedHash hash(key);
  auto a = parse_national_number("85.07.30-033.28");
  auto b = parse_national_number("850730 033 28");
  auto c = parse_national_number("85073003328");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->digits, "85073003328");
  EXPECT_EQ(national_number_hash(*a, hash), national_number_hash(*b, hash));
  EXPECT_EQ(national_number_hash(*a, hash), national_number_hash(*c, hash));
  // Another key, another hash: the hash is keyed.
  const std::vector<std::uint8_t> other_key(32, 8);
  storage::HmacKeyedHash other(other_key);
  EXPECT_NE(national_number_hash(*a, hash), national_number_hash(*a, other));
}

}  // namespace
}  // namespace tafel::index
