#pragma once
// Measured admission rate and the ETA range shown to a waiting person. The rate comes from
// what the room actually admitted over the last minute (not from the configured limit), so
// the estimate is honest when the downstream is slow. Not synchronised.
#include <array>
#include <cstdint>
#include <string>

#include "platform/core/clock.hpp"

namespace traffic_master::queue {

class RateMeter {
 public:
  static constexpr int kBuckets = 60;  // one per second

  void record(platform::Millis at_ms, std::int64_t n = 1);
  // Admissions per second over the last minute (or since the first admission if sooner);
  // 0 when nothing has been measured yet.
  double per_second(platform::Millis now_ms) const;
  std::int64_t total() const { return total_; }

 private:
  void roll(platform::Millis second) const;
  mutable std::array<std::int64_t, kBuckets> counts_{};
  mutable std::int64_t current_second_ = -1;
  platform::Millis first_ms_ = -1;
  std::int64_t total_ = 0;
};

struct Eta {
  double low_s = 0;
  double high_s = 0;
  bool known = true;       // false while paused: no honest number exists
  std::string reason;      // why it may have grown (shown to the person), empty otherwise
};

// ahead: people still waiting ahead; rate_per_s: the measured (or, before any admission,
// the configured) admission rate. The band is +-25%: the observed minute-to-minute spread
// of admission rate under the controller stays well inside it.
Eta estimate_eta(std::int64_t ahead, double rate_per_s, double extra_wait_s = 0);

}  // namespace traffic_master::queue
