#include "core/audit/checkpoint.h"

namespace tafel::core::audit {
namespace {

std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string signed_message(std::uint64_t size, const Hash& root, std::int64_t time_us) {
  return "tafel-audit-checkpoint-1\n" + std::to_string(size) + "\n" + to_hex(root) + "\n" + std::to_string(time_us) +
         "\n";
}

bool checkpoint_signed_by(const Checkpoint& c, std::string_view public_key_hex, VerifySignature verify) {
  if (c.public_key_hex != public_key_hex) return false;
  const auto key = bytes_from_hex(public_key_hex);
  const auto signature = bytes_from_hex(c.signature_hex);
  if (!key || key->size() != 32 || !signature || signature->size() != 64) return false;
  const std::string message = signed_message(c.size, c.root, c.time_us);
  return verify(as_bytes(message), as_bytes(*signature), as_bytes(*key));
}

}  // namespace tafel::core::audit
