#pragma once
// Generic Cell Rate Algorithm rate limiter: one timestamp (the theoretical arrival time,
// TAT) per key instead of a token bucket's pair, and an exact Retry-After. A key allows
// `burst` requests at once and then one per 1/rate seconds.
//
// Thread-safe: keys are spread over 16 shards, each with its own mutex, so requests from
// different IPs on different threads rarely contend.
#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <boost/unordered/unordered_flat_map.hpp>

#include "platform/core/clock.hpp"

namespace traffic_master::shield {

struct GcraLimit {
  double rate_per_s = 10;
  double burst = 20;
};

struct GcraDecision {
  bool allowed = true;
  platform::Millis retry_after_ms = 0;  // when denied: wait this long before the next try
};

class GcraLimiter {
 public:
  explicit GcraLimiter(GcraLimit limit) : limit_(limit) {}

  GcraDecision check(std::string_view key, platform::Millis now_ms);
  // Forgets keys that are back to a full burst (their TAT is in the past). Returns how many.
  std::size_t prune(platform::Millis now_ms);
  std::size_t size() const;
  const GcraLimit& limit() const { return limit_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    mutable std::mutex mutex;
    // Open addressing (one probe touches one cache line, no node per key) and heterogeneous
    // lookup (checking a known key allocates nothing): every gate request checks three keys.
    boost::unordered_flat_map<std::string, double, Hash, std::equal_to<>> tat_ms;
  };
  GcraLimit limit_;
  std::array<Shard, 16> shards_;
};

}  // namespace traffic_master::shield
