#include "platform/auth/signed_token.hpp"

#include <gtest/gtest.h>

#include "platform/core/encoding.hpp"

using namespace platform;

TEST(SignedToken, RoundTripAndExpiry) {
  auth::TokenSigner signer(std::string(32, 'k'), "k1");
  auto token = signer.sign({{"sub", "alice"}}, 1'000'000, 60'000);
  auto claims = signer.verify(token, 1'000'000 + 59'999);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->at("sub"), "alice");
  auto expired = signer.verify(token, 1'000'000 + 60'000);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "token-expired");
}

TEST(SignedToken, ForgedAndMalformedRejected) {
  auth::TokenSigner signer(std::string(32, 'k'), "k1");
  auth::TokenSigner other(std::string(32, 'x'), "k1");
  auto token = other.sign({{"sub", "mallory"}}, 0, 60'000);
  EXPECT_EQ(signer.verify(token, 1).error().code, "token-signature");
  EXPECT_EQ(signer.verify("abc", 1).error().code, "token-malformed");
  EXPECT_EQ(signer.verify("a.b.c.d", 1).error().code, "token-malformed");
  // Payload swapped under a valid signature of another payload.
  auto good = signer.sign({{"sub", "alice"}}, 0, 60'000);
  auto evil = signer.sign({{"sub", "admin"}}, 0, 60'000);
  auto spliced = good.substr(0, good.find('.') + 1) + evil.substr(evil.find('.') + 1, evil.rfind('.') - evil.find('.') - 1) +
                 good.substr(good.rfind('.'));
  EXPECT_EQ(signer.verify(spliced, 1).error().code, "token-signature");
}

TEST(SignedToken, SubjectRememberedPerSignerAndStillExpires) {
  auth::TokenSigner signer(std::string(32, 'k'), "k1");
  auth::TokenSigner other(std::string(32, 'x'), "k1");
  auto token = signer.sign({{"sub", "alice"}}, 1'000'000, 60'000);
  ASSERT_EQ(signer.verify_subject(token, 1'000'000).value(), "alice");
  ASSERT_EQ(signer.verify_subject(token, 1'000'001).value(), "alice");  // remembered
  // A token remembered for one key is not valid under another.
  EXPECT_EQ(other.verify_subject(token, 1'000'001).error().code, "token-signature");
  EXPECT_EQ(signer.verify_subject(token, 1'000'000 + 60'000).error().code, "token-expired");
  // One changed signature character is another token: checked, not remembered.
  auto forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(signer.verify_subject(forged, 1'000'001).error().code, "token-signature");
  auto anonymous = signer.sign({{"role", "x"}}, 1'000'000, 60'000);
  EXPECT_EQ(signer.verify_subject(anonymous, 1'000'001).error().code, "token-malformed");
}
