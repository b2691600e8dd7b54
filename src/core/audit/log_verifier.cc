#include "core/audit/log_verifier.h"

#include <algorithm>

namespace tafel::core::audit {

LogVerifier::LogVerifier(MerkleHasher hasher, VerifySignature verify, std::string public_key_hex,
                         std::vector<Checkpoint> checkpoints)
    : hasher_(hasher),
      verify_(verify),
      public_key_hex_(std::move(public_key_hex)),
      checkpoints_(std::move(checkpoints)),
      frontier_(hasher) {
  std::sort(checkpoints_.begin(), checkpoints_.end(),
            [](const Checkpoint& a, const Checkpoint& b) { return a.size < b.size; });
  // A checkpoint of size 0 covers nothing; check it before the first entry.
  check_checkpoints_at(0);
}

void LogVerifier::report(std::string kind, std::uint64_t seq, std::string message) {
  if (!problem_) problem_ = Problem{std::move(kind), seq, std::move(message)};
}

void LogVerifier::check_checkpoints_at(std::uint64_t size) {
  while (!problem_ && next_checkpoint_ < checkpoints_.size() && checkpoints_[next_checkpoint_].size == size) {
    const Checkpoint& c = checkpoints_[next_checkpoint_++];
    const std::uint64_t first = last_good_checkpoint_ + 1;
    if (!checkpoint_signed_by(c, public_key_hex_, verify_)) {
      report("bad_signature", size == 0 ? 1 : size,
             "the checkpoint at size " + std::to_string(size) +
                 " is not validly signed by the audit key: checkpoints were forged or altered");
      return;
    }
    if (c.root != frontier_.root()) {
      report("checkpoint_mismatch", first,
             "the signed checkpoint at size " + std::to_string(size) +
                 " does not match the entries: an entry between " + std::to_string(first) + " and " +
                 std::to_string(size) + " was altered, removed, inserted or reordered");
      return;
    }
    last_good_checkpoint_ = size;
    ++good_checkpoints_;
  }
}

bool LogVerifier::add(const Entry& entry, const Hash& recorded_leaf) {
  if (problem_) return false;
  const std::uint64_t expected = frontier_.size() + 1;
  if (entry.seq > expected) {
    report("removed", expected, "entry " + std::to_string(expected) + " is missing: it was removed");
    return false;
  }
  if (entry.seq < expected) {
    report("inserted", entry.seq, "entry " + std::to_string(entry.seq) + " appears twice: a row was inserted");
    return false;
  }
  canonical_bytes_into(entry, scratch_);
  const Hash leaf = hasher_.leaf(scratch_);
  if (leaf != recorded_leaf) {
    report("altered", entry.seq,
           "entry " + std::to_string(entry.seq) +
               " does not match its recorded hash: it was altered, inserted or moved");
    return false;
  }
  frontier_.append(leaf);
  check_checkpoints_at(frontier_.size());
  return !problem_;
}

VerifyReport LogVerifier::finish(std::uint64_t head_size, const Hash& head_root) {
  const std::uint64_t count = frontier_.size();
  if (!problem_ && next_checkpoint_ < checkpoints_.size()) {
    const Checkpoint& c = checkpoints_[next_checkpoint_];
    report("removed", count + 1,
           "entry " + std::to_string(count + 1) + " is missing: a signed checkpoint covers " +
               std::to_string(c.size) + " entries but the log ends at " + std::to_string(count));
  }
  if (!problem_ && head_size > count) {
    report("removed", count + 1,
           "entry " + std::to_string(count + 1) + " is missing: the log head records " + std::to_string(head_size) +
               " entries");
  }
  if (!problem_ && head_size < count) {
    report("inserted", head_size + 1,
           "entry " + std::to_string(head_size + 1) + " was inserted: the log head records only " +
               std::to_string(head_size) + " entries");
  }
  if (!problem_ && head_root != frontier_.root()) {
    report("head_mismatch", last_good_checkpoint_ + 1,
           "the log head's root does not match the entries after the last checkpoint (" +
               std::to_string(last_good_checkpoint_) + "): an entry after it was altered");
  }
  VerifyReport r;
  r.entries = count;
  r.checkpoints = good_checkpoints_;
  r.root = frontier_.root();
  r.problem = problem_;
  return r;
}

}  // namespace tafel::core::audit
