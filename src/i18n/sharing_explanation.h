#pragma once
// Renders the engine's structured explanation of a sharing decision
// (core/sharing/explanation.h) in nl, fr or en with the `sharing.*` catalog keys.

#include <string>
#include <string_view>
#include <vector>

#include "core/sharing/explanation.h"
#include "i18n/catalog.h"

namespace tafel::i18n {

// The explanation as lines of plain text, in order: the decision and what decided
// it; on a permit the obligations; on a deny why each ground failed and what would
// make the disclosure possible; and a closing reminder that nobody is ever obliged
// to share. Vocabulary codes in arguments (categories, purpose, ground) are
// translated too.
std::vector<std::string> render_explanation_lines(const sharing::Explanation& explanation, std::string_view lang,
                                                  const Catalog& catalog = Catalog::builtin());

// The same lines joined with "\n".
std::string render_explanation(const sharing::Explanation& explanation, std::string_view lang,
                               const Catalog& catalog = Catalog::builtin());

}  // namespace tafel::i18n
