#include "traffic_master/queue/eta.hpp"

#include <algorithm>

namespace traffic_master::queue {

void RateMeter::roll(platform::Millis second) const {
  if (current_second_ < 0) {
    current_second_ = second;
    return;
  }
  if (second <= current_second_) return;
  auto gap = std::min<platform::Millis>(second - current_second_, kBuckets);
  for (platform::Millis s = 1; s <= gap; ++s) counts_[static_cast<std::size_t>((current_second_ + s) % kBuckets)] = 0;
  current_second_ = second;
}

void RateMeter::record(platform::Millis at_ms, std::int64_t n) {
  auto second = at_ms / 1000;
  roll(second);
  if (second + kBuckets <= current_second_) return;  // older than the window
  counts_[static_cast<std::size_t>(second % kBuckets)] += n;
  if (first_ms_ < 0) first_ms_ = at_ms;
  total_ += n;
}

double RateMeter::per_second(platform::Millis now_ms) const {
  if (first_ms_ < 0) return 0;
  roll(now_ms / 1000);
  std::int64_t sum = 0;
  for (auto c : counts_) sum += c;
  // Window: the full minute, or the time since the first admission (at least one second).
  double window_s = std::clamp(static_cast<double>(now_ms - first_ms_) / 1000.0, 1.0, static_cast<double>(kBuckets));
  return static_cast<double>(sum) / window_s;
}

Eta estimate_eta(std::int64_t ahead, double rate_per_s, double extra_wait_s) {
  Eta eta;
  if (rate_per_s <= 0) {
    eta.known = false;
    return eta;
  }
  double mid = static_cast<double>(ahead) / rate_per_s;
  eta.low_s = extra_wait_s + mid * 0.75;
  eta.high_s = extra_wait_s + mid * 1.25 + 1.0;  // +1 s: the admission tick granularity
  return eta;
}

}  // namespace traffic_master::queue
