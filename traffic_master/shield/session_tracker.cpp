#include "traffic_master/shield/session_tracker.hpp"

#include <algorithm>

namespace traffic_master::shield {

void SessionTracker::count(const std::string& account, const std::string& device, const std::string& ip, int delta) {
  auto bump = [delta](std::unordered_map<std::string, int>& m, const std::string& k) {
    auto it = m.try_emplace(k, 0).first;
    if ((it->second += delta) <= 0) m.erase(it);
  };
  bump(sessions_by_device_, device);
  bump(sessions_by_ip_, ip);
  bump(sessions_by_account_, account);
}

void SessionTracker::record_request(const std::string& account, const std::string& device, const std::string& ip,
                                    platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  auto [it, fresh] = sessions_.try_emplace(key(account, device));
  auto& s = it->second;
  if (fresh) {
    count(account, device, ip, +1);
  } else if (s.ip != ip) {  // the session moved networks: it now shares the new address
    count(account, device, s.ip, -1);
    count(account, device, ip, +1);
  }
  s.requests[s.request_count++ % kKeptRequests] = now_ms;
  s.last_seen = now_ms;
  s.ip = ip;
}

void SessionTracker::record_telemetry(const std::string& account, const std::string& device, const ClientTelemetry& t,
                                      platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  auto [it, fresh] = sessions_.try_emplace(key(account, device));
  auto& s = it->second;
  if (fresh) count(account, device, s.ip, +1);
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
    return it == map.end() ? 1 : std::max(1, it->second);
  };
  t.parallel_sessions_device = size_of(sessions_by_device_, device);
  t.parallel_sessions_ip = size_of(sessions_by_ip_, ip);
  t.parallel_sessions_account = size_of(sessions_by_account_, account);
  auto it = sessions_.find(key(account, device));
  if (it == sessions_.end()) {
    t.telemetry_present = false;
    return t;
  }
  const auto& sess = it->second;
  auto kept = std::min(sess.request_count, kKeptRequests);
  for (std::size_t k = sess.request_count - kept; k < sess.request_count; ++k)
    t.request_times.push_back(sess.requests[k % kKeptRequests]);
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
  std::size_t n = 0;
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.last_seen + idle_ms > now_ms) {
      ++it;
      continue;
    }
    auto sep = it->first.find('\x1f');
    count(it->first.substr(0, sep), it->first.substr(sep + 1), it->second.ip, -1);
    it = sessions_.erase(it);
    ++n;
  }
  return n;
}

std::size_t SessionTracker::sessions() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace traffic_master::shield
