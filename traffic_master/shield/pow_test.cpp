#include "traffic_master/shield/pow.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::shield;

namespace {
constexpr platform::Millis kNow = 1'700'000'000'000;
ProofOfWork make() { return ProofOfWork(std::string(32, 'p'), PowConfig{}); }
std::string failing_counter(const std::string& challenge, int bits) {
  for (int i = 0;; ++i)
    if (pow_leading_zero_bits(challenge, std::to_string(i)) < bits) return std::to_string(i);
}
}  // namespace

TEST(ProofOfWork, SolvedChallengeVerifiesOnceOnly) {
  auto pow = make();
  auto c = pow.issue("alice", 12, std::string(16, '\1'), kNow);
  auto counter = pow_solve(c, 12);
  auto ok = pow.verify(c, counter, "alice", kNow + 1000);
  ASSERT_TRUE(ok) << ok.error().code;
  EXPECT_EQ(*ok, 12);
  auto again = pow.verify(c, counter, "alice", kNow + 1001);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "pow-replayed");
}

TEST(ProofOfWork, ForgedExpiredInsufficientAndMalformedAreRejectedWithoutConsuming) {
  auto pow = make();
  auto c = pow.issue("alice", 10, std::string(16, '\2'), kNow);
  auto counter = pow_solve(c, 10);
  auto code = [&](std::string_view ch, std::string_view ctr, std::string_view subj, platform::Millis at) {
    auto r = pow.verify(ch, ctr, subj, at);
    return r ? std::string("accepted") : r.error().code;
  };
  // Lowering the difficulty in the challenge breaks its MAC.
  auto edited = c;
  edited.replace(edited.find(".10."), 4, ".1.");
  EXPECT_EQ(code(edited, pow_solve(edited, 1), "alice", kNow), "pow-forged");
  EXPECT_EQ(code(c, counter, "mallory", kNow), "pow-forged");
  ProofOfWork other(std::string(32, 'q'), PowConfig{});
  auto foreign = other.issue("alice", 10, std::string(16, '\3'), kNow);
  EXPECT_EQ(code(foreign, pow_solve(foreign, 10), "alice", kNow), "pow-forged");
  EXPECT_EQ(code(c, counter, "alice", kNow + PowConfig{}.ttl_ms), "pow-expired");
  EXPECT_EQ(code(c, failing_counter(c, 10), "alice", kNow), "pow-insufficient");
  EXPECT_EQ(code("nonsense", "1", "alice", kNow), "pow-malformed");
  EXPECT_EQ(code(c, "12a", "alice", kNow), "pow-malformed");
  EXPECT_EQ(code(c, "", "alice", kNow), "pow-malformed");
  EXPECT_EQ(pow.used_nonces(), 0u);
  // None of the failures consumed the challenge.
  EXPECT_EQ(code(c, counter, "alice", kNow), "accepted");
}

TEST(ProofOfWork, UsedNoncesAreForgottenOnlyAfterTheyExpire) {
  auto pow = make();
  auto c1 = pow.issue("a", 4, std::string(16, '\4'), kNow);
  ASSERT_TRUE(pow.verify(c1, pow_solve(c1, 4), "a", kNow));
  EXPECT_EQ(pow.used_nonces(), 1u);
  auto c2 = pow.issue("a", 4, std::string(16, '\5'), kNow + PowConfig{}.ttl_ms);
  ASSERT_TRUE(pow.verify(c2, pow_solve(c2, 4), "a", kNow + PowConfig{}.ttl_ms));
  EXPECT_EQ(pow.used_nonces(), 1u);  // c1 expired and was pruned
}

TEST(ProofOfWork, DifficultyScalesWithLoadAndSuspicion) {
  PowConfig c;
  EXPECT_EQ(pow_difficulty(c, 0, 0), 16);
  EXPECT_EQ(pow_difficulty(c, 1, 0), 20);
  EXPECT_EQ(pow_difficulty(c, 0, 1), 22);
  EXPECT_EQ(pow_difficulty(c, 1, 1), 24);  // capped at max_bits
  EXPECT_EQ(pow_difficulty(c, 5, -3), 20);  // inputs are clamped
}

TEST(ProofOfWork, LeadingZeroBitsCountsAcrossBytes) {
  // Brute-force a counter with >= 9 zero bits and check the count against the digest rule.
  std::string ch = "pow1.x.9.0.y";
  auto counter = pow_solve(ch, 9);
  EXPECT_GE(pow_leading_zero_bits(ch, counter), 9);
}
