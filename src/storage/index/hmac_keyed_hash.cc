#include "storage/index/hmac_keyed_hash.h"

namespace tafel::storage {

HmacKeyedHash::HmacKeyedHash(std::span<const std::uint8_t> key) {
  crypto_auth_hmacsha256_init(&keyed_, key.data(), key.size());
}

HmacKeyedHash::~HmacKeyedHash() { sodium_memzero(&keyed_, sizeof keyed_); }

index::Digest HmacKeyedHash::digest(std::string_view message) const {
  crypto_auth_hmacsha256_state state = keyed_;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  index::Digest out;
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
  return out;
}

}  // namespace tafel::storage
