#pragma once
// The canonical bytes of an agreement version and its SHA-256 version hash: what a
// party's signature refers to. Two documents have the same bytes exactly when they
// are equal (operator==), so a hash names one text and nothing else.
//
// Format "tafel-agreement 1": a sequence of fields in a fixed order, each written as
//   <name> SP <decimal byte length> ":" <bytes> LF
// Counts of parties, roles, rules... are fields too, and sets of vocabulary terms
// are written as their names in vocabulary order, comma-separated. The length
// prefix makes the encoding injective whatever the texts contain, and the names
// keep it readable when printed. The same bytes are what storage keeps, so a stored
// version can be re-hashed and checked on every read.

#include <string>
#include <string_view>

#include "core/agreement/document.h"
#include "core/audit/hash.h"
#include "core/result.h"

namespace tafel::agreement {

// The canonical bytes of `document`.
std::string canonical_bytes(const Document& document);

// Parses canonical bytes back. Fails with "corrupt_agreement" on anything that
// canonical_bytes could not have produced (unknown format, wrong field, bad
// number, term outside the closed sets, trailing bytes, a count beyond the limits).
Result<Document> parse_canonical(std::string_view bytes);

// Lower-case hex SHA-256 of the canonical bytes (64 characters).
std::string version_hash(const Document& document, core::audit::Sha256 sha256);

}  // namespace tafel::agreement
