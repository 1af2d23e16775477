#pragma once
// What the server observes about live client sessions, turned into the SessionTelemetry the
// behavioural model scores: request times per (account, device), the page's telemetry
// beacon, and how many sessions share a device, an IP or an account.
//
// Thread-safe: one mutex; every call is a few hash-map operations. Sessions idle longer than
// the prune window are forgotten. Lookups of known sessions and counters allocate nothing
// (heterogeneous lookup with a key built in a per-thread buffer): this runs on every gate
// request.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <boost/unordered/unordered_flat_map.hpp>
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
  // record_request then telemetry, under one lock and one session lookup (the gate's path).
  SessionTelemetry observe(const std::string& account, const std::string& device, const std::string& ip,
                           platform::Millis now_ms);
  void record_telemetry(const std::string& account, const std::string& device, const ClientTelemetry& t, platform::Millis now_ms);
  SessionTelemetry telemetry(const std::string& account, const std::string& device, const std::string& ip) const;
  std::size_t prune(platform::Millis now_ms, platform::Millis idle_ms);
  std::size_t sessions() const;

 private:
  // One per (account, device) seen in the prune window - hundreds of thousands at an on-sale -
  // so it is kept small: request times as 32-bit offsets, telemetry only once it arrived.
  struct Session {
    // Ring of the last kKeptRequests request times, as milliseconds after base_ms (rebased
    // when a time falls outside +-24 days of it).
    std::array<std::int32_t, kKeptRequests> requests{};
    platform::Millis base_ms = 0;
    platform::Millis last_seen = 0;
    std::size_t request_count = 0;  // total seen; the ring holds the last min(count, size)
    std::unique_ptr<ClientTelemetry> client;  // null until the page's telemetry beacon arrived
    std::string ip;
    void record(platform::Millis at_ms);
    platform::Millis time(std::size_t k) const { return base_ms + requests[k % kKeptRequests]; }
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
  // Small values: open addressing, no node per key.
  using CountMap = boost::unordered_flat_map<std::string, int, Hash, std::equal_to<>>;
  // "<account> US <device>", built in a per-thread buffer so a lookup does not allocate.
  static std::string_view key(const std::string& account, const std::string& device);
  // REQUIRES: mutex_ is held.
  Session& record_locked(const std::string& account, const std::string& device, const std::string& ip,
                         platform::Millis now_ms);
  SessionTelemetry telemetry_locked(const Session* s, const std::string& account, const std::string& device,
                                    const std::string& ip) const;
  mutable std::mutex mutex_;
  Map<Session> sessions_;
  // Live sessions per device / IP / account. A session is one (account, device) pair, so
  // counting sessions is counting distinct pairs - no per-key sets to allocate.
  CountMap sessions_by_device_, sessions_by_ip_, sessions_by_account_;
  void count(std::string_view account, std::string_view device, std::string_view ip, int delta);
};

}  // namespace traffic_master::shield
