#pragma once
// An inclusion bundle: one entry, its audit path and the signed checkpoint it leads
// to. Everything a DPO needs, with the public key, to check that the entry is in the
// log the operator signed; no database access (see `tafel audit check-proof`).

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/audit/checkpoint.h"
#include "core/audit/entry.h"
#include "core/audit/merkle.h"
#include "core/result.h"

namespace tafel::core::audit {

struct InclusionBundle {
  Entry entry;                 // entry.seq is its 1-based position: leaf index seq - 1
  std::vector<Hash> proof;     // RFC 6962 audit path, deepest sibling first
  Checkpoint checkpoint;       // the tree the path leads to
};

// Checks, in order: the checkpoint is signed by `public_key_hex`; the entry lies
// inside the checkpoint; the entry's leaf hash and path lead to the checkpoint's root.
// Fails with "bad_signature", "out_of_range" or "not_included".
Result<void> check_bundle(const InclusionBundle& bundle, std::string_view public_key_hex,
                          const MerkleHasher& hasher, VerifySignature verify);

}  // namespace tafel::core::audit
