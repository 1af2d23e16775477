#include "mind_log/vitals/ingest_validation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kNow = 1'767'225'600'000;

std::string code_of(std::string_view metric, std::string_view unit, std::vector<Sample> s, IngestLimits l = {}) {
  auto r = validate_batch(metric, unit, s, kNow, l);
  return r ? "ok" : r.error().code;
}

TEST(IngestValidation, AcceptsAndQuantisesToTheMetricResolution) {
  std::vector<Sample> s{{kNow - 2000, 61.4}, {kNow - 1000, 61.6}};
  auto r = validate_batch("heart_rate", "bpm", s, kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->samples[0].v, 61.0);
  EXPECT_EQ(r->samples[1].v, 62.0);
  auto e = validate_batch("emotion_valence", "1", std::vector<Sample>{{kNow, -0.12345}}, kNow);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->samples[0].v, -0.123);
}

TEST(IngestValidation, ConvertsAcceptedUnits) {
  auto r = validate_batch("skin_temperature", "degF", std::vector<Sample>{{kNow, 93.2}}, kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->samples[0].v, 34.0, 1e-9);
  EXPECT_TRUE(validate_batch("heart_rate", "count/min", std::vector<Sample>{{kNow, 60}}, kNow).has_value());
}

TEST(IngestValidation, EachBadInputGetsItsCode) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(code_of("blood_sugar", "mg/dL", {{kNow, 90}}), "unknown-metric");
  EXPECT_EQ(code_of("heart_rate", "hz", {{kNow, 60}}), "unsupported-unit");
  EXPECT_EQ(code_of("heart_rate", "bpm", {}), "batch-empty");
  EXPECT_EQ(code_of("heart_rate", "bpm", std::vector<Sample>(11, {kNow, 60}), IngestLimits{.max_batch_samples = 10}),
            "batch-too-large");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow, nan}}), "sample-not-finite");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow, inf}}), "sample-not-finite");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow, 400}}), "value-out-of-range");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow, -5}}), "value-out-of-range");
  EXPECT_EQ(code_of("sleep_stage", "code", {{kNow, 4}}), "value-out-of-range");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow + 3'600'000, 60}}), "timestamp-in-future");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{1000, 60}}), "timestamp-too-old");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow, 60}, {kNow - 1, 61}}), "non-monotonic-timestamps");
  EXPECT_EQ(code_of("heart_rate", "bpm", {{kNow, 60}, {kNow, 61}}), "conflicting-duplicate");
}

TEST(IngestValidation, ExactRepeatsInsideABatchCollapse) {
  auto r = validate_batch("steps", "count", std::vector<Sample>{{kNow - 60000, 12}, {kNow - 60000, 12}, {kNow, 3}}, kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->samples.size(), 2u);
}

TEST(IngestValidation, ErrorsCarryStatusForTheApi) {
  auto r = validate_batch("heart_rate", "bpm", std::vector<Sample>(3, {kNow, 60}), kNow,
                          IngestLimits{.max_batch_samples = 2});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().status, 413);
}

}  // namespace
}  // namespace mind_log::vitals
