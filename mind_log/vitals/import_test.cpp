#include <gtest/gtest.h>

#include "mind_log/vitals/apple_health_import.hpp"
#include "mind_log/vitals/csv_samples.hpp"

namespace mind_log::vitals {
namespace {

TEST(Timestamps, ParsesEpochMillisAndIso8601) {
  EXPECT_EQ(parse_timestamp_ms("1767225600000"), 1'767'225'600'000);
  EXPECT_EQ(parse_timestamp_ms("2026-01-01T00:00:00Z"), 1'767'225'600'000);
  EXPECT_EQ(parse_timestamp_ms("2026-01-01T09:00:00+09:00"), 1'767'225'600'000);
  EXPECT_EQ(parse_timestamp_ms("2026-01-01 09:00:00 +0900"), 1'767'225'600'000);
  EXPECT_EQ(parse_timestamp_ms("2025-12-31T19:00:00.250-05:00"), 1'767'225'600'250);
  EXPECT_EQ(parse_timestamp_ms("2024-02-29T12:00:00Z"), 1'709'208'000'000);
  EXPECT_FALSE(parse_timestamp_ms("2026-01-01T00:00:00").has_value());  // no zone: ambiguous
  EXPECT_FALSE(parse_timestamp_ms("2026-13-01T00:00:00Z").has_value());
  EXPECT_FALSE(parse_timestamp_ms("yesterday").has_value());
  EXPECT_FALSE(parse_timestamp_ms("").has_value());
}

TEST(Csv, ReadsRowsSkippingAHeader) {
  auto r = parse_samples_csv("timestamp,value\n1767225600000,61\r\n2026-01-01T00:00:01Z, 62.5\n\n");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].t, 1'767'225'601'000);
  EXPECT_EQ((*r)[1].v, 62.5);
}

TEST(Csv, NamesTheBadLine) {
  auto r = parse_samples_csv("1767225600000,61\n1767225601000,abc\n");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "invalid-csv");
  EXPECT_NE(r.error().detail.find("line 2"), std::string::npos);
  EXPECT_EQ(parse_samples_csv("1767225600000;61\n").error().code, "invalid-csv");
}

constexpr std::string_view kExport = R"(<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_KR">
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" creationDate="2026-01-01 09:00:05 +0900" startDate="2026-01-01 09:00:02 +0900" endDate="2026-01-01 09:00:02 +0900" value="64">
  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>
 </Record>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" startDate="2026-01-01 09:00:01 +0900" endDate="2026-01-01 09:00:01 +0900" value="63"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2026-01-01 09:10:00 +0900" endDate="2026-01-01 09:11:00 +0900" value="87"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Watch" unit="count" startDate="2026-01-01 09:10:00 +0900" endDate="2026-01-01 09:11:00 +0900" value="90"/>
 <Record type="HKQuantityTypeIdentifierOxygenSaturation" unit="%" startDate="2026-01-01 03:00:00 +0900" endDate="2026-01-01 03:00:00 +0900" value="0.97"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" startDate="2026-01-01 02:00:00 +0900" endDate="2026-01-01 02:03:00 +0900" value="HKCategoryValueSleepAnalysisAsleepDeep"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" startDate="2026-01-01 01:00:00 +0900" endDate="2026-01-01 07:00:00 +0900" value="HKCategoryValueSleepAnalysisInBed"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" startDate="2026-01-01 08:00:00 +0900" endDate="2026-01-01 08:00:00 +0900" value="70"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning"/>
</HealthData>
)";

TEST(AppleHealth, ImportsKnownTypesSortedAndDeduplicated) {
  auto r = import_apple_health(kExport);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  EXPECT_EQ(r->records, 8u);
  EXPECT_EQ(r->skipped, 2u);  // InBed and BodyMass
  EXPECT_EQ(r->duplicates, 1u);
  const auto& hr = r->series.at("heart_rate");
  ASSERT_EQ(hr.size(), 2u);
  EXPECT_EQ(hr[0], (Sample{1'767'225'601'000, 63}));
  EXPECT_EQ(hr[1], (Sample{1'767'225'602'000, 64}));
  ASSERT_EQ(r->series.at("steps").size(), 1u);
  EXPECT_EQ(r->series.at("steps")[0].v, 87);  // first record in the file wins
  EXPECT_DOUBLE_EQ(r->series.at("spo2")[0].v, 97);
  const auto& sleep = r->series.at("sleep_stage");
  ASSERT_EQ(sleep.size(), 3u);  // one sample per minute of the interval
  EXPECT_EQ(sleep[2].t - sleep[0].t, 120'000);
  EXPECT_EQ(sleep[0].v, 2);
}

TEST(AppleHealth, RejectsMalformedRecordsOfImportedTypes) {
  auto r = import_apple_health(R"(<Record type="HKQuantityTypeIdentifierHeartRate" startDate="soon" value="60"/>)");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "invalid-export");
  EXPECT_EQ(import_apple_health(R"(<Record type="HKQuantityTypeIdentifierHeartRate" startDate="2026-01-01 09:00:02 +0900" value="fast"/>)")
                .error()
                .code,
            "invalid-export");
  auto empty = import_apple_health("<HealthData></HealthData>");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->series.empty());
}

}  // namespace
}  // namespace mind_log::vitals
