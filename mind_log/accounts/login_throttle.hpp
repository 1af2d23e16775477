#pragma once
// Login abuse controls, pure (time from the injected Clock):
//  * per client address: a token bucket (default 10 attempts, refilling 10 per minute); an
//    empty bucket answers "login-rate-limited" 429 before any password hashing happens;
//  * per account: after `max_failures` consecutive failures within `failure_window_ms` the
//    account is locked for `lockout_ms` ("account-locked" 423), even for the right password.
// Thread-safe: the address buckets are guarded by one mutex. Account state lives in the
// users row; this class only decides.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/core/clock.hpp"

namespace mind_log::accounts {

struct ThrottleOptions {
  double address_burst = 10;
  double address_refill_per_minute = 10;
  std::int64_t max_failures = 5;
  platform::Millis failure_window_ms = 15 * 60'000;
  platform::Millis lockout_ms = 15 * 60'000;
  std::size_t max_tracked_addresses = 100'000;
};

struct AccountLockState {
  std::int64_t failed_logins = 0;
  platform::Millis first_failed_at = 0;
  platform::Millis locked_until = 0;
};

class LoginThrottle {
 public:
  LoginThrottle(const platform::Clock& clock, ThrottleOptions options) : clock_(clock), options_(options) {}

  // Takes one token for the address; false means "rate limited". retry_after_s is then set.
  bool admit_address(const std::string& address, std::int64_t& retry_after_s);

  bool locked(const AccountLockState& s) const { return s.locked_until > clock_.now_ms(); }
  std::int64_t lock_seconds_left(const AccountLockState& s) const;
  AccountLockState after_failure(AccountLockState s) const;
  static AccountLockState after_success() { return {}; }

  const ThrottleOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens;
    platform::Millis at;
  };
  const platform::Clock& clock_;
  ThrottleOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace mind_log::accounts
