#pragma once
// The legal basis of a consultation table, and the one rule that follows from it:
// which tables may put individual cases on their agenda.
//
// The vocabulary is the sharing engine's own (sharing::TableBasis), so the basis a
// chair records is exactly the basis the engine reads when it decides a disclosure
// at the table (ground case_consultation, art. 458ter Sw.).

#include <optional>
#include <string_view>

#include "core/sharing/vocabulary.h"

namespace tafel::tables {

using LegalBasis = sharing::TableBasis;

// True for a law, decree, ordinance or prosecutor's authorisation: only such a
// table may discuss individual cases (art. 458ter Sw. requires a basis in law or an
// authorisation of the public prosecutor). A cooperation agreement is not enough.
constexpr bool allows_individual_cases(LegalBasis basis) {
  return basis == LegalBasis::law || basis == LegalBasis::decree || basis == LegalBasis::ordinance ||
         basis == LegalBasis::prosecutor_authorisation;
}

// "none", "agreement", "law", "decree", "ordinance", "prosecutor_authorisation".
inline std::string_view name_of(LegalBasis basis) { return sharing::name_of(basis); }
inline std::optional<LegalBasis> parse_legal_basis(std::string_view text) {
  return sharing::parse_term<LegalBasis>(text);
}

}  // namespace tafel::tables
