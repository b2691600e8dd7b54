#pragma once
// Validating agreements (sharing-model.md §3) and the sharing matrix that parties
// discuss before they sign: for each ordered pair of parties, which categories may
// flow for which purposes on which grounds.

#include <array>
#include <string>
#include <vector>

#include "core/sharing/vocabulary.h"
#include "core/sharing/world.h"

namespace tafel::sharing {

struct Finding {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string code;  // unknown_party, missing_legal_reference, never_applies, shadowed
  int line = 0;      // source line of the rule or entry, 0 when unknown
  std::string agreement;
  std::string rule;
  std::string message;  // English, for the command line; ids only
};

// The errors and warnings of every agreement of `world`, in file order.
// (`invalid_term` is found while loading, see formats::ParseOptions::lint.)
std::vector<Finding> lint_agreements(const World& world);

// One cell of the matrix: the grounds on which category c may flow for purpose p.
struct MatrixCell {
  GroundSet grounds;
  bool forbidden = false;  // a forbid rule closes shared_secrecy, consent and agreement
};

struct MatrixRow {
  OrgIndex from = 0;
  OrgIndex to = 0;
  // cells[purpose][category]
  std::array<std::array<MatrixCell, term_count<Category>()>, term_count<Purpose>()> cells{};
};

// The matrix over every ordered pair of distinct organisations that are parties to
// some agreement of `world`. It reads the agreements as if in force (it is meant for
// discussing them before signing) and the world's tables as they are; a ground
// listed in a cell is possible, given its conditions at the time (a consent, a care
// relation, a meeting of the table).
std::vector<MatrixRow> sharing_matrix(const World& world);

}  // namespace tafel::sharing
