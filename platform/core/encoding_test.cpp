#include "platform/core/encoding.hpp"

#include <gtest/gtest.h>

using namespace platform;

TEST(Encoding, HexRoundTrip) {
  std::string bytes("\x00\x01\xfe\xff", 4);
  EXPECT_EQ(hex_encode(bytes), "0001feff");
  EXPECT_EQ(hex_decode("0001FEff"), bytes);
  EXPECT_FALSE(hex_decode("abc"));
  EXPECT_FALSE(hex_decode("zz"));
}

TEST(Encoding, Base64UrlRoundTripAllLengths) {
  std::string s;
  for (int n = 0; n < 40; ++n) {
    auto enc = base64url_encode(s);
    EXPECT_EQ(enc.find('='), std::string::npos);
    EXPECT_EQ(base64url_decode(enc), s);
    s += static_cast<char>(n * 37 + 200);
  }
}

TEST(Encoding, Base64UrlRejectsBadInput) {
  EXPECT_FALSE(base64url_decode("a"));
  EXPECT_FALSE(base64url_decode("ab+/"));
  EXPECT_FALSE(base64url_decode("ab=="));
  EXPECT_FALSE(base64url_decode("QR"));  // non-canonical trailing bits
  EXPECT_EQ(base64url_decode("QQ"), "A");
}

TEST(Encoding, Base64Standard) { EXPECT_EQ(base64_encode("hello"), "aGVsbG8="); }
