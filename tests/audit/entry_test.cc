// Entry encoding and the pure log verifier, without a database.
#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "core/audit/checkpoint.h"
#include "core/audit/entry.h"
#include "core/audit/inclusion_bundle.h"
#include "core/audit/log_verifier.h"

namespace tafel::core::audit {
namespace {

Hash sodium_sha256(std::span<const std::uint8_t> data) {
  Hash h;
  crypto_hash_sha256(h.data(), data.data(), data.size());
  return h;
}

bool sodium_verify(std::span<const std::uint8_t> m, std::span<const std::uint8_t> s, std::span<const std::uint8_t> k) {
  return s.size() == 64 && k.size() == 32 && crypto_sign_verify_detached(s.data(), m.data(), m.size(), k.data()) == 0;
}

const MerkleHasher hasher(&sodium_sha256);

Entry entry(std::uint64_t seq) {
  Entry e;
  e.seq = seq;
  e.time_us = 1'767'225'600'000'000 + static_cast<std::int64_t>(seq);
  e.actor = "u1";
  e.organisation = "o1";
  e.action = Action::view;
  e.object_type = "situation";
  e.object_id = "s" + std::to_string(seq);
  return e;
}

TEST(EntryTest, CanonicalBytesAreInjectiveAcrossFieldBoundaries) {
  Entry a = entry(1);
  Entry b = a;
  a.object_type = "ab";
  a.object_id = "c";
  b.object_type = "a";
  b.object_id = "bc";
  EXPECT_NE(canonical_bytes(a), canonical_bytes(b));
  Entry c = entry(1);
  c.seq = 2;
  EXPECT_NE(canonical_bytes(entry(1)), canonical_bytes(c));
}

TEST(EntryTest, CanonicalBytesHaveTheDocumentedLayout) {
  Entry e;
  e.seq = 1;
  e.time_us = 2;
  e.action = Action::login;
  const std::string bytes = canonical_bytes(e);
  const std::string expected = std::string("tafel-audit-1") + std::string("\0\0\0\0\0\0\0\1", 8) +
                               std::string("\0\0\0\0\0\0\0\2", 8) + std::string(4, '\0') + std::string(4, '\0') +
                               std::string("\0\0\0\5login", 9) + std::string(4 * 6, '\0') +
                               std::string("\0\0\0\7success", 11);
  EXPECT_EQ(bytes, expected);
}

TEST(EntryTest, ActionsAndOutcomesRoundTrip) {
  for (auto a : {Action::login, Action::login_failed, Action::remove, Action::export_data, Action::sharing_decision,
                 Action::agreement_signature, Action::rights_change}) {
    EXPECT_EQ(parse_action(action_name(a)), a);
  }
  EXPECT_EQ(action_name(Action::remove), "delete");
  EXPECT_FALSE(parse_action("drop_table"));
  EXPECT_EQ(parse_outcome("denied"), Outcome::denied);
  EXPECT_FALSE(parse_outcome("maybe"));
}

TEST(EntryTest, ValidationRejectsControlCharactersAndHugeFields) {
  Entry e = entry(1);
  EXPECT_TRUE(validate(e));
  e.request_id = "a\x1b[31m";
  EXPECT_EQ(validate(e).error().code, "invalid_audit_entry");
  e = entry(1);
  e.object_id = std::string(257, 'x');
  EXPECT_FALSE(validate(e));
}

class LogVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_sign_keypair(pk_, sk_);
    public_hex_ = to_hex(std::span<const std::uint8_t>(pk_, 32));
    MerkleFrontier f(hasher);
    for (std::uint64_t seq = 1; seq <= 10; ++seq) {
      entries_.push_back(entry(seq));
      leaves_.push_back(hasher.leaf(canonical_bytes(entries_.back())));
      f.append(leaves_.back());
      if (seq % 4 == 0) checkpoints_.push_back(sign(seq, f.root()));
    }
    root_ = f.root();
  }

  Checkpoint sign(std::uint64_t size, const Hash& root) {
    Checkpoint c{size, root, 42, public_hex_, ""};
    const std::string m = signed_message(size, root, 42);
    std::uint8_t sig[64];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const std::uint8_t*>(m.data()), m.size(), sk_);
    c.signature_hex = to_hex(std::span<const std::uint8_t>(sig, 64));
    return c;
  }

  VerifyReport run(const std::vector<Entry>& entries, const std::vector<Hash>& leaves, std::uint64_t head_size) {
    LogVerifier v(hasher, &sodium_verify, public_hex_, checkpoints_);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!v.add(entries[i], leaves[i])) break;
    }
    return v.finish(head_size, root_);
  }

  std::uint8_t pk_[32];
  std::uint8_t sk_[64];
  std::string public_hex_;
  std::vector<Entry> entries_;
  std::vector<Hash> leaves_;
  std::vector<Checkpoint> checkpoints_;
  Hash root_{};
};

TEST_F(LogVerifierTest, IntactLog) {
  const auto r = run(entries_, leaves_, 10);
  EXPECT_TRUE(r.intact());
  EXPECT_EQ(r.entries, 10u);
  EXPECT_EQ(r.checkpoints, 2u);
  EXPECT_EQ(r.root, root_);
}

TEST_F(LogVerifierTest, NamesTheFirstAlteredEntryEvenWhenLaterOnesAreAlteredToo) {
  auto entries = entries_;
  entries[5].actor = "u2";
  entries[8].actor = "u2";
  const auto r = run(entries, leaves_, 10);
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.problem->seq, 6u);
  EXPECT_EQ(r.problem->kind, "altered");
}

TEST_F(LogVerifierTest, HeadThatDisagreesWithTheEntriesIsReported) {
  auto r = run(entries_, leaves_, 12);
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.problem->kind, "removed");
  EXPECT_EQ(r.problem->seq, 11u);
  r = run(entries_, leaves_, 9);
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.problem->kind, "inserted");
  EXPECT_EQ(r.problem->seq, 10u);
}

TEST_F(LogVerifierTest, CheckpointBeyondTheEndMeansTruncation) {
  std::vector<Entry> entries(entries_.begin(), entries_.begin() + 6);
  std::vector<Hash> leaves(leaves_.begin(), leaves_.begin() + 6);
  const auto r = run(entries, leaves, 6);
  ASSERT_FALSE(r.intact());
  EXPECT_EQ(r.problem->kind, "removed");
  EXPECT_EQ(r.problem->seq, 7u);
}

}  // namespace
}  // namespace tafel::core::audit
