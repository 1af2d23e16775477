#pragma once
// Circuit breaker for the model provider: after `failure_threshold` consecutive failures the
// circuit opens and calls go straight to the offline engine for `open_ms`; then one probe is
// let through (half-open) and its outcome closes or re-opens the circuit. Also the retry
// backoff schedule. Time comes from the injected Clock.
// Thread-safe: one mutex; calls are a few instructions.
#include <cstdint>
#include <mutex>
#include <string_view>

#include "platform/core/clock.hpp"

namespace mind_log::counsel {

class CircuitBreaker {
 public:
  enum class State { closed, open, half_open };
  CircuitBreaker(const platform::Clock& clock, int failure_threshold = 3, platform::Millis open_ms = 30'000)
      : clock_(clock), threshold_(failure_threshold), open_ms_(open_ms) {}

  // True when a call may go to the provider now (in half-open: only the one probe).
  bool allow();
  void record_success();
  void record_failure();
  State state() const;

 private:
  const platform::Clock& clock_;
  const int threshold_;
  const platform::Millis open_ms_;
  mutable std::mutex mu_;
  State state_ = State::closed;
  int failures_ = 0;
  platform::Millis opened_at_ = 0;
  bool probe_in_flight_ = false;
};

std::string_view to_string(CircuitBreaker::State s);

// Exponential backoff with "equal jitter": half the step fixed, half random. attempt is
// 1-based (the wait before the 2nd try is backoff_ms(1, ...)). `unit` in [0, 1) is injected.
platform::Millis backoff_ms(int attempt, platform::Millis base, platform::Millis cap, double unit);

}  // namespace mind_log::counsel
