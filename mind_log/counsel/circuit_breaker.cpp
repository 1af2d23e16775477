#include "mind_log/counsel/circuit_breaker.hpp"

#include <algorithm>

namespace mind_log::counsel {

bool CircuitBreaker::allow() {
  std::lock_guard lock(mu_);
  if (state_ == State::open && clock_.now_ms() - opened_at_ >= open_ms_) {
    state_ = State::half_open;
    probe_in_flight_ = false;
  }
  switch (state_) {
    case State::closed: return true;
    case State::open: return false;
    case State::half_open:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::record_success() {
  std::lock_guard lock(mu_);
  state_ = State::closed;
  failures_ = 0;
  probe_in_flight_ = false;
}

void CircuitBreaker::record_failure() {
  std::lock_guard lock(mu_);
  ++failures_;
  if (state_ == State::half_open || failures_ >= threshold_) {
    state_ = State::open;
    opened_at_ = clock_.now_ms();
    probe_in_flight_ = false;
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

std::string_view to_string(CircuitBreaker::State s) {
  switch (s) {
    case CircuitBreaker::State::closed: return "closed";
    case CircuitBreaker::State::open: return "open";
    case CircuitBreaker::State::half_open: return "half_open";
  }
  return "closed";
}

platform::Millis backoff_ms(int attempt, platform::Millis base, platform::Millis cap, double unit) {
  platform::Millis step = base;
  for (int i = 1; i < attempt && step < cap; ++i) step *= 2;
  step = std::min(step, cap);
  const double u = std::clamp(unit, 0.0, 0.999999);
  return step / 2 + static_cast<platform::Millis>(u * double(step - step / 2));
}

}  // namespace mind_log::counsel
