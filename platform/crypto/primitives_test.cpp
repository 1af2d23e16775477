#include "platform/crypto/primitives.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "platform/core/encoding.hpp"

namespace platform::crypto {
namespace {

// RFC 4231 test cases 1, 2 and 6 (a key longer than the block size).
TEST(HmacSha256, MatchesRfc4231Vectors) {
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, KeyChangesBetweenCallsOnOneThreadAndAcrossThreads) {
  auto a = hmac_sha256("key-a", "message");
  EXPECT_EQ(hmac_sha256("key-a", "message"), a);  // the same key again, from its kept schedule
  EXPECT_EQ(hmac_sha256("key-a", "message"), a);
  auto b = hmac_sha256("key-b", "message");
  EXPECT_NE(a, b);
  EXPECT_EQ(hmac_sha256("key-a", "message"), a);
  EXPECT_NE(hmac_sha256("key-a", "other message"), a);
  EXPECT_EQ(hmac_sha256("Jefe", "what do ya want for nothing?"), hmac_sha256("Jefe", "what do ya want for nothing?"));
  std::string from_other_thread;
  std::thread([&] { from_other_thread = hmac_sha256("key-a", "message"); }).join();
  EXPECT_EQ(from_other_thread, a);
}

}  // namespace
}  // namespace platform::crypto
