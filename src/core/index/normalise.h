#pragma once
// How names and places are normalised before they are encoded (issue 15, point 2;
// docs/index.md). Two spellings of one person should give the same tokens: "Van den
// Bossche", "Vandenbossche" and "VAN DEN BOSSCHE" all give "vandenbossche"; "Peeters-
// Janssens" and "Janssens Peeters" give the same two tokens; "Bruxelles" is "brussel".
// Pure: no locale, no ICU, the same on every machine.

#include <string>
#include <string_view>
#include <vector>

namespace tafel::index {

// Lower case ASCII letters and digits; Latin letters with diacritics become their base
// letter ("é" -> "e", combining marks dropped), ligatures are spelled out ("æ" -> "ae",
// "œ" -> "oe", "ß" -> "ss"); apostrophes vanish ("d'Hondt" -> "dhondt"); anything else
// (spaces, hyphens, dots, other scripts, invalid UTF-8) separates words. The words are
// joined by one space, without leading or trailing space.
std::string fold(std::string_view utf8);

// The words of a given name: fold() split at spaces and hyphens ("Jean-Luc" ->
// "jean", "luc").
std::vector<std::string> given_name_tokens(std::string_view given);

// The words of a family name: particles ("van", "den", "de", "der", "le", "d", ...)
// are joined to the word they precede ("Van den Bossche" -> "vandenbossche", "d'
// Hondt" -> "dhondt"); the resulting words of a double family name are sorted
// ("Peeters-Janssens" and "Janssens Peeters" -> "janssens", "peeters").
std::vector<std::string> family_name_tokens(std::string_view family);

// The folded place of birth with its words joined by "-", and a Belgian city's names in
// the other language folded to one ("Bruxelles", "Brussels" -> "brussel"; "Liège" ->
// "luik"; "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean" -> "molenbeek"). Empty for an
// empty place.
std::string place_key(std::string_view place);

}  // namespace tafel::index
