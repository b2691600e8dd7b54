// Normalisation of names and places before encoding (issue 15, point 2): the spellings
// of one person give the same tokens.

#include <gtest/gtest.h>

#include "core/index/normalise.h"

namespace tafel::index {
namespace {

using Tokens = std::vector<std::string>;

TEST(Normalise, FoldsCaseAccentsAndLigatures) {
  EXPECT_EQ(fold("Éloïse"), "eloise");
  EXPECT_EQ(fold("FRANÇOIS"), "francois");
  EXPECT_EQ(fold("Œdipe Æsir Straße"), "oedipe aesir strasse");
  EXPECT_EQ(fold("Łukasz Dvořák Øystein"), "lukasz dvorak oystein");
  EXPECT_EQ(fold("E\xCC\x81lise"), "elise");  // a combining acute accent
  EXPECT_EQ(fold("  Jean--Luc  "), "jean luc");
  EXPECT_EQ(fold("d'Hondt"), "dhondt");
  EXPECT_EQ(fold("D\xE2\x80\x99Hondt"), "dhondt");  // a typographic apostrophe
  EXPECT_EQ(fold("\xFF\xFE bad"), "bad");          // invalid UTF-8 separates
}

TEST(Normalise, ParticlesJoinTheWordTheyPrecede) {
  const Tokens vandenbossche{"vandenbossche"};
  EXPECT_EQ(family_name_tokens("Van den Bossche"), vandenbossche);
  EXPECT_EQ(family_name_tokens("Vandenbossche"), vandenbossche);
  EXPECT_EQ(family_name_tokens("VAN DEN BOSSCHE"), vandenbossche);
  EXPECT_EQ(family_name_tokens("Vanden Bossche"), vandenbossche);
  EXPECT_EQ(family_name_tokens("Van der Linden"), Tokens{"vanderlinden"});
  EXPECT_EQ(family_name_tokens("De Smet"), family_name_tokens("Desmet"));
  EXPECT_EQ(family_name_tokens("d'Hondt"), Tokens{"dhondt"});
  EXPECT_EQ(family_name_tokens("D' Hondt"), Tokens{"dhondt"});
  EXPECT_EQ(family_name_tokens("Le Roy"), Tokens{"leroy"});
  EXPECT_EQ(family_name_tokens("De"), Tokens{"de"});
}

TEST(Normalise, DoubleFamilyNamesInEitherOrder) {
  EXPECT_EQ(family_name_tokens("Peeters-Janssens"), (Tokens{"janssens", "peeters"}));
  EXPECT_EQ(family_name_tokens("Janssens Peeters"), (Tokens{"janssens", "peeters"}));
  EXPECT_EQ(family_name_tokens("Van Damme-De Smet"), family_name_tokens("De Smet Van Damme"));
}

TEST(Normalise, HyphenatedGivenNamesAreTwoWords) {
  EXPECT_EQ(given_name_tokens("Jean-Luc"), (Tokens{"jean", "luc"}));
  EXPECT_EQ(given_name_tokens("Marie Thérèse"), (Tokens{"marie", "therese"}));
}

TEST(Normalise, BelgianPlacesInEitherLanguageAreOne) {
  EXPECT_EQ(place_key("Brussel"), "brussel");
  EXPECT_EQ(place_key("Bruxelles"), "brussel");
  EXPECT_EQ(place_key("BRUSSELS"), "brussel");
  EXPECT_EQ(place_key("Liège"), "luik");
  EXPECT_EQ(place_key("Luik"), "luik");
  EXPECT_EQ(place_key("Sint-Jans-Molenbeek"), place_key("Molenbeek-Saint-Jean"));
  EXPECT_EQ(place_key("Anvers"), "antwerpen");
  EXPECT_EQ(place_key("Gand"), "gent");
  EXPECT_EQ(place_key("Saint Gilles"), "sint-gillis");
  EXPECT_EQ(place_key("Turnhout"), "turnhout");
  EXPECT_EQ(place_key(""), "");
}

}  // namespace
}  // namespace tafel::index
