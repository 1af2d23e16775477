#include "traffic_master/queue/admission_controller.hpp"

#include <algorithm>
#include <cmath>

namespace traffic_master::queue {

AdmissionController::AdmissionController(ControllerConfig config, platform::Millis now_ms)
    : config_(config),
      max_active_(std::clamp(config.initial_max_active, config.min_max_active, config.max_max_active)),
      per_minute_(std::clamp(config.initial_per_minute, config.min_per_minute, config.max_per_minute)),
      tokens_(0),
      last_refill_ms_(now_ms),
      last_adjust_ms_(now_ms) {
  // Start with one second's worth so the first tick after open admits immediately, without
  // granting a full burst that the downstream has not yet proven it can take.
  tokens_ = std::min(capacity(), per_minute_ / 60.0);
}

double AdmissionController::capacity() const { return std::max(1.0, per_minute_ / 60.0 * config_.burst_seconds); }

void AdmissionController::refill(platform::Millis now_ms) {
  if (now_ms <= last_refill_ms_) return;
  tokens_ = std::min(capacity(), tokens_ + per_minute_ / 60'000.0 * static_cast<double>(now_ms - last_refill_ms_));
  last_refill_ms_ = now_ms;
}

void AdmissionController::observe(const HealthSample& sample, platform::Millis now_ms) {
  if (now_ms - last_adjust_ms_ < config_.adjust_interval_ms) return;
  refill(now_ms);
  last_adjust_ms_ = now_ms;
  double factor = config_.increase_factor;
  last_change_ = "raised";
  if (sample.error_rate > config_.max_error_rate) {
    factor = config_.decrease_factor;
    last_change_ = "lowered: error rate";
  } else if (sample.hold_p99_ms > config_.target_hold_p99_ms) {
    factor = config_.decrease_factor;
    last_change_ = "lowered: hold latency";
  }
  auto scaled = static_cast<std::int64_t>(std::llround(static_cast<double>(max_active_) * factor));
  // A raise of a small limit must still move it by at least one.
  if (factor > 1 && scaled == max_active_) ++scaled;
  max_active_ = std::clamp(scaled, config_.min_max_active, config_.max_max_active);
  per_minute_ = std::clamp(per_minute_ * factor, config_.min_per_minute, config_.max_per_minute);
  tokens_ = std::min(tokens_, capacity());
}

std::int64_t AdmissionController::allowance(std::int64_t active, platform::Millis now_ms) {
  refill(now_ms);
  auto by_active = std::max<std::int64_t>(0, max_active_ - active);
  auto by_rate = static_cast<std::int64_t>(std::floor(tokens_));
  return std::min(by_active, by_rate);
}

void AdmissionController::consume(std::int64_t n) { tokens_ = std::max(0.0, tokens_ - static_cast<double>(n)); }

void AdmissionController::set_limits(std::int64_t max_active, double per_minute) {
  max_active_ = std::clamp(max_active, config_.min_max_active, config_.max_max_active);
  per_minute_ = std::clamp(per_minute, config_.min_per_minute, config_.max_per_minute);
  tokens_ = std::min(tokens_, capacity());
  last_change_ = "set by operator";
}

}  // namespace traffic_master::queue
