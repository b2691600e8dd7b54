#pragma once
// Merkle trees as defined by RFC 6962 section 2.1 (kept in RFC 9162 section 2.1):
// leaf hash = SHA-256(0x00 || entry bytes), interior node = SHA-256(0x01 || left ||
// right), and for n leaves the left subtree holds the largest power of two < n. Using
// the standard shape means any Certificate Transparency tool can check our proofs.
//
// Pure code: the SHA-256 function is injected (see hash.h).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/hash.h"

namespace tafel::core::audit {

// The three hashing rules of RFC 6962.
class MerkleHasher {
 public:
  explicit MerkleHasher(Sha256 sha256) : sha256_(sha256) {}

  // The root of the empty tree: SHA-256 of no bytes.
  Hash empty_root() const;
  // SHA-256(0x00 || entry).
  Hash leaf(std::span<const std::uint8_t> entry) const;
  Hash leaf(std::string_view entry) const;
  // SHA-256(0x01 || left || right).
  Hash node(const Hash& left, const Hash& right) const;

 private:
  Sha256 sha256_;
};

// The largest power of two strictly smaller than n (n >= 2): RFC 6962's split point.
std::uint64_t split_point(std::uint64_t n);

// The compact state of an append-only tree: the roots of its perfect subtrees, from
// the largest (leftmost) to the smallest, one per set bit of size(). Enough to append
// and to compute the current root in O(log n), so the append path never reads old
// entries. Not a proof of anything by itself: verifiers recompute from the entries.
class MerkleFrontier {
 public:
  explicit MerkleFrontier(MerkleHasher hasher) : hasher_(hasher) {}

  void append(const Hash& leaf);
  std::uint64_t size() const { return size_; }
  // The root of the tree of all size() leaves (empty_root() when size() is 0).
  Hash root() const;

  // Hex of the concatenated subtree roots, for storage next to the size.
  std::string encode() const;
  // Rebuilds a frontier from size and encode()'s text; nullopt when they disagree.
  static std::optional<MerkleFrontier> decode(MerkleHasher hasher, std::uint64_t size, std::string_view hex);

 private:
  MerkleHasher hasher_;
  std::uint64_t size_ = 0;
  std::vector<Hash> peaks_;
};

// An in-memory tree that keeps every complete interior node (about 2n hashes), so
// roots of any earlier size and proofs cost O(log n) hash operations.
class MerkleTree {
 public:
  explicit MerkleTree(MerkleHasher hasher) : hasher_(hasher) { levels_.emplace_back(); }

  // Pre-allocates room for n leaves (optional; saves reallocations).
  void reserve(std::uint64_t n);
  void append(const Hash& leaf);
  std::uint64_t size() const { return levels_[0].size(); }
  const Hash& leaf(std::uint64_t index) const { return levels_[0][index]; }

  // The root of the first `size` leaves. Requires size <= this->size().
  Hash root(std::uint64_t size) const;
  Hash root() const { return root(size()); }

  // The audit path of leaf `index` in the tree of the first `size` leaves, deepest
  // sibling first (RFC 6962 PATH). Requires index < size <= this->size().
  std::vector<Hash> inclusion_proof(std::uint64_t index, std::uint64_t size) const;

  // The proof that the tree of `old_size` leaves is a prefix of the tree of
  // `new_size` leaves (RFC 6962 PROOF). Requires old_size <= new_size <= size();
  // empty when old_size is 0 or equals new_size.
  std::vector<Hash> consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const;

 private:
  // The root of leaves [begin, end), end > begin.
  Hash subtree(std::uint64_t begin, std::uint64_t end) const;
  void path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const;
  void subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool complete,
                std::vector<Hash>& out) const;

  MerkleHasher hasher_;
  // levels_[k][i] is the root of leaves [i * 2^k, (i + 1) * 2^k): complete nodes only.
  std::vector<std::vector<Hash>> levels_;
};

// The root of `leaves` computed in one pass with O(log n) memory.
Hash merkle_root(const MerkleHasher& hasher, std::span<const Hash> leaves);

// True when `proof` shows that `leaf` is leaf number `index` of the tree of `size`
// leaves whose root is `root` (RFC 9162 section 2.1.3.2). Never throws; false on any
// malformed input (index >= size, proof of the wrong length, ...).
bool verify_inclusion(const MerkleHasher& hasher, std::uint64_t index, std::uint64_t size, const Hash& leaf,
                      std::span<const Hash> proof, const Hash& root);

// True when `proof` shows that the tree of `old_size` leaves with root `old_root` is a
// prefix of the tree of `new_size` leaves with root `new_root` (RFC 9162 section
// 2.1.4.2). Equal sizes need an empty proof and equal roots; old_size 0 needs an empty
// proof and old_root == empty_root().
bool verify_consistency(const MerkleHasher& hasher, std::uint64_t old_size, std::uint64_t new_size,
                        const Hash& old_root, const Hash& new_root, std::span<const Hash> proof);

}  // namespace tafel::core::audit
