#include "crypto/master_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sstream>

namespace tafel::crypto {

namespace {
constexpr std::string_view kIdLabel = "tafel master key id v1";

std::string hex(const std::uint8_t* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}
}  // namespace

MasterKey MasterKey::from_bytes(std::vector<std::uint8_t> bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::uint8_t digest[8];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(kIdLabel.data()), kIdLabel.size(),
                     bytes.data(), bytes.size());
  MasterKey key;
  key.bytes = std::move(bytes);
  key.id = hex(digest, sizeof digest);
  return key;
}

MasterKey MasterKey::generate() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::vector<std::uint8_t> bytes(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  randombytes_buf(bytes.data(), bytes.size());
  return from_bytes(std::move(bytes));
}

bool key_file_exists(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0;
}

Result<MasterKey> read_master_key(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return fail("master_key", "the master key file " + path + " is missing");
  if ((st.st_mode & 077) != 0) {
    return fail("master_key", "the master key file " + path +
                                  " may be read or written by group or others; run: chmod 600 " + path);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return fail("master_key", "cannot read the master key file " + path);
  std::string content = text.str();
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r' || content.back() == ' ')) {
    content.pop_back();
  }
  std::vector<std::uint8_t> bytes(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  std::size_t length = 0;
  if (content.size() != bytes.size() * 2 ||
      sodium_hex2bin(bytes.data(), bytes.size(), content.data(), content.size(), nullptr, &length, nullptr) != 0 ||
      length != bytes.size()) {
    return fail("master_key", "the master key file " + path + " does not hold a key (64 hex digits)");
  }
  return MasterKey::from_bytes(std::move(bytes));
}

Result<void> write_master_key(const std::string& path, const MasterKey& key) {
  std::filesystem::path file(path);
  std::error_code ec;
  if (file.has_parent_path() && !std::filesystem::exists(file.parent_path(), ec)) {
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return fail("master_key", "cannot create the keys directory " + file.parent_path().string());
    ::chmod(file.parent_path().c_str(), 0700);
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail("master_key", "cannot create the master key file " + path + ": " + std::strerror(errno));
  }
  std::string text = hex(key.bytes.data(), key.bytes.size()) + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return fail("master_key", "cannot write the master key file " + path);
  }
  return {};
}

}  // namespace tafel::crypto
