// TLS: the server with a self-signed certificate made for the test, spoken to by an
// OpenSSL client; HSTS appears only with TLS; unreadable key files fail listen().

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "http/log_event.h"
#include "raw_client.h"
#include "test_server.h"

namespace tafel::http {
namespace {

using namespace std::chrono_literals;

// Writes a fresh self-signed P-256 certificate and key for 127.0.0.1 into `dir`.
void write_self_signed(const std::filesystem::path& dir) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  FILE* f = std::fopen((dir / "cert.pem").c_str(), "w");
  PEM_write_X509(f, cert);
  std::fclose(f);
  f = std::fopen((dir / "key.pem").c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  X509_free(cert);
  EVP_PKEY_free(key);
}

// One HTTPS GET with a fresh connection; returns the raw response text.
std::string https_get(std::uint16_t port, const std::string& target) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(ctx);
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1) {
      std::string request = testing::get_request(target, "Connection: close\r\n");
      SSL_write(ssl, request.data(), static_cast<int>(request.size()));
      char buffer[4096];
      int n;
      while ((n = SSL_read(ssl, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  return out;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(configure_json_logging("off").has_value());
    char dir_template[] = "/tmp/tafel-tls-test-XXXXXX";
    dir_ = mkdtemp(dir_template);
    write_self_signed(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(TlsTest, ServesOverTlsWithStrictTransportSecurity) {
  auto options = testing::fast_options();
  options.tls_certificate_file = (dir_ / "cert.pem").string();
  options.tls_key_file = (dir_ / "key.pem").string();
  testing::TestServer server([](Router& router, Metrics&) {
    router.add("GET", "/ok", [](Request&) { return Response::text(200, "secure"); });
  }, options);
  EXPECT_EQ(server.server->url().rfind("https://", 0), 0u);
  std::string response = https_get(server.port(), "/ok");
  EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
  EXPECT_NE(response.find("Strict-Transport-Security: max-age=31536000; includeSubDomains"), std::string::npos);
  EXPECT_NE(response.find("secure"), std::string::npos);

  // Plain HTTP on the TLS port gets no answer, only a closed connection.
  testing::RawConnection plain(server.port());
  plain.send(testing::get_request("/ok"));
  testing::RawResponse r;
  EXPECT_NE(plain.read_response(r, 2s), testing::ReadOutcome::response);
}

TEST_F(TlsTest, UnreadableKeyFailsListen) {
  Router router;
  Metrics metrics;
  auto options = testing::fast_options();
  options.tls_certificate_file = (dir_ / "cert.pem").string();
  options.tls_key_file = (dir_ / "missing.pem").string();
  Server server(options, router, metrics);
  auto bound = server.listen();
  ASSERT_FALSE(bound.has_value());
  EXPECT_EQ(bound.error().code, "tls_error");

  options.tls_key_file.clear();  // a certificate without a key
  Server half(options, router, metrics);
  EXPECT_FALSE(half.listen().has_value());
}

}  // namespace
}  // namespace tafel::http
