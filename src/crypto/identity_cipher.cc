#include "crypto/identity_cipher.h"

#include <sodium.h>

#include <stdexcept>

namespace tafel::crypto {

namespace {

using app::cases::Identity;
using app::cases::SealedIdentity;
using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kKey = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::string_view kCheckText = "tafel master key check";

std::string identity_ad(std::int64_t id) { return "tafel/case-identity/v1/" + std::to_string(id); }
std::string key_ad(std::int64_t id) { return "tafel/case-key/v1/" + std::to_string(id); }
const std::string kCheckAd = "tafel/master-key-check/v1";

std::string to_hex(const Bytes& b) {
  std::string out(b.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b.data(), b.size());
  out.pop_back();
  return out;
}

std::optional<Bytes> from_hex(const std::string& text) {
  if (text.size() % 2 != 0) return std::nullopt;
  Bytes out(text.size() / 2);
  std::size_t length = 0;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr) != 0 ||
      length != out.size()) {
    return std::nullopt;
  }
  return out;
}

// nonce || ciphertext of `plain` under `key`, bound to `ad`.
Bytes encrypt(const std::uint8_t* plain, std::size_t size, const std::string& ad, const Bytes& key) {
  Bytes out(kNonce + size + kTag);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &written, plain, size,
                                             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                             out.data(), key.data());
  out.resize(kNonce + written);
  return out;
}

std::optional<Bytes> decrypt(const Bytes& sealed, const std::string& ad, const Bytes& key) {
  if (sealed.size() < kNonce + kTag) return std::nullopt;
  Bytes plain(sealed.size() - kNonce - kTag);
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &length, nullptr, sealed.data() + kNonce,
                                                 sealed.size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                 sealed.data(), key.data()) != 0) {
    return std::nullopt;
  }
  plain.resize(length);
  return plain;
}

// The identity as bytes: each field as a 4-byte big-endian length and its bytes.
Bytes encode(const Identity& id) {
  Bytes out;
  for (const std::string* f : {&id.name, &id.birth_date, &id.address, &id.national_number, &id.details}) {
    auto n = static_cast<std::uint32_t>(f->size());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>((n >> shift) & 0xFF));
    out.insert(out.end(), f->begin(), f->end());
  }
  return out;
}

std::optional<Identity> decode(const Bytes& b) {
  Identity id;
  std::size_t at = 0;
  for (std::string* f : {&id.name, &id.birth_date, &id.address, &id.national_number, &id.details}) {
    if (b.size() - at < 4) return std::nullopt;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | b[at + static_cast<std::size_t>(i)];
    at += 4;
    if (b.size() - at < n) return std::nullopt;
    f->assign(reinterpret_cast<const char*>(b.data() + at), n);
    at += n;
  }
  if (at != b.size()) return std::nullopt;
  return id;
}

Result<Identity> unreadable(std::string message) { return fail("identity_unreadable", std::move(message)); }

}  // namespace

SodiumIdentityCipher::SodiumIdentityCipher(MasterKey key) : key_(std::move(key)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  if (key_.bytes.size() != kKey) throw std::invalid_argument("a master key has 32 bytes");
}

Result<SealedIdentity> SodiumIdentityCipher::seal(std::int64_t case_id, const Identity& identity) const {
  Bytes data_key(kKey);
  crypto_aead_xchacha20poly1305_ietf_keygen(data_key.data());
  Bytes plain = encode(identity);
  SealedIdentity out;
  out.ciphertext = to_hex(encrypt(plain.data(), plain.size(), identity_ad(case_id), data_key));
  out.wrapped_key = to_hex(encrypt(data_key.data(), data_key.size(), key_ad(case_id), key_.bytes));
  out.key_id = key_.id;
  sodium_memzero(data_key.data(), data_key.size());
  sodium_memzero(plain.data(), plain.size());
  return out;
}

std::optional<Bytes> SodiumIdentityCipher::unwrap(std::int64_t case_id, const std::string& wrapped) const {
  auto bytes = from_hex(wrapped);
  if (!bytes) return std::nullopt;
  auto data_key = decrypt(*bytes, key_ad(case_id), key_.bytes);
  if (!data_key || data_key->size() != kKey) return std::nullopt;
  return data_key;
}

Result<Identity> SodiumIdentityCipher::open(std::int64_t case_id, const SealedIdentity& sealed) const {
  if (sealed.key_id != key_.id) {
    return unreadable("case " + std::to_string(case_id) + " is sealed under master key " + sealed.key_id +
                      ", not the current " + key_.id);
  }
  auto data_key = unwrap(case_id, sealed.wrapped_key);
  if (!data_key) return unreadable("the data key of case " + std::to_string(case_id) + " does not open");
  auto bytes = from_hex(sealed.ciphertext);
  std::optional<Bytes> plain = bytes ? decrypt(*bytes, identity_ad(case_id), *data_key) : std::nullopt;
  sodium_memzero(data_key->data(), data_key->size());
  if (!plain) return unreadable("the identity of case " + std::to_string(case_id) + " does not open");
  auto identity = decode(*plain);
  sodium_memzero(plain->data(), plain->size());
  if (!identity) return unreadable("the identity of case " + std::to_string(case_id) + " is malformed");
  return *identity;
}

Result<SealedIdentity> SodiumIdentityCipher::rewrap(std::int64_t case_id, const SealedIdentity& sealed,
                                                    const SodiumIdentityCipher& to) const {
  auto data_key = sealed.key_id == key_.id ? unwrap(case_id, sealed.wrapped_key) : std::nullopt;
  if (!data_key) {
    return fail("identity_unreadable", "the data key of case " + std::to_string(case_id) + " does not open");
  }
  SealedIdentity out = sealed;
  out.wrapped_key = to_hex(encrypt(data_key->data(), data_key->size(), key_ad(case_id), to.key_.bytes));
  out.key_id = to.key_.id;
  sodium_memzero(data_key->data(), data_key->size());
  return out;
}

std::string SodiumIdentityCipher::key_check() const {
  return to_hex(encrypt(reinterpret_cast<const std::uint8_t*>(kCheckText.data()), kCheckText.size(), kCheckAd,
                        key_.bytes));
}

bool SodiumIdentityCipher::verifies(const std::string& check) const {
  auto bytes = from_hex(check);
  if (!bytes) return false;
  auto plain = decrypt(*bytes, kCheckAd, key_.bytes);
  return plain && std::string_view(reinterpret_cast<const char*>(plain->data()), plain->size()) == kCheckText;
}

}  // namespace tafel::crypto
