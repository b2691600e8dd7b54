#include "storage/audit_crypto.h"

// The one-shot SHA256_* functions are the fastest path into OpenSSL's SHA-NI/AVX2
// code (no EVP provider lookup per call); OpenSSL 3 marks them deprecated only in
// favour of EVP, so the warning is switched off for them alone.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <fcntl.h>
#include <sys/stat.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "storage/database_url.h"

namespace tafel::storage {
namespace {

using core::audit::to_hex;

constexpr std::string_view kKeyHeader = "tafel-audit-key-1\n";

void ensure_sodium() {
  // sodium_init is idempotent and thread-safe; -1 means no usable randomness.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

Result<AuditKey> parse_key_file(const std::string& path, const std::string& text);

// Creates the directory of `key_path` when missing, private to the owner (0700).
Result<void> make_key_directory(const std::string& key_path) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(key_path).parent_path();
  if (dir.empty()) return {};
  std::error_code ec;
  if (fs::exists(dir, ec)) return {};
  fs::create_directories(dir, ec);
  if (ec) return fail("audit_key", "cannot create the key directory " + dir.string());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  return {};
}

}  // namespace

core::audit::Hash audit_sha256(std::span<const std::uint8_t> data) {
  // OpenSSL rather than libsodium: libsodium's SHA-256 is portable C, OpenSSL's uses
  // the CPU's SHA extensions, which makes `tafel audit verify` several times faster.
  core::audit::Hash h;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(h.data(), &ctx);
  return h;
}

bool audit_verify_signature(std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature,
                            std::span<const std::uint8_t> public_key) {
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), public_key.data()) == 0;
}

std::string legacy_audit_key_path(const std::string& database_url) {
  auto url = parse_database_url(database_url);
  if (url && url->engine == Engine::sqlite) return url->sqlite_path + ".audit-key";
  return "var/tafel.audit-key";
}

std::string resolve_audit_key_path(const std::string& explicit_path, const std::string& keys_dir) {
  if (!explicit_path.empty()) return explicit_path;
  const char* env = std::getenv("TAFEL_AUDIT_KEY");
  if (env && *env) return env;
  return (std::filesystem::path(keys_dir.empty() ? std::string(kDefaultKeysDir) : keys_dir) / kInstanceKeyFile)
      .string();
}

Result<std::string> adopt_legacy_key(const std::string& key_path, const std::string& database_url) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string legacy = legacy_audit_key_path(database_url);
  if (fs::exists(key_path, ec) || !fs::exists(legacy, ec)) return std::string();
  if (auto made = make_key_directory(key_path); !made) return tl::unexpected(made.error());
  // rename() keeps the file's mode and is atomic; across file systems, copy it
  // privately and remove the old one only once the copy is safely written.
  if (::rename(legacy.c_str(), key_path.c_str()) != 0) {
    if (errno != EXDEV) return fail("audit_key", "cannot move the key file " + legacy + " to " + key_path);
    std::ifstream in(legacy, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string bytes = text.str();
    const int fd = ::open(key_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (!in || fd < 0) return fail("audit_key", "cannot move the key file " + legacy + " to " + key_path);
    const bool written =
        ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
      ::unlink(key_path.c_str());
      return fail("audit_key", "cannot move the key file " + legacy + " to " + key_path);
    }
    ::unlink(legacy.c_str());
  }
  return legacy;
}

AuditKey AuditKey::from_seed(std::span<const std::uint8_t> seed) {
  ensure_sodium();
  AuditKey key;
  std::uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  std::uint8_t sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  key.secret_key_.assign(reinterpret_cast<const char*>(sk), sizeof sk);
  key.public_key_hex_ = to_hex(std::span<const std::uint8_t>(pk, sizeof pk));
  // A separate key for pseudonyms, so that the signing seed is never used twice.
  std::uint8_t derived[32];
  static constexpr char kContext[] = "tafel-audit-source-pseudonym";
  crypto_generichash(derived, sizeof derived, reinterpret_cast<const std::uint8_t*>(kContext), sizeof kContext - 1,
                     seed.data(), seed.size());
  key.pseudonym_key_.assign(reinterpret_cast<const char*>(derived), sizeof derived);
  static constexpr char kDerivation[] = "tafel-instance-key-derivation";
  crypto_generichash(derived, sizeof derived, reinterpret_cast<const std::uint8_t*>(kDerivation),
                     sizeof kDerivation - 1, seed.data(), seed.size());
  key.derivation_key_.assign(reinterpret_cast<const char*>(derived), sizeof derived);
  auto person = key.derive_key("person-pseudonym");
  key.person_key_.assign(reinterpret_cast<const char*>(person.data()), person.size());
  sodium_memzero(person.data(), person.size());
  sodium_memzero(sk, sizeof sk);
  sodium_memzero(derived, sizeof derived);
  return key;
}

AuditKey AuditKey::generate() {
  ensure_sodium();
  std::uint8_t seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  AuditKey key = from_seed(seed);
  sodium_memzero(seed, sizeof seed);
  return key;
}

std::string AuditKey::sign_hex(std::string_view message) const {
  std::uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const std::uint8_t*>(message.data()), message.size(),
                       reinterpret_cast<const std::uint8_t*>(secret_key_.data()));
  return to_hex(std::span<const std::uint8_t>(sig, sizeof sig));
}

std::string AuditKey::pseudonymise_source(std::string_view address) const {
  std::uint8_t out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const std::uint8_t*>(address.data()), address.size(),
                     reinterpret_cast<const std::uint8_t*>(pseudonym_key_.data()), pseudonym_key_.size());
  return to_hex(std::span<const std::uint8_t>(out, sizeof out));
}

std::string AuditKey::pseudonymise_person(std::string_view person_id) const {
  static_assert(crypto_auth_hmacsha256_KEYBYTES == 32);
  std::uint8_t mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const std::uint8_t*>(person_id.data()), person_id.size(),
                         reinterpret_cast<const std::uint8_t*>(person_key_.data()));
  return "p1:" + to_hex(std::span<const std::uint8_t>(mac, sizeof mac));
}

std::vector<std::uint8_t> AuditKey::derive_key(std::string_view purpose) const {
  std::vector<std::uint8_t> out(32);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const std::uint8_t*>(purpose.data()), purpose.size(),
                     reinterpret_cast<const std::uint8_t*>(derivation_key_.data()), derivation_key_.size());
  return out;
}

namespace {

Result<AuditKey> parse_key_file(const std::string& path, const std::string& text) {
  if (text.rfind(kKeyHeader, 0) != 0) return fail("audit_key", "not a tafel audit key file: " + path);
  std::string hex = text.substr(kKeyHeader.size());
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  auto seed = core::audit::bytes_from_hex(hex);
  if (!seed || seed->size() != crypto_sign_SEEDBYTES) return fail("audit_key", "malformed audit key file: " + path);
  AuditKey key = AuditKey::from_seed(bytes(*seed));
  sodium_memzero(seed->data(), seed->size());
  return key;
}

}  // namespace

Result<AuditKey> AuditKey::load(const std::string& path) {
  // A key others can read is a key others hold: refuse it rather than sign with it.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return fail("audit_key", "cannot read the audit key file " + path);
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return fail("audit_key", "the key file " + path + " is accessible by group or others (mode " + mode +
                                 "); run: chmod 600 " + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("audit_key", "cannot read the audit key file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_key_file(path, text.str());
}

Result<AuditKey> AuditKey::load_or_create(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec)) return load(path);
  ensure_sodium();
  if (auto made = make_key_directory(path); !made) return tl::unexpected(made.error());

  std::uint8_t seed[crypto_sign_SEEDBYTES];
  randombytes_buf(seed, sizeof seed);
  const std::string text = std::string(kKeyHeader) + to_hex(std::span<const std::uint8_t>(seed, sizeof seed)) + "\n";
  sodium_memzero(seed, sizeof seed);

  // Write a private temporary file, then link() it into place: link fails when the
  // key already exists, so two processes starting at once end up with one key.
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail("audit_key", "cannot create the audit key file " + path);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    return fail("audit_key", "cannot write the audit key file " + path);
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST) return fail("audit_key", "cannot create the audit key file " + path);
  return load(path);
}

}  // namespace tafel::storage
