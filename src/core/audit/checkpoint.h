#pragma once
// A signed checkpoint: "the log had `size` entries with Merkle root `root` at `time`",
// signed with the log's Ed25519 key. Once a party's DPO holds a copy, the operator can
// no longer rewrite any of those entries without the root (and so the signature)
// failing to match.

#include <cstdint>
#include <span>
#include <string>

#include "core/audit/hash.h"

namespace tafel::core::audit {

struct Checkpoint {
  std::uint64_t size = 0;
  Hash root{};
  std::int64_t time_us = 0;     // UTC microseconds since the Unix epoch
  std::string public_key_hex;   // the Ed25519 public key that signed it (64 hex digits)
  std::string signature_hex;    // Ed25519 signature of signed_message() (128 hex digits)

  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// The exact bytes that are signed: the text
// "tafel-audit-checkpoint-1\n<size>\n<root hex>\n<time_us>\n" (decimal integers).
// Text so that a DPO can re-create it by hand and check it with any Ed25519 tool.
std::string signed_message(std::uint64_t size, const Hash& root, std::int64_t time_us);

// Checks an Ed25519 signature; injected (libsodium in the adapter). Returns false on
// malformed input, never throws.
using VerifySignature = bool (*)(std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature,
                                 std::span<const std::uint8_t> public_key);

// True when the checkpoint's signature is valid for its own fields and was made by
// `public_key_hex` (which must equal checkpoint.public_key_hex).
bool checkpoint_signed_by(const Checkpoint& checkpoint, std::string_view public_key_hex, VerifySignature verify);

}  // namespace tafel::core::audit
