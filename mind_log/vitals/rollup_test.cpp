#include "mind_log/vitals/rollup.hpp"

#include <gtest/gtest.h>

#include <random>

#include "mind_log/vitals/bucket_query.hpp"
#include "mind_log/vitals/chunk.hpp"

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;  // a UTC midnight

TEST(Rollup, AggregateAndCoarsenAgreeWithDirectAggregation) {
  std::mt19937_64 rng(1);
  std::vector<Sample> s;
  std::int64_t t = kT0 - 7'200'000;
  for (int i = 0; i < 20000; ++i) {
    t += 1000 + static_cast<std::int64_t>(rng() % 3) * 1000;
    s.push_back({t, static_cast<double>(50 + rng() % 100)});
  }
  auto minutes = aggregate(s, 60'000);
  auto hours_from_minutes = coarsen(minutes, 3'600'000);
  auto hours = aggregate(s, 3'600'000);
  ASSERT_EQ(hours.size(), hours_from_minutes.size());
  for (std::size_t i = 0; i < hours.size(); ++i) {
    EXPECT_EQ(hours[i].start, hours_from_minutes[i].start);
    EXPECT_EQ(hours[i].agg.count, hours_from_minutes[i].agg.count);
    EXPECT_EQ(hours[i].agg.min, hours_from_minutes[i].agg.min);
    EXPECT_EQ(hours[i].agg.max, hours_from_minutes[i].agg.max);
    EXPECT_DOUBLE_EQ(hours[i].agg.sum, hours_from_minutes[i].agg.sum);
  }
}

TEST(Rollup, BlockRoundTripsThroughItsEncoding) {
  RollupBlock b(Tier::minute, kT0);
  std::mt19937_64 rng(2);
  for (int m = 0; m < 1440; m += 1 + static_cast<int>(rng() % 3)) {
    Agg a;
    for (int k = 0; k < 60; ++k) a.add(static_cast<double>(rng() % 1000) / 100.0);
    b.merge(kT0 + m * 60'000LL, a);
  }
  auto bytes = encode_rollup_block(b);
  RollupBlock back(Tier::minute, kT0);
  ASSERT_EQ(decode_rollup_block_into(bytes, back), nullptr);
  auto e1 = b.entries(), e2 = back.entries();
  ASSERT_EQ(e1.size(), e2.size());
  for (std::size_t i = 0; i < e1.size(); ++i) {
    EXPECT_EQ(e1[i].start, e2[i].start);
    EXPECT_EQ(e1[i].agg.count, e2[i].agg.count);
    EXPECT_EQ(e1[i].agg.min, e2[i].agg.min);
    EXPECT_EQ(e1[i].agg.max, e2[i].agg.max);
    EXPECT_EQ(e1[i].agg.sum, e2[i].agg.sum);
  }
}

TEST(Rollup, DecodeRejectsSlotsOutsideTheBlockAndGarbage) {
  RollupBlock b(Tier::hour, kT0);
  Agg a;
  a.add(3);
  b.merge(kT0 + 3'600'000, a);
  auto bytes = encode_rollup_block(b);
  RollupBlock wrong_block(Tier::hour, kT0 + tier_block_ms(Tier::hour));
  EXPECT_STREQ(decode_rollup_block_into(bytes, wrong_block), "slot outside block");
  RollupBlock garbage(Tier::hour, kT0), truncated(Tier::hour, kT0), empty(Tier::day, 0);
  EXPECT_NE(decode_rollup_block_into("\x01\x05garbage", garbage), nullptr);
  EXPECT_NE(decode_rollup_block_into(bytes.substr(0, bytes.size() - 1), truncated), nullptr);
  EXPECT_EQ(decode_rollup_block_into(encode_rollup_block(RollupBlock(Tier::day, 0)), empty), nullptr);
  EXPECT_TRUE(empty.empty());
}

TEST(BucketPlan, PicksTheCoarsestFittingTierAndAligns) {
  auto year = plan_buckets(kT0 + 123, kT0 + 365 * 86'400'000LL, 1000);
  ASSERT_TRUE(year.has_value());
  EXPECT_EQ(year->tier, Tier::hour);
  EXPECT_EQ(year->width, 9 * 3'600'000LL);
  EXPECT_EQ(year->start, kT0);
  EXPECT_LE(year->count, 1000u);
  EXPECT_GE(year->end(), kT0 + 365 * 86'400'000LL);
  auto hour = plan_buckets(kT0, kT0 + 3'600'000, 1000);
  ASSERT_TRUE(hour.has_value());
  EXPECT_FALSE(hour->tier.has_value());
  EXPECT_EQ(hour->width, 3600);
  auto decade = plan_buckets(kT0, kT0 + 3650 * 86'400'000LL, 100);
  EXPECT_EQ(decade->tier, Tier::day);
}

TEST(BucketPlan, RejectsBadRangesAndCounts) {
  EXPECT_EQ(plan_buckets(kT0, kT0, 10).error().code, "invalid-range");
  EXPECT_EQ(plan_buckets(kT0, kT0 - 1, 10).error().code, "invalid-range");
  EXPECT_EQ(plan_buckets(-5, kT0, 10).error().code, "invalid-range");
  EXPECT_EQ(plan_buckets(kT0, kT0 + 1000, 0).error().code, "invalid-bucket-count");
  EXPECT_EQ(plan_buckets(kT0, kT0 + 1000, 10'001).error().code, "invalid-bucket-count");
}

TEST(BucketPlan, RollupAnswerEqualsRawAnswer) {
  std::mt19937_64 rng(3);
  std::vector<Sample> s;
  std::int64_t t = kT0;
  for (int i = 0; i < 200'000; ++i) {
    t += 1000 * (1 + static_cast<std::int64_t>(rng() % 4));
    s.push_back({t, static_cast<double>(40 + rng() % 150)});
  }
  for (std::int64_t target : {1, 7, 100, 1000}) {
    auto plan = plan_buckets(kT0 + 777, t + 1, target);
    ASSERT_TRUE(plan.has_value());
    ASSERT_TRUE(plan->tier.has_value());
    BucketAccumulator from_raw(*plan), from_rollup(*plan);
    for (const auto& x : s) from_raw.add(x);
    for (const auto& e : aggregate(s, tier_resolution_ms(*plan->tier))) from_rollup.add(e);
    auto a = from_raw.buckets(), b = from_rollup.buckets();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].start, b[i].start);
      EXPECT_EQ(a[i].count, b[i].count);
      EXPECT_EQ(a[i].min, b[i].min);
      EXPECT_EQ(a[i].max, b[i].max);
      EXPECT_NEAR(a[i].avg, b[i].avg, 1e-9);
    }
  }
}

}  // namespace
}  // namespace mind_log::vitals
