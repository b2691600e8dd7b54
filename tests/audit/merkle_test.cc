// Merkle tree math against the RFC 6962 / Certificate Transparency reference vectors,
// and exhaustively over small trees: every proof verifies, every mangled one fails.
#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "core/audit/hash.h"
#include "core/audit/merkle.h"

namespace tafel::core::audit {
namespace {

Hash sodium_sha256(std::span<const std::uint8_t> data) {
  Hash h;
  crypto_hash_sha256(h.data(), data.data(), data.size());
  return h;
}

const MerkleHasher hasher(&sodium_sha256);


// The eight reference leaves of the CT test suite (hex) and the root for each size.
const std::vector<std::string> kLeaves = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kRoots = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

MerkleTree reference_tree() {
  MerkleTree tree(hasher);
  for (const auto& hex : kLeaves) tree.append(hasher.leaf(*bytes_from_hex(hex)));
  return tree;
}

std::vector<std::string> hexes(const std::vector<Hash>& hashes) {
  std::vector<std::string> out;
  for (const auto& h : hashes) out.push_back(to_hex(h));
  return out;
}

TEST(MerkleTest, RootsMatchTheReferenceForEverySize) {
  const MerkleTree tree = reference_tree();
  MerkleFrontier frontier(hasher);
  EXPECT_EQ(to_hex(frontier.root()), kRoots[0]);
  for (std::uint64_t n = 0; n <= 8; ++n) {
    EXPECT_EQ(to_hex(tree.root(n)), kRoots[n]) << "size " << n;
    if (n > 0) {
      frontier.append(tree.leaf(n - 1));
      EXPECT_EQ(to_hex(frontier.root()), kRoots[n]) << "frontier size " << n;
      std::vector<Hash> leaves;
      for (std::uint64_t i = 0; i < n; ++i) leaves.push_back(tree.leaf(i));
      EXPECT_EQ(to_hex(merkle_root(hasher, leaves)), kRoots[n]);
    }
  }
}

TEST(MerkleTest, InclusionProofsMatchTheReference) {
  const MerkleTree tree = reference_tree();
  EXPECT_TRUE(tree.inclusion_proof(0, 1).empty());
  EXPECT_EQ(hexes(tree.inclusion_proof(0, 8)),
            (std::vector<std::string>{"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}));
  EXPECT_EQ(hexes(tree.inclusion_proof(5, 8)),
            (std::vector<std::string>{"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                                      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
}

TEST(MerkleTest, ConsistencyProofsMatchTheReference) {
  const MerkleTree tree = reference_tree();
  EXPECT_EQ(hexes(tree.consistency_proof(2, 8)),
            (std::vector<std::string>{"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}));
  EXPECT_EQ(hexes(tree.consistency_proof(6, 8)),
            (std::vector<std::string>{"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                                      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_EQ(hexes(tree.consistency_proof(2, 5)),
            (std::vector<std::string>{"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}));
}

// Every leaf of every tree up to 40 leaves: the proof verifies, and a proof that is
// flipped, truncated, extended, or checked against the wrong index, size or root fails.
TEST(MerkleTest, EveryInclusionProofVerifiesAndNoMangledOneDoes) {
  MerkleTree tree(hasher);
  for (int i = 0; i < 40; ++i) tree.append(hasher.leaf("leaf " + std::to_string(i)));
  for (std::uint64_t n = 1; n <= 40; ++n) {
    const Hash root = tree.root(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      auto proof = tree.inclusion_proof(i, n);
      ASSERT_TRUE(verify_inclusion(hasher, i, n, tree.leaf(i), proof, root)) << i << "/" << n;
      EXPECT_FALSE(verify_inclusion(hasher, i, n, tree.leaf((i + 1) % 40), proof, root));
      if (n < 40) {
        EXPECT_FALSE(verify_inclusion(hasher, i, n, tree.leaf(i), proof, tree.root(n + 1)));
      }
      EXPECT_FALSE(verify_inclusion(hasher, n, n, tree.leaf(i), proof, root));
      if (n > 1) {
        EXPECT_FALSE(verify_inclusion(hasher, (i + 1) % n, n, tree.leaf(i), proof, root));
        auto flipped = proof;
        flipped.back()[7] ^= 1;
        EXPECT_FALSE(verify_inclusion(hasher, i, n, tree.leaf(i), flipped, root));
        auto truncated = proof;
        truncated.pop_back();
        EXPECT_FALSE(verify_inclusion(hasher, i, n, tree.leaf(i), truncated, root));
      }
      auto extended = proof;
      extended.push_back(root);
      EXPECT_FALSE(verify_inclusion(hasher, i, n, tree.leaf(i), extended, root));
    }
  }
}

TEST(MerkleTest, EveryConsistencyProofVerifiesAndNoMangledOneDoes) {
  MerkleTree tree(hasher);
  for (int i = 0; i < 33; ++i) tree.append(hasher.leaf("leaf " + std::to_string(i)));
  for (std::uint64_t n = 0; n <= 33; ++n) {
    for (std::uint64_t m = 0; m <= n; ++m) {
      auto proof = tree.consistency_proof(m, n);
      ASSERT_TRUE(verify_consistency(hasher, m, n, tree.root(m), tree.root(n), proof)) << m << "->" << n;
      if (m > 0 && m < n) {
        EXPECT_FALSE(verify_consistency(hasher, m, n, tree.root(m - 1), tree.root(n), proof));
        EXPECT_FALSE(verify_consistency(hasher, m, n, tree.root(m), tree.root(n - 1), proof));
        auto flipped = proof;
        flipped.front()[3] ^= 0x80;
        EXPECT_FALSE(verify_consistency(hasher, m, n, tree.root(m), tree.root(n), flipped));
        auto truncated = proof;
        truncated.pop_back();
        EXPECT_FALSE(verify_consistency(hasher, m, n, tree.root(m), tree.root(n), truncated));
      }
    }
  }
  EXPECT_FALSE(verify_consistency(hasher, 5, 3, tree.root(5), tree.root(3), {}));
}

TEST(MerkleTest, FrontierSurvivesEncodeAndDecode) {
  MerkleFrontier f(hasher);
  for (int i = 0; i < 13; ++i) f.append(hasher.leaf(std::to_string(i)));
  auto copy = MerkleFrontier::decode(hasher, f.size(), f.encode());
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->root(), f.root());
  copy->append(hasher.leaf("13"));
  f.append(hasher.leaf("13"));
  EXPECT_EQ(copy->root(), f.root());
  EXPECT_FALSE(MerkleFrontier::decode(hasher, 12, f.encode()));  // wrong number of peaks
  EXPECT_FALSE(MerkleFrontier::decode(hasher, 14, std::string(f.encode().size(), 'x')));
}

TEST(MerkleTest, SplitPointIsTheLargestPowerOfTwoBelow) {
  EXPECT_EQ(split_point(2), 1u);
  EXPECT_EQ(split_point(3), 2u);
  EXPECT_EQ(split_point(4), 2u);
  EXPECT_EQ(split_point(5), 4u);
  EXPECT_EQ(split_point(1000), 512u);
  EXPECT_EQ(split_point(std::uint64_t{1} << 40), std::uint64_t{1} << 39);
}

}  // namespace
}  // namespace tafel::core::audit
