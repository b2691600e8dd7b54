// The identity cipher (crypto/identity_cipher.h): an identity opens for its own case
// under its master key only; re-wrapping moves it to a new master key.
#include <gtest/gtest.h>

#include "crypto/identity_cipher.h"

namespace tafel::crypto {
namespace {

app::cases::Identity yannick() {
  return {"Yannick Vermeiren", "2009-03-14", "Heidebaan 12, 2999 Nethegem", "09031412384", "Spijbelt sinds maart"};
}

TEST(IdentityCipher, SealsOpensAndBindsTheCiphertextToItsCase) {
  SodiumIdentityCipher cipher(MasterKey::generate());
  auto sealed = cipher.seal(12, yannick());
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->key_id, cipher.key_id());
  EXPECT_EQ(sealed->ciphertext.find("Vermeiren"), std::string::npos);
  auto opened = cipher.open(12, *sealed);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(*opened, yannick());
  EXPECT_EQ(cipher.open(13, *sealed).error().code, "identity_unreadable");  // moved to another case
  auto other = cipher.seal(12, yannick());
  EXPECT_NE(other->ciphertext, sealed->ciphertext);  // fresh data key and nonce
}

TEST(IdentityCipher, AnotherMasterKeyOpensNothingUntilRewrapped) {
  SodiumIdentityCipher old_key(MasterKey::generate()), new_key(MasterKey::generate());
  auto sealed = old_key.seal(5, yannick());
  EXPECT_EQ(new_key.open(5, *sealed).error().code, "identity_unreadable");
  auto moved = old_key.rewrap(5, *sealed, new_key);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->ciphertext, sealed->ciphertext);
  EXPECT_EQ(*new_key.open(5, *moved), yannick());
  EXPECT_FALSE(old_key.open(5, *moved));
  EXPECT_TRUE(new_key.verifies(new_key.key_check()));
  EXPECT_FALSE(old_key.verifies(new_key.key_check()));
}

}  // namespace
}  // namespace tafel::crypto
