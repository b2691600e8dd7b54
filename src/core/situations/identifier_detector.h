#pragma once
// Finds what looks like a personal identifier in free text, so a situation stays
// about behaviour and places, never about named persons (issue 12, point 1). Pure.
//
// Kinds:
//  * national_number: a Belgian national register number, 11 digits written
//    together or as YY.MM.DD-XXX.CC (dots, dashes or spaces), whose last two digits
//    are its mod-97 check (for births before 2000, or with the "2" prefix after);
//  * phone: a Belgian number (0 followed by 8 or 9 digits, in groups of 2 to 4
//    digits: "0470 12 34 56", "03/123.45.67") or an international one ("+32 ...",
//    "0032 ...", 8 to 15 digits);
//  * email: local@domain.tld;
//  * licence_plate: a Belgian plate, "1-ABC-123" (also without dashes) or the older
//    "ABC-123" and "123-ABC" (capital letters);
//  * known_name: a display name from the directory (two words or more, compared
//    without regard to case, on word boundaries).
// Dates ("14/03/2026", "2026-03-14"), times, amounts ("1.250,00") and postal codes
// ("2999") are not flagged. Offsets are UTF-8 byte offsets into the text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tafel::situations {

enum class IdentifierKind : std::uint8_t { national_number, phone, email, licence_plate, known_name };

std::string_view name_of(IdentifierKind kind);
std::optional<IdentifierKind> parse_identifier_kind(std::string_view text);

struct IdentifierSpan {
  std::size_t start = 0, end = 0;  // [start, end) in bytes
  IdentifierKind kind = IdentifierKind::phone;
  friend bool operator==(const IdentifierSpan&, const IdentifierSpan&) = default;
};

// The spans of `text` that look like an identifier, by start, not overlapping.
std::vector<IdentifierSpan> find_identifiers(std::string_view text, std::span<const std::string> known_names = {});

// The key a display name is looked up by: without leading and trailing spaces,
// ASCII letters in lower case (as the detector compares names).
std::string name_key(std::string_view name);

// The keys (name_key) of every stretch of `text` that could be a known name: from
// the start of a word to the end of one of the next kMaxNameWords words, with at
// least one space. find_identifiers(text, names) flags the same spans as with the
// names whose key is among these, for every name that ends in a letter or digit
// and has at most kMaxNameWords words; so a directory needs to answer only the
// names with one of these keys (an indexed lookup, not every name).
inline constexpr std::size_t kMaxNameWords = 8;
std::vector<std::string> name_candidates(std::string_view text);

// True when the 11 digits are a valid national register number (mod-97 check).
bool is_national_number(std::string_view eleven_digits);

}  // namespace tafel::situations
