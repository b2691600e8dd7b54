// The detector of personal identifiers in a situation's free text: what it must
// flag, and ordinary text it must leave alone (dates, amounts, postal codes).

#include <gtest/gtest.h>

#include <algorithm>

#include "core/situations/identifier_detector.h"

namespace tafel::situations {
namespace {

// The flagged substrings of `text` with their kinds, "kind:text".
std::vector<std::string> flagged(std::string_view text, std::vector<std::string> names = {}) {
  std::vector<std::string> out;
  for (const auto& s : find_identifiers(text, names)) {
    out.push_back(std::string(name_of(s.kind)) + ":" + std::string(text.substr(s.start, s.end - s.start)));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(IdentifierDetector, NationalRegisterNumbersWithTheirCheck) {
  EXPECT_EQ(flagged("rijksregister 09.03.14-123.84 bekend"), V{"national_number:09.03.14-123.84"});  // born 2009
  EXPECT_EQ(flagged("nr 09031412384."), V{"national_number:09031412384"});
  EXPECT_EQ(flagged("85.07.30-033.28"), V{"national_number:85.07.30-033.28"});  // born 1985
  EXPECT_EQ(flagged("850730 033 28"), V{"national_number:850730 033 28"});
  EXPECT_EQ(flagged("850730-033.28"), V{"national_number:850730-033.28"});
  // A wrong check digit is no national number (and no phone number either).
  EXPECT_EQ(flagged("85.07.30-033.27"), V{});
  EXPECT_TRUE(is_national_number("09031412384"));
  EXPECT_FALSE(is_national_number("09031412385"));
  EXPECT_FALSE(is_national_number("0903141238"));
}

TEST(IdentifierDetector, BelgianAndInternationalPhoneNumbers) {
  EXPECT_EQ(flagged("bel 0470 12 34 56 na vijf"), V{"phone:0470 12 34 56"});
  EXPECT_EQ(flagged("gsm 0470123456"), V{"phone:0470123456"});
  EXPECT_EQ(flagged("0470/12.34.56"), V{"phone:0470/12.34.56"});
  EXPECT_EQ(flagged("tel. 03 123 45 67"), V{"phone:03 123 45 67"});
  EXPECT_EQ(flagged("tel. 03/123.45.67"), V{"phone:03/123.45.67"});
  EXPECT_EQ(flagged("014-41-22-33"), V{"phone:014-41-22-33"});
  EXPECT_EQ(flagged("+32 470 12 34 56"), V{"phone:+32 470 12 34 56"});
  EXPECT_EQ(flagged("+32470123456"), V{"phone:+32470123456"});
  EXPECT_EQ(flagged("0032 470 12 34 56"), V{"phone:0032 470 12 34 56"});
  EXPECT_EQ(flagged("+31 6 12345678"), V{"phone:+31 6 12345678"});
  EXPECT_EQ(flagged("+33 1 23 45 67 89"), V{"phone:+33 1 23 45 67 89"});
}

TEST(IdentifierDetector, EmailAddresses) {
  EXPECT_EQ(flagged("mail jan.peeters@example.be."), V{"email:jan.peeters@example.be"});
  EXPECT_EQ(flagged("(info+x@stad-nethegem.be)"), V{"email:info+x@stad-nethegem.be"});
  EXPECT_EQ(flagged("op @station of a@b"), V{});
  EXPECT_EQ(flagged("x@y.z"), V{});  // a one-letter top-level domain
}

TEST(IdentifierDetector, BelgianLicencePlates) {
  EXPECT_EQ(flagged("wagen 1-ABC-123 geparkeerd"), V{"licence_plate:1-ABC-123"});
  EXPECT_EQ(flagged("wagen 1ABC123"), V{"licence_plate:1ABC123"});
  EXPECT_EQ(flagged("wagen 2 XYZ 987"), V{"licence_plate:2 XYZ 987"});
  EXPECT_EQ(flagged("oude plaat ABC-123"), V{"licence_plate:ABC-123"});
  EXPECT_EQ(flagged("oude plaat 123-ABC"), V{"licence_plate:123-ABC"});
  EXPECT_EQ(flagged("een bus van De Lijn, lijn 1"), V{});
  EXPECT_EQ(flagged("ISO-9001 norm"), V{});  // four digits
  EXPECT_EQ(flagged("abc-123"), V{});        // lower case: not a plate
}

TEST(IdentifierDetector, KnownNamesFromTheDirectory) {
  std::vector<std::string> names = {"Yannick Vermeiren", "Sofie", "Ann De Smet"};
  EXPECT_EQ(flagged("gezien met yannick vermeiren aan de kiosk", names), V{"known_name:yannick vermeiren"});
  EXPECT_EQ(flagged("Ann De Smet (jeugdwerk) was er", names), V{"known_name:Ann De Smet"});
  // One word is not enough, and a name must stand on word boundaries.
  EXPECT_EQ(flagged("Sofie en anderen", names), V{});
  EXPECT_EQ(flagged("Yannick Vermeirens", names), V{});
}

// A directory answers only the names whose key is among the text's candidates: the
// detector must flag exactly what it flags with every name.
TEST(IdentifierDetector, TheCandidateNamesFindWhatEveryNameFinds) {
  const std::vector<std::string> directory = {"Yannick Vermeiren", "Ann De Smet", "  Zoë  Peeters ",
                                              "Jan-Pieter van den Berg-De Vries", "Sofie", "An Li",
                                              "Mohamed El Amrani", "Ann De"};
  const std::vector<std::string> texts = {
      "gezien met yannick vermeiren aan de kiosk",
      "Ann De Smet (jeugdwerk) en ANN DE waren er; ook zoë  peeters.",
      "Melding: jan-pieter VAN DEN berg-de vries, An Li en mohamed el amrani bij het station",
      "Yannick Vermeirens en Ann De Smets niet; An  Li ook niet",
      "",
      "   ",
      "Éé, ß en 漢字 Yannick Vermeiren!"};
  for (const auto& text : texts) {
    auto keys = name_candidates(text);
    std::vector<std::string> among;
    for (const auto& n : directory) {
      if (std::find(keys.begin(), keys.end(), name_key(n)) != keys.end()) among.push_back(n);
    }
    EXPECT_EQ(find_identifiers(text, among), find_identifiers(text, directory)) << text;
  }
  EXPECT_EQ(name_key("  Zoë  PEETERS "), "zoë  peeters");
  EXPECT_EQ(flagged("Melding: jan-pieter VAN DEN berg-de vries.", directory),
            V{"known_name:jan-pieter VAN DEN berg-de vries"});
}

TEST(IdentifierDetector, LeavesDatesAmountsPostalCodesAndTimesAlone) {
  for (std::string_view text :
       {"sinds 14/03/2026 om 19:00", "op 01/02/2026 19:30", "van 01.02.2026 19 uur", "2026-03-14", "14-03-2026",
        "schade € 1.250,00", "1.250.000 euro", "0,50 euro per stuk", "2999 Nethegem", "Heidebaan 12, 2999 Nethegem",
        "tussen 18u en 21u", "in 2025 en 2026", "groepen van 10 à 15 jongeren", "bus 12 en 13", "art. 458bis Sw.",
        "dossier 2026/0123", "ongeveer 20 % meer meldingen", "week 12-2026",
        "de jongeren (12-16 jaar) van de wijk", "om 06.30 uur en 07.45 uur"}) {
    EXPECT_EQ(flagged(text), V{}) << text;
  }
}

TEST(IdentifierDetector, SeveralSpansInOrderWithByteOffsets) {
  std::string text = "Bel 0470 12 34 56 of mail x@example.be";
  auto spans = find_identifiers(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], (IdentifierSpan{4, 17, IdentifierKind::phone}));
  EXPECT_EQ(text.substr(spans[1].start, spans[1].end - spans[1].start), "x@example.be");
  EXPECT_EQ(parse_identifier_kind("licence_plate"), IdentifierKind::licence_plate);
  // Multi-byte letters keep offsets in bytes and count as word characters.
  std::string accented = "café 0470123456";
  auto a = find_identifiers(accented);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].start, 6u);
}

}  // namespace
}  // namespace tafel::situations
