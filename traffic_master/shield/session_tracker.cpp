#include "traffic_master/shield/session_tracker.hpp"

namespace traffic_master::shield {

void SessionTracker::record_request(const std::string& account, const std::string& device, const std::string& ip,
                                    platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  auto& s = sessions_[key(account, device)];
  s.requests.push_back(now_ms);
  if (s.requests.size() > kKeptRequests) s.requests.pop_front();
  s.last_seen = now_ms;
  s.ip = ip;
  accounts_by_device_[device].insert(account);
  devices_by_ip_[ip].insert(device);
  devices_by_account_[account].insert(device);
}

void SessionTracker::record_telemetry(const std::string& account, const std::string& device, const ClientTelemetry& t,
                                      platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  auto& s = sessions_[key(account, device)];
  s.has_telemetry = true;
  s.client = t;
  s.last_seen = now_ms;
}

SessionTelemetry SessionTracker::telemetry(const std::string& account, const std::string& device,
                                           const std::string& ip) const {
  SessionTelemetry t;
  std::lock_guard lock(mutex_);
  auto size_of = [](const auto& map, const std::string& k) {
    auto it = map.find(k);
    return it == map.end() ? 1 : std::max<int>(1, static_cast<int>(it->second.size()));
  };
  t.parallel_sessions_device = size_of(accounts_by_device_, device);
  t.parallel_sessions_ip = size_of(devices_by_ip_, ip);
  t.parallel_sessions_account = size_of(devices_by_account_, account);
  auto it = sessions_.find(key(account, device));
  if (it == sessions_.end()) {
    t.telemetry_present = false;
    return t;
  }
  t.request_times.assign(it->second.requests.begin(), it->second.requests.end());
  t.telemetry_present = it->second.has_telemetry;
  const auto& c = it->second.client;
  t.pointer_moves = c.pointer_moves;
  t.pointer_straightness = c.pointer_straightness;
  t.pointer_speed_cv = c.pointer_speed_cv;
  t.focus_changes = c.focus_changes;
  t.webdriver = c.webdriver;
  t.seat_map_to_hold_ms = c.seat_map_to_hold_ms;
  return t;
}

std::size_t SessionTracker::prune(platform::Millis now_ms, platform::Millis idle_ms) {
  std::lock_guard lock(mutex_);
  std::size_t n = std::erase_if(sessions_, [&](const auto& kv) { return kv.second.last_seen + idle_ms <= now_ms; });
  if (n) {
    // Rebuild the sharing indexes from the sessions that remain.
    accounts_by_device_.clear();
    devices_by_ip_.clear();
    devices_by_account_.clear();
    for (const auto& [k, s] : sessions_) {
      auto sep = k.find('\x1f');
      auto account = k.substr(0, sep), device = k.substr(sep + 1);
      accounts_by_device_[device].insert(account);
      devices_by_ip_[s.ip].insert(device);
      devices_by_account_[account].insert(device);
    }
  }
  return n;
}

std::size_t SessionTracker::sessions() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace traffic_master::shield
