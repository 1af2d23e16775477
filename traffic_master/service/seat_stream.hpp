#pragma once
// The live seat stream of one event (docs/seat-stream.md). New subscribers get a snapshot
// frame; then every tick() that finds a newer published snapshot sends ONE delta frame, built
// once and shared by every subscriber, so the cost per change does not grow with the audience.
//
// Synchronisation: mutex_ guards the subscriber table and the last broadcast snapshot. Frames
// are queued to sockets (non-blocking WebSocket::send_*) after the table is copied, so a slow
// client never holds the lock. A subscriber's snapshot is queued under the lock, which
// orders it before any delta that starts from its version.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "platform/http/message.hpp"
#include "traffic_master/store/event_writer.hpp"

namespace traffic_master::service {

class SeatStreamHub {
 public:
  explicit SeatStreamHub(const store::EventWriter& writer);

  void subscribe(const std::shared_ptr<platform::http::WebSocket>& ws);
  void unsubscribe(std::uint64_t socket_id);
  void resync(const std::shared_ptr<platform::http::WebSocket>& ws);  // client saw a gap
  // Broadcasts the change since the last tick, if any. Returns the number of sockets sent to.
  std::size_t tick();
  std::size_t subscribers() const;
  std::uint64_t broadcast_version() const;

 private:
  std::shared_ptr<const std::string> snapshot_frame_locked();
  const store::EventWriter& writer_;
  mutable std::mutex mutex_;
  std::shared_ptr<const store::SeatSnapshot> last_;        // guarded by mutex_
  std::shared_ptr<const std::string> last_snapshot_frame_;  // cache for last_, guarded by mutex_
  std::map<std::uint64_t, std::shared_ptr<platform::http::WebSocket>> sockets_;  // guarded by mutex_
};

}  // namespace traffic_master::service
