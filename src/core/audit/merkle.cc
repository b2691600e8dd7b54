#include "core/audit/merkle.h"

#include <array>
#include <bit>
#include <cassert>
#include <cstring>

namespace tafel::core::audit {

Hash MerkleHasher::empty_root() const { return sha256_({}); }

Hash MerkleHasher::leaf(std::span<const std::uint8_t> entry) const {
  // Audit entries are a few hundred bytes: a stack buffer avoids an allocation per leaf.
  std::array<std::uint8_t, 1024> small;
  if (entry.size() < small.size()) {
    small[0] = 0x00;
    if (!entry.empty()) std::memcpy(small.data() + 1, entry.data(), entry.size());
    return sha256_(std::span<const std::uint8_t>(small.data(), entry.size() + 1));
  }
  std::vector<std::uint8_t> big(entry.size() + 1);
  big[0] = 0x00;
  std::memcpy(big.data() + 1, entry.data(), entry.size());
  return sha256_(big);
}

Hash MerkleHasher::leaf(std::string_view entry) const {
  return leaf(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(entry.data()), entry.size()));
}

Hash MerkleHasher::node(const Hash& left, const Hash& right) const {
  std::array<std::uint8_t, 65> buffer;
  buffer[0] = 0x01;
  std::memcpy(buffer.data() + 1, left.data(), 32);
  std::memcpy(buffer.data() + 33, right.data(), 32);
  return sha256_(buffer);
}

std::uint64_t split_point(std::uint64_t n) {
  assert(n >= 2);
  return std::bit_floor(n - 1);
}

// --- MerkleFrontier ---------------------------------------------------------------

void MerkleFrontier::append(const Hash& leaf) {
  peaks_.push_back(leaf);
  ++size_;
  // Each trailing zero bit of the new size is a pair of equal subtrees to merge.
  for (std::uint64_t s = size_; (s & 1) == 0; s >>= 1) {
    const Hash right = peaks_.back();
    peaks_.pop_back();
    peaks_.back() = hasher_.node(peaks_.back(), right);
  }
}

Hash MerkleFrontier::root() const {
  if (peaks_.empty()) return hasher_.empty_root();
  Hash r = peaks_.back();
  for (auto it = peaks_.rbegin() + 1; it != peaks_.rend(); ++it) r = hasher_.node(*it, r);
  return r;
}

std::string MerkleFrontier::encode() const {
  std::string out;
  out.reserve(peaks_.size() * 64);
  for (const Hash& h : peaks_) out += to_hex(h);
  return out;
}

std::optional<MerkleFrontier> MerkleFrontier::decode(MerkleHasher hasher, std::uint64_t size, std::string_view hex) {
  const auto count = static_cast<std::size_t>(std::popcount(size));
  if (hex.size() != count * 64) return std::nullopt;
  MerkleFrontier f(hasher);
  f.size_ = size;
  for (std::size_t i = 0; i < count; ++i) {
    auto h = hash_from_hex(hex.substr(i * 64, 64));
    if (!h) return std::nullopt;
    f.peaks_.push_back(*h);
  }
  return f;
}

// --- MerkleTree -------------------------------------------------------------------

void MerkleTree::reserve(std::uint64_t n) {
  for (std::size_t k = 0; (n >> k) > 0; ++k) {
    if (levels_.size() <= k) levels_.emplace_back();
    levels_[k].reserve(n >> k);
  }
}

void MerkleTree::append(const Hash& leaf) {
  levels_[0].push_back(leaf);
  for (std::size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    if (levels_.size() <= k + 1) levels_.emplace_back();
    const auto& level = levels_[k];
    levels_[k + 1].push_back(hasher_.node(level[level.size() - 2], level[level.size() - 1]));
  }
}

Hash MerkleTree::subtree(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    const auto k = static_cast<std::size_t>(std::countr_zero(n));
    return levels_[k][begin >> k];
  }
  const std::uint64_t split = split_point(n);
  return hasher_.node(subtree(begin, begin + split), subtree(begin + split, end));
}

Hash MerkleTree::root(std::uint64_t n) const {
  assert(n <= size());
  if (n == 0) return hasher_.empty_root();
  return subtree(0, n);
}

void MerkleTree::path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (n == 1) return;
  const std::uint64_t k = split_point(n);
  if (index < k) {
    path(index, begin, begin + k, out);
    out.push_back(subtree(begin + k, end));
  } else {
    path(index - k, begin + k, end, out);
    out.push_back(subtree(begin, begin + k));
  }
}

std::vector<Hash> MerkleTree::inclusion_proof(std::uint64_t index, std::uint64_t n) const {
  assert(index < n && n <= size());
  std::vector<Hash> out;
  path(index, 0, n, out);
  return out;
}

void MerkleTree::subproof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool complete,
                          std::vector<Hash>& out) const {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (!complete) out.push_back(subtree(begin, end));
    return;
  }
  const std::uint64_t k = split_point(n);
  if (m <= k) {
    subproof(m, begin, begin + k, complete, out);
    out.push_back(subtree(begin + k, end));
  } else {
    subproof(m - k, begin + k, end, false, out);
    out.push_back(subtree(begin, begin + k));
  }
}

std::vector<Hash> MerkleTree::consistency_proof(std::uint64_t old_size, std::uint64_t new_size) const {
  assert(old_size <= new_size && new_size <= size());
  std::vector<Hash> out;
  if (old_size == 0 || old_size == new_size) return out;
  subproof(old_size, 0, new_size, true, out);
  return out;
}

// --- one-pass root and verification -------------------------------------------------

Hash merkle_root(const MerkleHasher& hasher, std::span<const Hash> leaves) {
  MerkleFrontier f(hasher);
  for (const Hash& h : leaves) f.append(h);
  return f.root();
}

bool verify_inclusion(const MerkleHasher& hasher, std::uint64_t index, std::uint64_t size, const Hash& leaf,
                      std::span<const Hash> proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = hasher.node(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = hasher.node(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(const MerkleHasher& hasher, std::uint64_t old_size, std::uint64_t new_size,
                        const Hash& old_root, const Hash& new_root, std::span<const Hash> proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty() && old_root == hasher.empty_root();
  if (proof.empty()) return false;

  // When the old tree is a perfect subtree its root is the first node of the path.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());

  std::uint64_t fn = old_size - 1;
  std::uint64_t sn = new_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = hasher.node(c, fr);
      sr = hasher.node(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = hasher.node(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == old_root && sr == new_root && sn == 0;
}

}  // namespace tafel::core::audit
