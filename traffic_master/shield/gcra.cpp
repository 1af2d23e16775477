#include "traffic_master/shield/gcra.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace traffic_master::shield {

GcraDecision GcraLimiter::check(std::string_view key, platform::Millis now_ms) {
  auto& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  const double interval = 1000.0 / limit_.rate_per_s;
  const double tolerance = interval * limit_.burst;
  const auto now = static_cast<double>(now_ms);
  std::lock_guard lock(shard.mutex);
  auto it = shard.tat_ms.find(key);
  double tat = it == shard.tat_ms.end() ? now : std::max(it->second, now);
  double new_tat = tat + interval;
  double allow_at = new_tat - tolerance;
  if (now < allow_at) return {false, static_cast<platform::Millis>(std::ceil(allow_at - now))};
  if (it == shard.tat_ms.end()) shard.tat_ms.emplace(std::string(key), new_tat);
  else it->second = new_tat;
  return {true, 0};
}

std::size_t GcraLimiter::prune(platform::Millis now_ms) {
  std::size_t n = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += boost::unordered::erase_if(shard.tat_ms, [&](const auto& kv) { return kv.second <= static_cast<double>(now_ms); });
  }
  return n;
}

std::size_t GcraLimiter::size() const {
  std::size_t n = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.tat_ms.size();
  }
  return n;
}

}  // namespace traffic_master::shield
