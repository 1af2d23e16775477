#include "traffic_master/service/seat_stream.hpp"

#include <vector>

#include "traffic_master/engine/seat_stream_codec.hpp"

namespace traffic_master::service {

SeatStreamHub::SeatStreamHub(const store::EventWriter& writer) : writer_(writer), last_(writer.snapshot()) {}

std::shared_ptr<const std::string> SeatStreamHub::snapshot_frame_locked() {
  if (!last_snapshot_frame_)
    last_snapshot_frame_ = std::make_shared<const std::string>(engine::encode_snapshot(last_->version, last_->status.bytes()));
  return last_snapshot_frame_;
}

void SeatStreamHub::subscribe(const std::shared_ptr<platform::http::WebSocket>& ws) {
  std::lock_guard lock(mutex_);
  ws->send_binary(snapshot_frame_locked());
  sockets_[ws->id()] = ws;
}

void SeatStreamHub::unsubscribe(std::uint64_t socket_id) {
  std::lock_guard lock(mutex_);
  sockets_.erase(socket_id);
}

void SeatStreamHub::resync(const std::shared_ptr<platform::http::WebSocket>& ws) {
  std::lock_guard lock(mutex_);
  ws->send_binary(snapshot_frame_locked());
}

std::size_t SeatStreamHub::tick() {
  auto current = writer_.snapshot();
  std::shared_ptr<const std::string> frame;
  std::vector<std::shared_ptr<platform::http::WebSocket>> targets;
  {
    std::lock_guard lock(mutex_);
    if (current->version == last_->version) return 0;
    frame = std::make_shared<const std::string>(
        engine::encode_delta(last_->version, current->version, current->status.changes_since(last_->status)));
    last_ = current;
    last_snapshot_frame_.reset();
    targets.reserve(sockets_.size());
    for (auto& [id, ws] : sockets_) targets.push_back(ws);
  }
  for (auto& ws : targets) ws->send_binary(frame);
  return targets.size();
}

std::size_t SeatStreamHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return sockets_.size();
}

std::uint64_t SeatStreamHub::broadcast_version() const {
  std::lock_guard lock(mutex_);
  return last_->version;
}

}  // namespace traffic_master::service
