#pragma once
// Daily summaries for dashboards and the counselling agent, computed from 1-minute rollups
// (kept for 400 days, longer than raw samples). Pure.
//
//   resting heart rate: the lowest mean over any 30 consecutive minutes of the local day that
//                       have at least 20 minutes of data (mean of the samples, not of minutes).
//   sleep minutes:      minutes in the night ending that morning (local 12:00 the day before to
//                       12:00 on the day) whose sleep_stage samples all show light/deep/REM.
//   HRV average:        mean of the day's hrv_rmssd samples (ms).
//   mood average:       mean of the day's mood check-ins (1..10).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "mind_log/vitals/rollup.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

struct DailySummary {
  std::int64_t day_start = 0;  // local midnight, as epoch ms
  std::optional<double> resting_heart_rate_bpm;
  std::optional<std::int64_t> sleep_minutes;
  std::optional<double> hrv_avg_ms;
  std::optional<double> mood_avg;
};

// Inputs are 1-minute rollup entries in time order (extra entries outside the windows are
// ignored). day_start is local midnight in epoch ms.
DailySummary summarise_day(std::int64_t day_start, std::span<const RollupEntry> heart_rate,
                           std::span<const RollupEntry> sleep_stage, std::span<const RollupEntry> hrv,
                           std::span<const RollupEntry> mood);

// Where summaries read their minutes from; the vitals store implements it.
class MinuteRollupSource {
 public:
  virtual ~MinuteRollupSource() = default;
  virtual platform::Result<std::vector<RollupEntry>> minute_rollups(std::string_view user, std::string_view metric,
                                                                    std::int64_t from, std::int64_t to) = 0;
};

// The most recent `days` complete-or-current local days of `user`, newest first.
// tz_offset_minutes: the user's offset from UTC (e.g. +540 for Seoul). days in 1..400.
platform::Result<std::vector<DailySummary>> recent_daily_summaries(MinuteRollupSource& source, std::string_view user,
                                                                   platform::Millis now, int days,
                                                                   int tz_offset_minutes);

}  // namespace mind_log::vitals
