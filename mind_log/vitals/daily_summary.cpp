#include "mind_log/vitals/daily_summary.hpp"

#include <algorithm>

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 86'400'000;
constexpr int kRestingWindow = 30;
constexpr int kRestingMinData = 20;

std::span<const RollupEntry> within(std::span<const RollupEntry> e, std::int64_t from, std::int64_t to) {
  auto lo = std::lower_bound(e.begin(), e.end(), from, [](const RollupEntry& r, std::int64_t t) { return r.start < t; });
  auto hi = std::lower_bound(lo, e.end(), to, [](const RollupEntry& r, std::int64_t t) { return r.start < t; });
  return {lo, hi};
}

std::optional<double> mean(std::span<const RollupEntry> e) {
  Agg total;
  for (const auto& r : e) total.merge(r.agg);
  if (total.count == 0) return std::nullopt;
  return total.avg();
}

std::optional<double> resting_heart_rate(std::int64_t day_start, std::span<const RollupEntry> hr) {
  constexpr int kMinutes = static_cast<int>(kDay / kMinute);
  std::vector<Agg> minutes(kMinutes);
  for (const auto& r : within(hr, day_start, day_start + kDay))
    minutes[static_cast<std::size_t>((r.start - day_start) / kMinute)].merge(r.agg);
  std::optional<double> best;
  double sum = 0;
  std::uint64_t count = 0;
  int with_data = 0;
  for (int m = 0; m < kMinutes; ++m) {
    sum += minutes[m].sum;
    count += minutes[m].count;
    with_data += minutes[m].count > 0;
    if (m >= kRestingWindow) {
      const Agg& old = minutes[m - kRestingWindow];
      sum -= old.sum;
      count -= old.count;
      with_data -= old.count > 0;
    }
    if (m >= kRestingWindow - 1 && with_data >= kRestingMinData) {
      double avg = sum / static_cast<double>(count);
      if (!best || avg < *best) best = avg;
    }
  }
  return best;
}

}  // namespace

DailySummary summarise_day(std::int64_t day_start, std::span<const RollupEntry> heart_rate,
                           std::span<const RollupEntry> sleep_stage, std::span<const RollupEntry> hrv,
                           std::span<const RollupEntry> mood) {
  DailySummary s;
  s.day_start = day_start;
  s.resting_heart_rate_bpm = resting_heart_rate(day_start, heart_rate);
  auto night = within(sleep_stage, day_start - kDay / 2, day_start + kDay / 2);
  if (!night.empty()) {
    std::int64_t asleep = 0;
    for (const auto& r : night) asleep += r.agg.min >= 1 ? 1 : 0;
    s.sleep_minutes = asleep;
  }
  s.hrv_avg_ms = mean(within(hrv, day_start, day_start + kDay));
  s.mood_avg = mean(within(mood, day_start, day_start + kDay));
  return s;
}

platform::Result<std::vector<DailySummary>> recent_daily_summaries(MinuteRollupSource& source, std::string_view user,
                                                                   platform::Millis now, int days,
                                                                   int tz_offset_minutes) {
  if (days < 1 || days > 400) return platform::fail("invalid-days", 422, "days must be in 1..400");
  if (tz_offset_minutes < -14 * 60 || tz_offset_minutes > 14 * 60)
    return platform::fail("invalid-timezone", 422, "UTC offset must be within +-14 hours");
  const std::int64_t offset = static_cast<std::int64_t>(tz_offset_minutes) * kMinute;
  const std::int64_t today = floor_to(now + offset, kDay) - offset;  // local midnight as epoch ms
  const std::int64_t from = today - static_cast<std::int64_t>(days - 1) * kDay - kDay / 2;
  const std::int64_t to = today + kDay;
  std::vector<RollupEntry> series[4];
  const char* metrics[4] = {"heart_rate", "sleep_stage", "hrv_rmssd", "mood"};
  for (int i = 0; i < 4; ++i) {
    auto r = source.minute_rollups(user, metrics[i], from, to);
    if (!r) return std::unexpected(r.error());
    series[i] = std::move(*r);
  }
  std::vector<DailySummary> out;
  for (int d = 0; d < days; ++d) {
    std::int64_t day = today - static_cast<std::int64_t>(d) * kDay;
    out.push_back(summarise_day(day, series[0], series[1], series[2], series[3]));
  }
  return out;
}

}  // namespace mind_log::vitals
