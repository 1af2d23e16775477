#include "mind_log/accounts/login_throttle.hpp"

#include <algorithm>
#include <cmath>

namespace mind_log::accounts {

bool LoginThrottle::admit_address(const std::string& address, std::int64_t& retry_after_s) {
  const platform::Millis now = clock_.now_ms();
  const double per_ms = options_.address_refill_per_minute / 60'000.0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= options_.max_tracked_addresses) {
    // Forget addresses whose bucket has refilled anyway; they lose nothing by it.
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens + static_cast<double>(now - kv.second.at) * per_ms >= options_.address_burst;
    });
  }
  auto [it, fresh] = buckets_.try_emplace(address, Bucket{options_.address_burst, now});
  Bucket& b = it->second;
  b.tokens = std::min(options_.address_burst, b.tokens + static_cast<double>(now - b.at) * per_ms);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  retry_after_s = static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) / per_ms / 1000.0));
  return false;
}

std::int64_t LoginThrottle::lock_seconds_left(const AccountLockState& s) const {
  return std::max<std::int64_t>(0, (s.locked_until - clock_.now_ms() + 999) / 1000);
}

AccountLockState LoginThrottle::after_failure(AccountLockState s) const {
  const platform::Millis now = clock_.now_ms();
  if (s.failed_logins == 0 || now - s.first_failed_at > options_.failure_window_ms) {
    s.failed_logins = 0;
    s.first_failed_at = now;
  }
  ++s.failed_logins;
  if (s.failed_logins >= options_.max_failures) {
    s.locked_until = now + options_.lockout_ms;
    s.failed_logins = 0;  // a fresh window starts once the lock ends
  }
  return s;
}

}  // namespace mind_log::accounts
