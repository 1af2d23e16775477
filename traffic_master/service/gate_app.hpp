#pragma once
// The admission gate of the ticketing service: one waiting room per event (journaled under
// <data_dir>/queue/), admission tokens, and the shield (rate limits, proof of work, VQA,
// behavioural scoring). It provides the routes of waiting_room_routes.cpp and
// shield_routes.cpp and the AdmissionCheck that hold/confirm endpoints call.
//
// Synchronisation: the room map is guarded by a shared_mutex (rooms are created on first
// use, then only looked up); each room has its own mutex for everything inside it. Tokens,
// proof of work, VQA, policy and the session tracker are thread-safe on their own. A ticker
// thread (start/stop) admits, expires, pushes SSE updates and syncs journals.
#include <array>
#include <atomic>
#include <boost/json/object.hpp>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/core/clock.hpp"
#include "platform/http/message.hpp"
#include "platform/metrics/registry.hpp"
#include "traffic_master/queue/admission_token.hpp"
#include "traffic_master/queue/waiting_room.hpp"
#include "traffic_master/service/admission_check.hpp"
#include "traffic_master/service/event_catalog.hpp"
#include "traffic_master/service/waiting_room_journal_file.hpp"
#include "traffic_master/shield/policy.hpp"
#include "traffic_master/shield/pow.hpp"
#include "traffic_master/shield/session_tracker.hpp"
#include "traffic_master/shield/vqa_challenges.hpp"

namespace traffic_master::service {

struct GateOptions {
  std::string data_dir;         // journals go to <data_dir>/queue/<event>.journal
  std::string admission_key;    // >= 32 bytes; signs admission tokens
  std::string pow_key;          // >= 32 bytes; MACs proof-of-work challenges
  std::string admin_token;      // X-Admin-Token for operator routes; empty disables them
  int pow_base_bits = 16;       // 0: joins need proof of work only when the shield asks
  queue::RoomConfig room;       // timeouts and controller settings (event id/open time per event)
  shield::PolicyConfig policy;
  // Routes whose latency and 5xx rate (from the server's own http_request_duration_seconds
  // and http_requests_total series) steer the admission controller.
  std::vector<std::pair<std::string, std::string>> downstream_routes = {
      {"POST", "/api/v1/events/{id}/holds"},
      {"POST", "/api/v1/events/{id}/holds/best-available"},
      {"POST", "/api/v1/events/{id}/holds/{hold_id}/payment"},
      {"POST", "/api/v1/events/{id}/holds/{hold_id}/confirm"}};
  // false: the AdmissionCheck admits everyone (engine-only load tests, local tinkering).
  bool require_admission = true;
  platform::Millis tick_ms = 100;
  platform::Millis push_interval_ms = 1000;  // SSE status updates
};

// The account id of an authenticated request (the ticketing bearer token).
using Authenticate = std::function<platform::Result<std::string>(const platform::http::Request&)>;

class GateApp {
 public:
  struct Subscriber {
    std::string account;
    std::shared_ptr<platform::http::Stream> stream;
  };
  struct Room {
    std::mutex mutex;
    std::unique_ptr<WaitingRoomJournalFile> journal;
    std::unique_ptr<queue::WaitingRoom> room;
    std::vector<Subscriber> subscribers;
  };

  GateApp(GateOptions options, const EventScheduleQuery& events, const platform::Clock& clock,
          Authenticate authenticate, platform::metrics::Registry& metrics);
  ~GateApp();

  void start();  // ticker thread
  void stop();
  void tick();   // one ticker pass (tests call it directly)

  // The hook for hold/confirm/release/payment routes.
  AdmissionCheck admission_check();
  // Downstream health for the admission controller: the hold/confirm handlers report each
  // request's latency and whether it failed on the server side.
  void record_downstream(double latency_ms, bool ok);

  // The room of an event, created (or restored from its journal) on first use.
  // Errors: "event-unknown" 404, "journal-io"/"journal-corrupt" 500.
  platform::Result<Room*> room(std::string_view event_id);

  // Shield decision for a request of this account/device (records the request for timing).
  // behavioural=false (joins, long before anyone shops): rate limits only, and the model's
  // suspicion raises the proof-of-work difficulty instead of challenging. Holds and confirms
  // use the model's verdict.
  shield::Decision screen(const platform::http::Request& req, const std::string& account, const std::string& device,
                          bool behavioural = true);
  platform::http::Response refuse(const shield::Decision& d) const;
  void count_rejection(const platform::Error& e);
  void count_join(bool rejoined) { (rejoined ? joins_rejoin_ : joins_new_)->inc(); }
  // People waiting in all rooms as a share of 100k, as of the last tick (joins read it on
  // every request to scale proof of work; a 100 ms old count is precise enough for that).
  double load() const;

  std::string issue_token(const queue::PlaceStatus& status, std::string_view event_id) const;

  const GateOptions& options() const { return options_; }
  const platform::Clock& clock() const { return clock_; }
  const Authenticate& authenticate() const { return authenticate_; }
  queue::AdmissionTokens& tokens() { return tokens_; }
  shield::ProofOfWork& pow() { return pow_; }
  shield::VqaChallenges& vqa() { return vqa_; }
  shield::Policy& policy() { return policy_; }
  shield::SessionTracker& tracker() { return tracker_; }
  platform::metrics::Registry& metrics() { return metrics_; }

 private:
  void observe_health(platform::Millis now);
  void push_updates(const std::string& event_id, Room& r);

  GateOptions options_;
  const EventScheduleQuery& events_;
  const platform::Clock& clock_;
  Authenticate authenticate_;
  platform::metrics::Registry& metrics_;
  queue::AdmissionTokens tokens_;
  shield::ProofOfWork pow_;
  shield::VqaChallenges vqa_;
  shield::Policy policy_;
  shield::SessionTracker tracker_;

  // Hot-path counters resolved once (a registry lookup takes its mutex).
  platform::metrics::Counter* joins_new_ = nullptr;
  platform::metrics::Counter* joins_rejoin_ = nullptr;
  struct DecisionCounter {
    shield::Verdict verdict;
    std::string reason;
    platform::metrics::Counter* counter;
  };
  std::vector<DecisionCounter> decision_counters_;
  void count_decision(const shield::Decision& d);

  mutable std::shared_mutex rooms_mutex_;
  std::map<std::string, std::unique_ptr<Room>, std::less<>> rooms_;

  // Downstream health window (reset at each controller observation).
  static constexpr double kLatencyBoundsMs[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
  std::array<std::atomic<std::uint64_t>, std::size(kLatencyBoundsMs) + 1> latency_buckets_{};
  std::atomic<std::uint64_t> downstream_errors_{0};
  // Last seen cumulative values of the server's series per downstream route (ticker only).
  struct RouteSnapshot {
    std::vector<std::uint64_t> buckets;
    double errors = 0;
  };
  std::vector<RouteSnapshot> route_snapshots_;
  // Latency p99 (ms) and error/total counts of the server's series since the last call.
  void sample_server_series(std::vector<std::uint64_t>& counts_ms, std::uint64_t& errors);
  platform::Millis last_health_ms_ = 0, last_push_ms_ = 0, last_prune_ms_ = 0;
  std::atomic<std::int64_t> waiting_total_{0};  // written by tick(), read by load()

  std::mutex ticker_mutex_;
  std::condition_variable ticker_cv_;
  bool stopping_ = false;
  std::thread ticker_;
};

}  // namespace traffic_master::service
