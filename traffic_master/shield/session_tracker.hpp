#pragma once
// What the server observes about live client sessions, turned into the SessionTelemetry the
// behavioural model scores: request times per (account, device), the page's telemetry
// beacon, and how many sessions share a device, an IP or an account.
//
// Thread-safe: one mutex; every call is a few hash-map operations. Sessions idle longer than
// the prune window are forgotten.
#include <array>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/core/clock.hpp"
#include "traffic_master/shield/features.hpp"

namespace traffic_master::shield {

struct ClientTelemetry {
  int pointer_moves = 0;
  double pointer_straightness = 0.5;
  double pointer_speed_cv = 1.0;
  int focus_changes = 0;
  bool webdriver = false;
  double seat_map_to_hold_ms = -1;
};

class SessionTracker {
 public:
  static constexpr std::size_t kKeptRequests = 32;

  void record_request(const std::string& account, const std::string& device, const std::string& ip, platform::Millis now_ms);
  void record_telemetry(const std::string& account, const std::string& device, const ClientTelemetry& t, platform::Millis now_ms);
  SessionTelemetry telemetry(const std::string& account, const std::string& device, const std::string& ip) const;
  std::size_t prune(platform::Millis now_ms, platform::Millis idle_ms);
  std::size_t sessions() const;

 private:
  struct Session {
    // Ring of the last kKeptRequests request times (no allocation per session).
    std::array<platform::Millis, kKeptRequests> requests{};
    std::size_t request_count = 0;  // total seen; the ring holds the last min(count, size)
    bool has_telemetry = false;
    ClientTelemetry client;
    platform::Millis last_seen = 0;
    std::string ip;
  };
  static std::string key(const std::string& account, const std::string& device) { return account + '\x1f' + device; }
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
  // Live sessions per device / IP / account. A session is one (account, device) pair, so
  // counting sessions is counting distinct pairs - no per-key sets to allocate.
  std::unordered_map<std::string, int> sessions_by_device_, sessions_by_ip_, sessions_by_account_;
  void count(const std::string& account, const std::string& device, const std::string& ip, int delta);
};

}  // namespace traffic_master::shield
