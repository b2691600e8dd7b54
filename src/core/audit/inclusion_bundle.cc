#include "core/audit/inclusion_bundle.h"

#include <string>

namespace tafel::core::audit {

Result<void> check_bundle(const InclusionBundle& b, std::string_view public_key_hex, const MerkleHasher& hasher,
                          VerifySignature verify) {
  if (!checkpoint_signed_by(b.checkpoint, public_key_hex, verify)) {
    return fail("bad_signature", "the checkpoint is not signed by this public key");
  }
  if (b.entry.seq == 0 || b.entry.seq > b.checkpoint.size) {
    return fail("out_of_range", "entry " + std::to_string(b.entry.seq) + " is not covered by the checkpoint of size " +
                                    std::to_string(b.checkpoint.size));
  }
  const Hash leaf = hasher.leaf(canonical_bytes(b.entry));
  if (!verify_inclusion(hasher, b.entry.seq - 1, b.checkpoint.size, leaf, b.proof, b.checkpoint.root)) {
    return fail("not_included", "entry " + std::to_string(b.entry.seq) +
                                    " with this content is not in the log signed at size " +
                                    std::to_string(b.checkpoint.size));
  }
  return {};
}

}  // namespace tafel::core::audit
