#include "traffic_master/shield/gcra.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::shield;

TEST(Gcra, AllowsTheBurstThenOneRequestPerInterval) {
  GcraLimiter limiter({10, 5});  // 10/s, burst 5
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.check("ip1", 1000).allowed) << i;
  auto denied = limiter.check("ip1", 1000);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.retry_after_ms, 100);
  EXPECT_FALSE(limiter.check("ip1", 1099).allowed);
  EXPECT_TRUE(limiter.check("ip1", 1100).allowed);
  EXPECT_FALSE(limiter.check("ip1", 1100).allowed);
  // Other keys are independent.
  EXPECT_TRUE(limiter.check("ip2", 1100).allowed);
}

TEST(Gcra, SustainedRateIsTheConfiguredRate) {
  GcraLimiter limiter({20, 1});
  int allowed = 0;
  for (platform::Millis t = 0; t < 10'000; t += 5) allowed += limiter.check("k", t).allowed;  // 200 r/s offered
  EXPECT_NEAR(allowed, 200, 2);
}

TEST(Gcra, DeniedRequestsDoNotPushTheLimitFurther) {
  GcraLimiter limiter({1, 1});
  EXPECT_TRUE(limiter.check("k", 0).allowed);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.check("k", 10).allowed);
  EXPECT_TRUE(limiter.check("k", 1000).allowed);
}

TEST(Gcra, PruneForgetsIdleKeys) {
  GcraLimiter limiter({10, 2});
  limiter.check("a", 0);
  limiter.check("b", 500);
  EXPECT_EQ(limiter.size(), 2u);
  EXPECT_EQ(limiter.prune(200), 1u);
  EXPECT_EQ(limiter.size(), 1u);
}
