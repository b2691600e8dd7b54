#pragma once
// Belgian national register numbers (rijksregisternummer / numéro de registre
// national) and BIS numbers, as the reference index accepts them (issue 15, point 2).
//
// The number is YYMMDD SSS CC: the birth date, a serial (odd for men, even for women)
// and two check digits, 97 - (the first nine digits mod 97) for a birth before 2000,
// and 97 - ((2 followed by the first nine digits) mod 97) from 2000. A BIS number (for
// people not in the national register) adds 20 to the month when the sex was unknown
// at registration and 40 when it was known. A day or month that is not known is 00.
// People type it as 85.07.30-033.28, 850730 033 28 or 85073003328.

#include <string>
#include <string_view>

#include "core/index/keyed_hash.h"
#include "core/result.h"

namespace tafel::index {

enum class NumberKind { national_register, bis };

struct NationalNumber {
  std::string digits;  // the 11 digits, no separators: the form that is hashed
  NumberKind kind = NumberKind::national_register;
  int birth_year = 0;   // 1900-1999 or 2000-2099, as the check digits say
  int birth_month = 0;  // 1-12, BIS offset removed; 0 when unknown
  int birth_day = 0;    // 1-31; 0 when unknown
};

// Parses and validates `input`. Accepted: 11 digits, optionally grouped by dots,
// hyphens and spaces (surrounding white space is ignored), whose check digits hold
// for a birth before or from 2000; a month of 00-12 (national register), 20-32 or
// 40-52 (BIS); a day of 00-31 that exists in that month and year when both are known;
// a serial of 001-998. Fails with "invalid_number" otherwise; the message never
// repeats the input.
Result<NationalNumber> parse_national_number(std::string_view input);

// parse_national_number(input).has_value().
bool is_valid_national_number(std::string_view input);

// The keyed hash under which the index knows `number`: digest("nrn:" + digits). Two
// notations of one number give the same hash.
Digest national_number_hash(const NationalNumber& number, const KeyedHash& hash);

}  // namespace tafel::index
