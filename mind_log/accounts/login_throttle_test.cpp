#include "mind_log/accounts/login_throttle.hpp"

#include <gtest/gtest.h>

namespace mind_log::accounts {
namespace {

TEST(LoginThrottleTest, BucketRefillsWithTheClock) {
  platform::ManualClock clock;
  LoginThrottle t(clock, {});
  std::int64_t retry = 0;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(t.admit_address("a", retry));
  EXPECT_FALSE(t.admit_address("a", retry));
  EXPECT_EQ(retry, 6);
  clock.advance(5'999);
  EXPECT_FALSE(t.admit_address("a", retry));
  clock.advance(2);
  EXPECT_TRUE(t.admit_address("a", retry));
}

TEST(LoginThrottleTest, TrackedAddressesStayBounded) {
  platform::ManualClock clock;
  ThrottleOptions o;
  o.max_tracked_addresses = 100;
  LoginThrottle t(clock, o);
  std::int64_t retry = 0;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(t.admit_address("addr" + std::to_string(i), retry));
    clock.advance(60'000);  // every earlier bucket has refilled and may be forgotten
  }
}

TEST(LoginThrottleTest, LockAfterMaxFailures) {
  platform::ManualClock clock;
  LoginThrottle t(clock, {});
  AccountLockState s;
  for (int i = 0; i < 4; ++i) s = t.after_failure(s);
  EXPECT_FALSE(t.locked(s));
  s = t.after_failure(s);
  EXPECT_TRUE(t.locked(s));
  EXPECT_EQ(t.lock_seconds_left(s), 900);
  clock.advance(900'000);
  EXPECT_FALSE(t.locked(s));
}

}  // namespace
}  // namespace mind_log::accounts
