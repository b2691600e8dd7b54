// The crypto adapter against published vectors: RFC 4226 (HOTP), RFC 6238 (TOTP,
// SHA-1), RFC 4648 (base32), and Argon2id at the OWASP parameters.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/access/base32.h"
#include "core/access/totp_window.h"
#include "crypto/qr_svg.h"
#include "crypto/sodium_crypto.h"

namespace tafel {
namespace {

std::vector<std::uint8_t> bytes(std::string_view text) { return {text.begin(), text.end()}; }

TEST(Hotp, MatchesRfc4226Vectors) {
  crypto::SodiumCrypto c;
  auto secret = bytes("12345678901234567890");
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(c.hotp(secret, i), expected[i]) << "counter " << i;
}

TEST(Totp, MatchesRfc6238Sha1Vectors) {
  auto secret = bytes("12345678901234567890");
  struct Vector {
    std::int64_t time;
    const char* code;
  } vectors[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                 {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& v : vectors) {
    auto step = access::totp_step(v.time);
    EXPECT_EQ(crypto::hotp_digits(secret, static_cast<std::uint64_t>(step), 8), v.code) << "time " << v.time;
  }
}

TEST(TotpWindow, AcceptsOneStepEitherSideButNeverAReusedStep) {
  // t = 3000 s is step 100.
  EXPECT_EQ(access::totp_candidate_steps(3000, -1), (std::vector<std::int64_t>{100, 99, 101}));
  EXPECT_EQ(access::totp_candidate_steps(3000, 99), (std::vector<std::int64_t>{100, 101}));
  EXPECT_EQ(access::totp_candidate_steps(3000, 100), (std::vector<std::int64_t>{101}));
  EXPECT_TRUE(access::totp_candidate_steps(3000, 101).empty());
}

TEST(Base32, MatchesRfc4648Vectors) {
  struct Vector {
    const char* plain;
    const char* encoded;
  } vectors[] = {{"", ""},          {"f", "MY"},          {"fo", "MZXQ"},          {"foo", "MZXW6"},
                 {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
  for (const auto& v : vectors) {
    EXPECT_EQ(access::base32_encode(bytes(v.plain)), v.encoded);
    auto decoded = access::base32_decode(v.encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes(v.plain));
  }
  EXPECT_EQ(access::base32_decode("mzxw 6ytb oi=="), bytes("foobar"));
  EXPECT_FALSE(access::base32_decode("MZ1W"));  // '1' is not in the alphabet
}

TEST(Argon2id, HashesAtOwaspParametersAndVerifies) {
  crypto::SodiumCrypto c;
  auto hash = c.hash_password("correct horse battery staple");
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(c.verify_password(*hash, "correct horse battery staple"));
  EXPECT_FALSE(c.verify_password(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(c.verify_password("not a hash", "correct horse battery staple"));
  // A fresh salt each time: equal passwords do not give equal hashes.
  auto again = c.hash_password("correct horse battery staple");
  ASSERT_TRUE(again);
  EXPECT_NE(*hash, *again);
}

TEST(Tokens, RandomBytesDifferAndDigestsAreStableHex) {
  crypto::SodiumCrypto c;
  std::set<std::vector<std::uint8_t>> seen;
  for (int i = 0; i < 100; ++i) seen.insert(c.random_bytes(32));
  EXPECT_EQ(seen.size(), 100u);
  auto d = c.token_digest("abc");
  EXPECT_EQ(d.size(), 64u);
  EXPECT_EQ(d, c.token_digest("abc"));
  EXPECT_NE(d, c.token_digest("abd"));
  EXPECT_EQ(d.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(QrSvg, EncodesAnEnrolmentUriAsAnSvgImage) {
  auto svg = crypto::qr_svg("otpauth://totp/tafel:an@caw.example?secret=JBSWY3DPEHPK3PXP&issuer=tafel");
  ASSERT_TRUE(svg) << svg.error().message;
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg->find("h1v1h-1z"), std::string::npos);  // dark modules are drawn
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
  EXPECT_FALSE(crypto::qr_svg(std::string(10000, 'x')));  // beyond QR capacity: an error, not a crash
}

}  // namespace
}  // namespace tafel
