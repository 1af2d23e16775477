#include "mind_log/vitals/daily_summary.hpp"

#include <gtest/gtest.h>

#include <map>

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kD0 = 1'767'225'600'000;  // 2026-01-01T00:00Z

std::vector<RollupEntry> minutes(std::int64_t from, int n, double v, int samples_per_minute = 60) {
  std::vector<RollupEntry> out;
  for (int i = 0; i < n; ++i) {
    Agg a;
    for (int k = 0; k < samples_per_minute; ++k) a.add(v);
    out.push_back({from + i * kMin, a});
  }
  return out;
}

TEST(DailySummary, RestingHeartRateIsTheLowestThirtyMinuteMean) {
  auto hr = minutes(kD0, 1440, 70);
  for (int i = 300; i < 330; ++i) hr[i] = minutes(kD0 + i * kMin, 1, 52)[0];
  for (int i = 600; i < 610; ++i) hr[i] = minutes(kD0 + i * kMin, 1, 40)[0];  // 10 min dip: averaged away
  auto s = summarise_day(kD0, hr, {}, {}, {});
  ASSERT_TRUE(s.resting_heart_rate_bpm.has_value());
  EXPECT_DOUBLE_EQ(*s.resting_heart_rate_bpm, 52);
}

TEST(DailySummary, RestingHeartRateNeedsTwentyMinutesOfData) {
  auto hr = minutes(kD0 + 100 * kMin, 19, 55);
  EXPECT_FALSE(summarise_day(kD0, hr, {}, {}, {}).resting_heart_rate_bpm.has_value());
  hr = minutes(kD0 + 100 * kMin, 20, 55);
  EXPECT_EQ(summarise_day(kD0, hr, {}, {}, {}).resting_heart_rate_bpm, 55);
}

TEST(DailySummary, SleepCountsAsleepMinutesOfTheNightEndingThatMorning) {
  std::vector<RollupEntry> sleep = minutes(kD0 - 2 * 60 * kMin, 60, 0, 2);    // 22:00-23:00 awake
  auto asleep = minutes(kD0 - 60 * kMin, 420, 2, 2);                           // 23:00-06:00 deep
  sleep.insert(sleep.end(), asleep.begin(), asleep.end());
  auto previous_night = minutes(kD0 - kDay + 60 * kMin, 30, 1, 2);             // belongs to the day before
  sleep.insert(sleep.begin(), previous_night.begin(), previous_night.end());
  auto s = summarise_day(kD0, {}, sleep, {}, {});
  EXPECT_EQ(s.sleep_minutes, 420);
  EXPECT_FALSE(summarise_day(kD0 + 5 * kDay, {}, sleep, {}, {}).sleep_minutes.has_value());
}

TEST(DailySummary, HrvAndMoodAreMeansOfTheDaysSamples) {
  auto hrv = minutes(kD0 + 60 * kMin, 1, 40, 1);
  auto more = minutes(kD0 + 120 * kMin, 1, 60, 3);
  hrv.insert(hrv.end(), more.begin(), more.end());
  auto other_day = minutes(kD0 + kDay + kMin, 1, 1000, 1);
  hrv.insert(hrv.end(), other_day.begin(), other_day.end());
  auto mood = minutes(kD0 + 9 * 60 * kMin, 1, 7, 1);
  auto s = summarise_day(kD0, {}, {}, hrv, mood);
  EXPECT_DOUBLE_EQ(*s.hrv_avg_ms, (40 + 3 * 60) / 4.0);
  EXPECT_DOUBLE_EQ(*s.mood_avg, 7);
}

class MapSource final : public MinuteRollupSource {
 public:
  std::map<std::string, std::vector<RollupEntry>, std::less<>> data;
  platform::Result<std::vector<RollupEntry>> minute_rollups(std::string_view user, std::string_view metric,
                                                            std::int64_t from, std::int64_t to) override {
    EXPECT_EQ(user, "u1");
    std::vector<RollupEntry> out;
    if (auto it = data.find(metric); it != data.end())
      for (auto& e : it->second)
        if (e.start >= from && e.start < to) out.push_back(e);
    return out;
  }
};

TEST(DailySummary, RecentDaysAreNewestFirstInTheUsersTimezone) {
  MapSource src;
  // Seoul (+9 h): local midnight of 2026-01-02 is 2026-01-01T15:00Z.
  const std::int64_t seoul_day = kD0 + 15 * 60 * kMin;
  src.data["mood"] = minutes(seoul_day + 60 * kMin, 1, 8, 1);
  auto r = recent_daily_summaries(src, "u1", seoul_day + 10 * 60 * kMin, 3, 540);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].day_start, seoul_day);
  EXPECT_EQ((*r)[1].day_start, seoul_day - kDay);
  EXPECT_EQ((*r)[0].mood_avg, 8);
  EXPECT_FALSE((*r)[1].mood_avg.has_value());
  EXPECT_EQ(recent_daily_summaries(src, "u1", seoul_day, 0, 0).error().code, "invalid-days");
  EXPECT_EQ(recent_daily_summaries(src, "u1", seoul_day, 3, 15 * 60).error().code, "invalid-timezone");
}

}  // namespace
}  // namespace mind_log::vitals
