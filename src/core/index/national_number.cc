#include "core/index/national_number.h"

#include <cstdint>

namespace tafel::index {
namespace {

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

int two(const std::string& d, std::size_t at) { return (d[at] - '0') * 10 + (d[at + 1] - '0'); }

auto invalid() { return fail("invalid_number", "not a valid national register or BIS number"); }

}  // namespace

Result<NationalNumber> parse_national_number(std::string_view input) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!input.empty() && is_space(input.front())) input.remove_prefix(1);
  while (!input.empty() && is_space(input.back())) input.remove_suffix(1);
  if (input.empty() || input.size() > 32) return invalid();
  // Separators only between digits: "85.07.30-033.28", never ".85073003328".
  if (input.front() < '0' || input.front() > '9' || input.back() < '0' || input.back() > '9') return invalid();
  NationalNumber n;
  for (char c : input) {
    if (c >= '0' && c <= '9') {
      n.digits.push_back(c);
    } else if (c != '.' && c != '-' && c != ' ') {
      return invalid();
    }
  }
  if (n.digits.size() != 11) return invalid();

  std::int64_t first_nine = 0;
  for (std::size_t i = 0; i < 9; ++i) first_nine = first_nine * 10 + (n.digits[i] - '0');
  const int check = two(n.digits, 9);
  const int yy = two(n.digits, 0);
  if (check == 97 - static_cast<int>(first_nine % 97)) {
    n.birth_year = 1900 + yy;
  } else if (check == 97 - static_cast<int>((2'000'000'000 + first_nine) % 97)) {
    n.birth_year = 2000 + yy;
  } else {
    return invalid();
  }

  const int mm = two(n.digits, 2);
  if (mm <= 12) {
    n.kind = NumberKind::national_register;
    n.birth_month = mm;
  } else if (mm >= 20 && mm <= 32) {
    n.kind = NumberKind::bis;
    n.birth_month = mm - 20;
  } else if (mm >= 40 && mm <= 52) {
    n.kind = NumberKind::bis;
    n.birth_month = mm - 40;
  } else {
    return invalid();
  }
  n.birth_day = two(n.digits, 4);
  if (n.birth_day > 31) return invalid();
  if (n.birth_month != 0 && n.birth_day != 0 && n.birth_day > days_in_month(n.birth_year, n.birth_month)) {
    return invalid();
  }
  const int serial = (n.digits[6] - '0') * 100 + two(n.digits, 7);
  if (serial < 1 || serial > 998) return invalid();
  return n;
}

bool is_valid_national_number(std::string_view input) { return parse_national_number(input).has_value(); }

Digest national_number_hash(const NationalNumber& number, const KeyedHash& hash) {
  return hash.digest("nrn:" + number.digits);
}

}  // namespace tafel::index
