#include "mind_log/bench/vitals_year.hpp"

#include <algorithm>
#include <cmath>

namespace mind_log::bench {

DayData VitalsYear::day(int index) {
  constexpr int kSec = 86'400;
  const std::int64_t day0 = start_ + static_cast<std::int64_t>(index) * kSec * 1000;
  // Sleep from ~23:00 the previous evening to ~07:00; this day's night starts ~23:00.
  int wake = static_cast<int>(7 * 3600 + uniform(-40, 40) * 60);
  int bed = static_cast<int>(23 * 3600 + uniform(-45, 45) * 60);
  bool exercise = rng_() % 7 < 4;
  int ex_start = static_cast<int>(uniform(7.5, 19.5) * 3600);
  int ex_len = static_cast<int>(uniform(30, 60) * 60);
  double ex_hr = uniform(125, 165);
  int charge_start = wake + static_cast<int>(uniform(10, 90) * 60);
  int charge_len = static_cast<int>(uniform(45, 75) * 60);
  std::vector<std::pair<int, int>> walks;
  for (int k = 0, n = 3 + static_cast<int>(rng_() % 6); k < n; ++k) {
    int s = static_cast<int>(uniform(wake + 1800, bed - 1800));
    walks.push_back({s, s + static_cast<int>(uniform(5, 25) * 60)});
  }
  auto in = [](int t, int a, int b) { return t >= a && t < b; };
  auto walking = [&](int t) {
    return std::any_of(walks.begin(), walks.end(), [&](auto w) { return in(t, w.first, w.second); });
  };

  DayData out;
  auto& hr = out["heart_rate"];
  auto& hrv = out["hrv_rmssd"];
  auto& steps = out["steps"];
  auto& stage = out["sleep_stage"];
  auto& temp = out["skin_temperature"];
  auto& mood = out["mood"];
  auto& valence = out["emotion_valence"];
  hr.reserve(kSec);
  int sleep_cycle_phase = 0;
  int stage_now = 1;
  int minute_steps = 0;
  for (int t = 0; t < kSec; ++t) {
    const std::int64_t ms = day0 + static_cast<std::int64_t>(t) * 1000;
    const bool asleep = t < wake || t >= bed;
    const bool worn = !in(t, charge_start, charge_start + charge_len);
    // Target heart rate for this second.
    double target = asleep ? 52 + 3 * std::sin(2 * M_PI * t / 5400.0) : 68 + 4 * std::sin(2 * M_PI * (t - 14 * 3600) / 86400.0);
    bool on_walk = !asleep && walking(t);
    if (on_walk) target = 95;
    if (exercise && in(t, ex_start, ex_start + ex_len + 600)) {
      double into = t - ex_start;
      target = into < 180 ? 70 + (ex_hr - 70) * into / 180 : into < ex_len ? ex_hr : ex_hr - (ex_hr - 80) * (into - ex_len) / 600;
    }
    // ~30 s smoothing toward the target plus noise: stationary sd about 2 bpm.
    hr_ += (target - hr_) / 30.0 + normal(0.5);
    if (worn && rng_() % 200 != 0) hr.push_back({ms, std::clamp(std::round(hr_), 30.0, 220.0)});

    if (t % 30 == 0 && asleep && worn) {
      if (++sleep_cycle_phase >= 180) sleep_cycle_phase = 0;  // 90-minute cycles of 30-s epochs
      int p = sleep_cycle_phase;
      stage_now = p < 60 ? 1 : p < 110 ? 2 : p < 150 ? 1 : 3;
      if (rng_() % 100 == 0) stage_now = 0;
      stage.push_back({ms, static_cast<double>(stage_now)});
    }
    if (t % 60 == 0) {
      double temp_target = asleep ? 35.0 : 33.2;
      temp_ += (temp_target - temp_) / 10.0 + normal(0.04);
      if (worn) temp.push_back({ms, std::round(temp_ * 100) / 100});
    }
    if (!asleep) minute_steps += on_walk ? (rng_() % 100 < 95) : 0;
    if (exercise && in(t, ex_start, ex_start + ex_len)) minute_steps += rng_() % 100 < 45 ? 2 : 3;
    if (t % 60 == 59) {
      if (worn) {
        int s = minute_steps + (!asleep && rng_() % 10 == 0 ? static_cast<int>(rng_() % 30) : 0);
        steps.push_back({ms - 59'000, static_cast<double>(std::min(s, 300))});
      }
      minute_steps = 0;
    }
    if (t % 300 == 0 && worn) {
      double base = asleep ? 55 : (exercise && in(t, ex_start, ex_start + ex_len)) ? 15 : 38;
      hrv.push_back({ms, std::clamp(std::round(base + normal(8)), 5.0, 200.0)});
    }
  }
  for (int when : {wake + 3600, bed - 3600}) {
    std::int64_t ms = day0 + static_cast<std::int64_t>(when) * 1000;
    mood.push_back({ms, static_cast<double>(std::clamp(6 + static_cast<int>(std::round(normal(1.5))), 1, 10))});
    valence.push_back({ms, std::round(std::clamp(0.2 + normal(0.3), -1.0, 1.0) * 1000) / 1000});
  }
  return out;
}

}  // namespace mind_log::bench
