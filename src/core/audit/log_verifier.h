#pragma once
// LogVerifier: checks a whole audit log, streamed in sequence order, against the
// hashes recorded with each entry, the signed checkpoints and the log head, and
// reports the FIRST position where the log stops being what was written.
//
// What it can name (see docs/audit.md, "What verify detects"):
//  * an entry whose content or position changed while its recorded hash did not
//    (edit, swap, insertion of a copied or made-up row): that entry;
//  * a missing sequence number (row deleted): that number;
//  * a rewrite that also recomputed the recorded hashes: the first checkpoint whose
//    root no longer matches, i.e. the range of entries it covers;
//  * entries removed from the end, or added after the head: by the checkpoint sizes
//    and the head's size and root.
// Pure code: hashing and signature checking are injected.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/checkpoint.h"
#include "core/audit/entry.h"
#include "core/audit/merkle.h"

namespace tafel::core::audit {

struct Problem {
  // "altered" (content or position changed), "removed", "inserted",
  // "checkpoint_mismatch", "bad_signature", "head_mismatch".
  std::string kind;
  // The first entry concerned (1-based sequence number).
  std::uint64_t seq = 0;
  // For people; names sequence numbers and sizes only, never entry contents.
  std::string message;
};

struct VerifyReport {
  std::uint64_t entries = 0;
  std::uint64_t checkpoints = 0;       // checkpoints whose signature and root matched
  Hash root{};                         // recomputed root over all entries
  std::optional<Problem> problem;      // the first problem; none on an intact log
  bool intact() const { return !problem.has_value(); }
};

class LogVerifier {
 public:
  // `checkpoints` in any order; each must be signed by `public_key_hex`.
  LogVerifier(MerkleHasher hasher, VerifySignature verify, std::string public_key_hex,
              std::vector<Checkpoint> checkpoints);

  // Feeds the next row in ascending seq order with the leaf hash recorded for it.
  // Returns false once a problem was found (the caller may stop reading).
  bool add(const Entry& entry, const Hash& recorded_leaf);

  // Ends the stream. `head_size` and `head_root` are what the log head records (the
  // size and root the appenders last wrote).
  VerifyReport finish(std::uint64_t head_size, const Hash& head_root);

 private:
  void check_checkpoints_at(std::uint64_t size);
  void report(std::string kind, std::uint64_t seq, std::string message);

  MerkleHasher hasher_;
  VerifySignature verify_;
  std::string public_key_hex_;
  std::vector<Checkpoint> checkpoints_;  // ascending size
  std::size_t next_checkpoint_ = 0;
  MerkleFrontier frontier_;
  std::uint64_t last_good_checkpoint_ = 0;
  std::uint64_t good_checkpoints_ = 0;
  std::optional<Problem> problem_;
  std::string scratch_;  // canonical bytes of the entry being checked, reused
};

}  // namespace tafel::core::audit
