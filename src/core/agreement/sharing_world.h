#pragma once
// Agreements as the sharing engine sees them. A version's rules, written with
// organisation ids, become sharing::Rule values over a sharing::World, so that the
// engine (decisions), its lint (sharing-model.md §3) and its sharing matrix read an
// agreement exactly as they read the `agreements` entry of a scenario file.

#include <string>
#include <vector>

#include "core/agreement/document.h"
#include "core/result.h"
#include "core/sharing/lint.h"
#include "core/sharing/world.h"

namespace tafel::agreement {

// Appends `document` to `world.agreements` as agreement `id` with `status`.
// `world.organisations` must already hold every party (by sharing id, the decimal
// directory id): "unknown_organisation" otherwise. A rule entry naming an id that
// is not an organisation of `world` is left out of the rule and its rule id is
// appended to `unknown_refs` (when given): lint reports it as unknown_party.
Result<void> add_to_world(sharing::World& world, const std::string& id, const Document& document,
                          sharing::AgreementStatus status, std::vector<std::string>* unknown_refs = nullptr);

// What the parties look at before signing: the lint findings and the sharing matrix
// of one version, read as if in force, between the parties only.
struct Review {
  sharing::World world;  // the parties (in party order) and the agreement
  std::vector<sharing::Finding> findings;
  std::vector<sharing::MatrixRow> matrix;  // OrgIndex = position in document.parties
  bool has_errors() const;
};

// `organisations` are the directory's facts about (at least) every party.
Result<Review> review(const Document& document, const std::vector<sharing::Organisation>& organisations);

}  // namespace tafel::agreement
