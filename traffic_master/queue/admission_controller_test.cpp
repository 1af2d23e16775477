#include "traffic_master/queue/admission_controller.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::queue;

namespace {
ControllerConfig config(double per_minute, std::int64_t max_active) {
  ControllerConfig c;
  c.initial_per_minute = per_minute;
  c.initial_max_active = max_active;
  c.min_max_active = 1;
  return c;
}
}  // namespace

TEST(AdmissionController, RateFollowsThePerMinuteLimit) {
  platform::Millis t = 0;
  AdmissionController c(config(600, 1'000'000), t);
  std::int64_t admitted = 0;
  for (int i = 0; i < 600; ++i) {  // one minute in 100 ms ticks
    t += 100;
    auto n = c.allowance(0, t);
    c.consume(n);
    admitted += n;
  }
  // 600 per minute, plus the one-second head start of the initial bucket.
  EXPECT_NEAR(admitted, 610, 2);
}

TEST(AdmissionController, ActiveLimitCapsAdmissions) {
  AdmissionController c(config(60'000, 100), 0);
  EXPECT_EQ(c.allowance(0, 10'000), 100);
  EXPECT_EQ(c.allowance(95, 10'000), 5);
  EXPECT_EQ(c.allowance(100, 10'000), 0);
  EXPECT_EQ(c.allowance(150, 10'000), 0);
}

TEST(AdmissionController, SlowOrFailingDownstreamLowersBothLimitsAndHealthRaisesThem) {
  AdmissionController c(config(1000, 1000), 0);
  c.observe({500, 0}, 5'000);  // hold p99 over the 200 ms target
  EXPECT_EQ(c.limits().max_active, 700);
  EXPECT_NEAR(c.limits().per_minute, 700, 1e-6);
  EXPECT_EQ(c.limits().last_change, "lowered: hold latency");
  c.observe({50, 0.10}, 10'000);  // errors
  EXPECT_EQ(c.limits().max_active, 490);
  EXPECT_EQ(c.limits().last_change, "lowered: error rate");
  c.observe({50, 0.0}, 12'000);  // inside the adjust interval: ignored
  EXPECT_EQ(c.limits().max_active, 490);
  c.observe({50, 0.0}, 15'000);
  EXPECT_EQ(c.limits().max_active, 539);
  EXPECT_NEAR(c.limits().per_minute, 539, 1e-6);
  EXPECT_EQ(c.limits().last_change, "raised");
}

TEST(AdmissionController, LimitsStayWithinConfiguredBounds) {
  ControllerConfig cfg;
  cfg.initial_max_active = 100;
  cfg.min_max_active = 80;
  cfg.max_max_active = 120;
  cfg.initial_per_minute = 100;
  cfg.min_per_minute = 90;
  cfg.max_per_minute = 110;
  AdmissionController c(cfg, 0);
  for (int i = 1; i <= 20; ++i) c.observe({1000, 1}, i * 5'000);
  EXPECT_EQ(c.limits().max_active, 80);
  EXPECT_DOUBLE_EQ(c.limits().per_minute, 90);
  for (int i = 21; i <= 60; ++i) c.observe({1, 0}, i * 5'000);
  EXPECT_EQ(c.limits().max_active, 120);
  EXPECT_DOUBLE_EQ(c.limits().per_minute, 110);
}

TEST(AdmissionController, LoweredRateSlowsAdmissionsProportionally) {
  platform::Millis t = 0;
  AdmissionController c(config(1200, 1'000'000), t);
  auto run_minute = [&] {
    std::int64_t n_total = 0;
    for (int i = 0; i < 600; ++i) {
      t += 100;
      auto n = c.allowance(0, t);
      c.consume(n);
      n_total += n;
    }
    return n_total;
  };
  run_minute();
  c.observe({900, 0}, t);  // 1200 -> 840 per minute
  EXPECT_NEAR(run_minute(), 840, 3);
}
