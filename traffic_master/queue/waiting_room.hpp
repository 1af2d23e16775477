#pragma once
// One event's virtual waiting room (pure core: clock and randomness injected, no I/O).
//
//  - Before the on-sale time joins go to a pre-queue in arrival order. At open the pre-queue
//    is placed in the verifiable random order of shuffle.hpp; later joins queue FIFO.
//  - tick() admits people from the head as the AdmissionController allows, skipping places
//    whose holder stopped heart-beating, and expires shoppers idle past the shopping window.
//  - One place per account: joining again returns the same place while it is live.
//  - Every change is journaled before it is applied; restore() replays a journal.
//
// Not synchronised: the owner serialises all calls (the service holds one mutex per room).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <boost/unordered/unordered_flat_map.hpp>
#include <vector>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "traffic_master/queue/admission_controller.hpp"
#include "traffic_master/queue/eta.hpp"
#include "traffic_master/queue/index_list.hpp"
#include "traffic_master/queue/journal.hpp"
#include "traffic_master/queue/shuffle.hpp"

namespace traffic_master::queue {

using RandomBytes = std::function<std::string(std::size_t)>;

enum class Phase { pre_open, open, paused, draining, closed };
enum class PlaceState { waiting, admitted, finished, dropped, expired, left };

std::string_view to_string(Phase p);
std::string_view to_string(PlaceState s);

struct RoomConfig {
  std::string event_id;
  platform::Millis opens_at_ms = 0;
  platform::Millis heartbeat_timeout_ms = 30'000;
  platform::Millis shopping_idle_ms = 5 * 60'000;   // idle shoppers lose the admission
  platform::Millis shopping_max_ms = 20 * 60'000;   // hard cap; also the token lifetime
  ControllerConfig controller;
};

struct JoinResult {
  std::string receipt;
  bool rejoined = false;  // the account already had this live place
};

struct PlaceStatus {
  std::string receipt;
  PlaceState state = PlaceState::waiting;
  Phase phase = Phase::pre_open;
  bool in_prequeue = false;     // before open: the place is drawn at open
  std::int64_t position = 0;    // 1-based among people still waiting; 0 when not waiting
  std::int64_t ahead = 0;
  Eta eta;
  // When admitted: the token id and the deadline of the admission.
  std::string jti;
  platform::Millis admitted_at_ms = 0;
  platform::Millis admission_expires_ms = 0;
  std::string account;
  std::string device;
};

struct Admission {
  std::string account, device, receipt, jti;
  platform::Millis admitted_at_ms;
};

struct TickResult {
  std::vector<Admission> admitted;
  std::int64_t dropped = 0;  // stale heartbeats skipped
  std::int64_t expired = 0;  // idle shoppers
  // Token ids of admissions that ended in this tick, with their tokens' expiry: revoke them.
  std::vector<std::pair<std::string, platform::Millis>> revoked;
};

struct RoomSummary {
  Phase phase;
  std::int64_t waiting = 0, active = 0, admitted_total = 0, dropped_total = 0, expired_total = 0,
               prequeue = 0;
  ControllerLimits limits;
  double admission_rate_per_s = 0;
};

class WaitingRoom {
 public:
  // A new room: draws its shuffle seed and journals it (and thereby its commitment).
  WaitingRoom(RoomConfig config, const platform::Clock& clock, RandomBytes random, JournalSink* sink);

  // Rebuilds a room from its journal. Errors: "journal-corrupt" (500) naming the record.
  static platform::Result<std::unique_ptr<WaitingRoom>> restore(RoomConfig config, const platform::Clock& clock,
                                                                RandomBytes random, JournalSink* sink,
                                                                const std::vector<JournalRecord>& records);

  // Errors: "invalid-account"/"invalid-device" 422, "queue-closed" 409.
  platform::Result<JoinResult> join(const std::string& account, const std::string& device);
  // Errors: "place-unknown" 404, "place-not-yours" 403, "place-gone" 410.
  platform::Result<void> heartbeat(const std::string& account, const std::string& receipt);
  // receipt empty: the account's current place. Same errors as heartbeat, minus place-gone.
  platform::Result<PlaceStatus> status(const std::string& account, const std::string& receipt) const;
  // Leaves the queue or gives up the admission. Returns the jti to revoke, if any.
  platform::Result<std::optional<std::string>> leave(const std::string& account, const std::string& receipt);
  // A shopper's activity (hold/confirm) keeps the admission alive. Errors: "admission-inactive" 403.
  platform::Result<void> touch(const std::string& account, const std::string& jti);
  // Purchase completed: the shopper's slot goes to the next person. Returns the jti to revoke.
  std::optional<std::string> finish(const std::string& account);

  TickResult tick();
  void observe_health(const HealthSample& sample) { controller_.observe(sample, clock_.now_ms()); }
  void set_limits(std::int64_t max_active, double per_minute) { controller_.set_limits(max_active, per_minute); }

  // Operator controls. Errors: "invalid-phase-transition" 409.
  platform::Result<void> pause();
  platform::Result<void> resume();
  platform::Result<void> drain();
  platform::Result<void> close();

  const std::string& event_id() const { return config_.event_id; }
  platform::Millis opens_at_ms() const { return config_.opens_at_ms; }
  Phase phase() const { return phase_; }
  const std::string& commitment_hex() const { return commitment_hex_; }
  // The published shuffle record; the seed is revealed only once the shuffle happened.
  ShuffleRecord shuffle_record() const;
  RoomSummary summary() const;
  // Token ids of admissions that ended and whose tokens may still be within their lifetime.
  std::vector<std::pair<std::string, platform::Millis>> revoked_jtis() const;

 private:
  struct Entry {
    std::string account, device, receipt, jti;
    PlaceState state = PlaceState::waiting;
    platform::Millis joined_at = 0, last_seen = 0, admitted_at = 0, last_active = 0, ended_at = 0;
    std::int64_t slot = -1;  // index in queue_; -1 while in the pre-queue
  };
  WaitingRoom(RoomConfig config, const platform::Clock& clock, RandomBytes random, JournalSink* sink, bool fresh);

  void commit(JournalRecord record);
  platform::Result<void> apply(const JournalRecord& r);
  void end_waiting(std::uint32_t id, PlaceState state, platform::Millis at);
  void end_admission(std::uint32_t id, PlaceState state, platform::Millis at);
  void set_phase(Phase p, platform::Millis at);
  platform::Result<std::uint32_t> find_place(const std::string& account, const std::string& receipt) const;
  Eta eta_for(std::int64_t ahead) const;
  std::int64_t ahead_of(const Entry& e) const;

  RoomConfig config_;
  const platform::Clock& clock_;
  RandomBytes random_;
  JournalSink* sink_;
  AdmissionController controller_;
  RateMeter admitted_meter_;

  Phase phase_ = Phase::pre_open;
  Phase phase_before_pause_ = Phase::open;
  bool opened_ = false;
  platform::Millis opened_at_ms_ = 0;
  std::string seed_;
  std::string commitment_hex_;
  std::vector<Entry> entries_;             // by entry id, arrival order; never shrinks
  std::vector<std::uint32_t> prequeue_;    // entry ids in arrival order (before open)
  std::vector<std::uint32_t> queue_;       // entry ids in admission order
  Fenwick waiting_;                        // 1 per queue_ slot still waiting
  std::size_t head_ = 0;                   // first queue_ slot not yet passed
  // Open addressing: a lookup touches one cache line and a join allocates no node.
  boost::unordered_flat_map<std::string, std::uint32_t> by_account_;
  boost::unordered_flat_map<std::string, std::uint32_t> by_receipt_;
  IndexList heartbeats_;                   // waiting entries, oldest heartbeat first
  IndexList shoppers_;                     // admitted entries, least recently active first
  std::int64_t waiting_count_ = 0, dropped_total_ = 0, expired_total_ = 0, admitted_total_ = 0;
  std::vector<std::uint32_t> ended_admissions_;
};

}  // namespace traffic_master::queue
