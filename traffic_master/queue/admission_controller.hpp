#pragma once
// Decides how many waiting people may be admitted right now. Two limits:
//   - max_active: shoppers admitted and not yet finished/expired at the same time;
//   - per_minute: new admissions per minute, enforced by a token bucket.
// Both are tuned from downstream health (hold latency p99, error rate): a healthy window
// raises them multiplicatively, an unhealthy one cuts them (AIMD-like, but multiplicative
// both ways so it converges in a few windows at on-sale scale). Not synchronised: owned by
// one WaitingRoom, which its caller serialises.
#include <cstdint>
#include <string>

#include "platform/core/clock.hpp"

namespace traffic_master::queue {

struct ControllerConfig {
  std::int64_t initial_max_active = 1000;
  std::int64_t min_max_active = 50;
  std::int64_t max_max_active = 50'000;
  double initial_per_minute = 3000;
  double min_per_minute = 60;
  double max_per_minute = 120'000;
  double burst_seconds = 2.0;          // bucket capacity, in seconds of the current rate
  double target_hold_p99_ms = 200;     // above this the downstream is "slow"
  double max_error_rate = 0.02;        // above this the downstream is "failing"
  double increase_factor = 1.10;       // per healthy window
  double decrease_factor = 0.70;       // per unhealthy window
  platform::Millis adjust_interval_ms = 5'000;
};

struct HealthSample {
  double hold_p99_ms = 0;
  double error_rate = 0;
};

struct ControllerLimits {
  std::int64_t max_active;
  double per_minute;
  std::string last_change;  // "", "raised", "lowered: hold latency", "lowered: error rate"
};

class AdmissionController {
 public:
  AdmissionController(ControllerConfig config, platform::Millis now_ms);

  // Feeds one downstream health window. Adjusts the limits at most once per adjust interval.
  void observe(const HealthSample& sample, platform::Millis now_ms);

  // How many may be admitted now given `active` current shoppers. Does not consume.
  std::int64_t allowance(std::int64_t active, platform::Millis now_ms);
  // Takes n admissions out of the bucket (n <= allowance()).
  void consume(std::int64_t n);

  // Operator override (config reload); clamps to the configured bounds.
  void set_limits(std::int64_t max_active, double per_minute);

  ControllerLimits limits() const { return {max_active_, per_minute_, last_change_}; }
  // The parts every status read needs, without copying last_change.
  double per_minute() const { return per_minute_; }
  const std::string& last_change() const { return last_change_; }

 private:
  void refill(platform::Millis now_ms);
  double capacity() const;

  ControllerConfig config_;
  std::int64_t max_active_;
  double per_minute_;
  double tokens_;
  platform::Millis last_refill_ms_;
  platform::Millis last_adjust_ms_;
  std::string last_change_;
};

}  // namespace traffic_master::queue
