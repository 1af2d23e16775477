#pragma once
// A realistic, deterministic year of one wearer's vitals, generated day by day:
//  - heart_rate, 1 Hz integer bpm: circadian baseline (sleep ~52, awake ~68), walks, exercise
//    on 4 days in 7 (ramp, 30-60 min at 125-165, recovery), an optical sensor's ~30 s
//    smoothing with noise (stationary sd ~2 bpm), 0.5% dropped samples, and a daily charging
//    gap of 45-75 minutes;
//  - hrv_rmssd every 5 minutes (ms), steps per minute, sleep_stage per 30-s epoch at night,
//  - skin_temperature per minute at the sensor's 0.01 degC resolution (higher asleep),
//  - mood check-ins twice a day and emotion_valence scores (3 decimals).
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "mind_log/vitals/chunk_codec.hpp"

namespace mind_log::bench {

using DayData = std::map<std::string, std::vector<vitals::Sample>>;  // metric -> samples

class VitalsYear {
 public:
  VitalsYear(std::int64_t start_ms, std::uint64_t seed) : start_(start_ms), rng_(seed) {}
  DayData day(int index);  // call with 0, 1, 2, ... in order (state carries across days)

 private:
  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }
  double normal(double sd) { return std::normal_distribution<double>(0, sd)(rng_); }
  std::int64_t start_;
  std::mt19937_64 rng_;
  double hr_ = 60;
  double temp_ = 34.5;
};

}  // namespace mind_log::bench
