#pragma once
// What the server observes about live client sessions, turned into the SessionTelemetry the
// behavioural model scores: request times per (account, device), the page's telemetry
// beacon, and how many sessions share a device, an IP or an account.
//
// Thread-safe: one mutex; every call is a few hash-map operations. Sessions idle longer than
// the prune window are forgotten.
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

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
    std::deque<platform::Millis> requests;
    bool has_telemetry = false;
    ClientTelemetry client;
    platform::Millis last_seen = 0;
    std::string ip;
  };
  static std::string key(const std::string& account, const std::string& device) { return account + '\x1f' + device; }
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
  std::unordered_map<std::string, std::unordered_set<std::string>> accounts_by_device_, devices_by_ip_, devices_by_account_;
};

}  // namespace traffic_master::shield
