#include "traffic_master/shield/session_tracker.hpp"

#include <algorithm>
#include <limits>

namespace traffic_master::shield {

std::string_view SessionTracker::key(const std::string& account, const std::string& device) {
  thread_local std::string buffer;
  buffer.assign(account);
  buffer += '\x1f';
  buffer += device;
  return buffer;
}

void SessionTracker::count(std::string_view account, std::string_view device, std::string_view ip, int delta) {
  auto bump = [delta](CountMap& m, std::string_view k) {
    auto it = m.find(k);
    if (it == m.end()) it = m.emplace(std::string(k), 0).first;
    if ((it->second += delta) <= 0) m.erase(it);
  };
  bump(sessions_by_device_, device);
  bump(sessions_by_ip_, ip);
  bump(sessions_by_account_, account);
}

void SessionTracker::Session::record(platform::Millis at_ms) {
  constexpr platform::Millis lo = std::numeric_limits<std::int32_t>::min(), hi = std::numeric_limits<std::int32_t>::max();
  if (request_count == 0) base_ms = at_ms;
  if (at_ms - base_ms < lo || at_ms - base_ms > hi) {
    // Rebase on this request; kept times too far from it (weeks) are clamped, which leaves the
    // timing features of such a session unchanged in practice (gaps of weeks either way).
    auto kept = std::min(request_count, kKeptRequests);
    for (std::size_t k = request_count - kept; k < request_count; ++k)
      requests[k % kKeptRequests] = static_cast<std::int32_t>(std::clamp(time(k) - at_ms, lo, hi));
    base_ms = at_ms;
  }
  requests[request_count++ % kKeptRequests] = static_cast<std::int32_t>(at_ms - base_ms);
}

SessionTracker::Session& SessionTracker::record_locked(const std::string& account, const std::string& device,
                                                       const std::string& ip, platform::Millis now_ms) {
  auto k = key(account, device);
  auto it = sessions_.find(k);
  if (it == sessions_.end()) {
    it = sessions_.emplace(std::string(k), Session{}).first;
    count(account, device, ip, +1);
  } else if (it->second.ip != ip) {  // the session moved networks: it now shares the new address
    count(account, device, it->second.ip, -1);
    count(account, device, ip, +1);
  }
  auto& s = it->second;
  s.record(now_ms);
  s.last_seen = now_ms;
  if (s.ip != ip) s.ip = ip;
  return s;
}

void SessionTracker::record_request(const std::string& account, const std::string& device, const std::string& ip,
                                    platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  record_locked(account, device, ip, now_ms);
}

SessionTelemetry SessionTracker::observe(const std::string& account, const std::string& device, const std::string& ip,
                                         platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  const auto& s = record_locked(account, device, ip, now_ms);
  return telemetry_locked(&s, account, device, ip);
}

void SessionTracker::record_telemetry(const std::string& account, const std::string& device, const ClientTelemetry& t,
                                      platform::Millis now_ms) {
  std::lock_guard lock(mutex_);
  auto k = key(account, device);
  auto it = sessions_.find(k);
  if (it == sessions_.end()) {
    it = sessions_.emplace(std::string(k), Session{}).first;
    count(account, device, it->second.ip, +1);
  }
  auto& s = it->second;
  if (s.client) *s.client = t;
  else s.client = std::make_unique<ClientTelemetry>(t);
  s.last_seen = now_ms;
}

SessionTelemetry SessionTracker::telemetry(const std::string& account, const std::string& device,
                                           const std::string& ip) const {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(key(account, device));
  return telemetry_locked(it == sessions_.end() ? nullptr : &it->second, account, device, ip);
}

SessionTelemetry SessionTracker::telemetry_locked(const Session* sess, const std::string& account,
                                                  const std::string& device, const std::string& ip) const {
  SessionTelemetry t;
  auto size_of = [](const auto& map, std::string_view k) {
    auto it = map.find(k);
    return it == map.end() ? 1 : std::max(1, it->second);
  };
  t.parallel_sessions_device = size_of(sessions_by_device_, device);
  t.parallel_sessions_ip = size_of(sessions_by_ip_, ip);
  t.parallel_sessions_account = size_of(sessions_by_account_, account);
  if (!sess) {
    t.telemetry_present = false;
    return t;
  }
  auto kept = std::min(sess->request_count, kKeptRequests);
  t.request_times.reserve(kept);
  for (std::size_t k = sess->request_count - kept; k < sess->request_count; ++k) t.request_times.push_back(sess->time(k));
  t.telemetry_present = sess->client != nullptr;
  if (!sess->client) return t;
  const auto& c = *sess->client;
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
    std::string_view k = it->first;
    auto sep = k.find('\x1f');
    count(k.substr(0, sep), k.substr(sep + 1), it->second.ip, -1);
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
