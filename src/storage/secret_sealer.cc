#include "storage/secret_sealer.h"

#include <sodium.h>

#include <cassert>
#include <stdexcept>

#include "core/audit/hash.h"

namespace tafel::storage {

SecretSealer::SecretSealer(std::span<const std::uint8_t> key) : key_(key.begin(), key.end()) {
  assert(key.size() == crypto_secretbox_KEYBYTES);
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string SecretSealer::seal(std::span<const std::uint8_t> plain) const {
  std::vector<std::uint8_t> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES, plain.data(), plain.size(), out.data(),
                        key_.data());
  return std::string(kPrefix) + core::audit::to_hex(out);
}

std::optional<std::vector<std::uint8_t>> SecretSealer::open(std::string_view sealed) const {
  if (!is_sealed(sealed)) return std::nullopt;
  auto bytes = core::audit::bytes_from_hex(sealed.substr(kPrefix.size()));
  if (!bytes || bytes->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes->data());
  std::vector<std::uint8_t> plain(bytes->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
  if (crypto_secretbox_open_easy(plain.data(), data + crypto_secretbox_NONCEBYTES,
                                 bytes->size() - crypto_secretbox_NONCEBYTES, data, key_.data()) != 0) {
    return std::nullopt;
  }
  return plain;
}

}  // namespace tafel::storage
