#pragma once
// The read-only seat map an event's writer publishes after each durable batch.
//
// Statuses are held in chunks of SeatEngine::kStatusBlockSeats seats shared between
// snapshots: a new snapshot copies only the chunks whose seats changed since the previous one
// and shares the rest. At 200,000 seats a whole copy is 200 KB per batch; a batch of holds
// touches a few chunks, so publishing after every batch costs a few 4 KB copies.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "platform/core/clock.hpp"
#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/engine/seat_stream_codec.hpp"

namespace traffic_master::store {

class ChunkedStatus {
 public:
  static constexpr std::size_t kChunkSeats = engine::SeatEngine::kStatusBlockSeats;
  using Chunk = std::vector<std::uint8_t>;

  // `now` with every chunk shared with `previous` except those `changed` marks (one bit per
  // chunk) or all of them when there is no previous.
  static ChunkedStatus update(const ChunkedStatus* previous, std::span<const std::uint8_t> now,
                              std::span<const std::uint64_t> changed);

  std::size_t size() const { return size_; }
  std::uint8_t operator[](std::size_t seat) const { return (*chunks_[seat / kChunkSeats])[seat % kChunkSeats]; }
  std::size_t chunk_count() const { return chunks_.size(); }
  const Chunk& chunk(std::size_t c) const { return *chunks_[c]; }
  // True when chunk c is the same object in both (so its seats are equal).
  bool shares_chunk(const ChunkedStatus& other, std::size_t c) const { return chunks_[c] == other.chunks_[c]; }
  std::vector<std::uint8_t> bytes() const;  // all statuses in seat order
  // Seats whose status differs from `before` (same venue), in seat order. Chunks shared with
  // `before` hold no change and are not read.
  std::vector<engine::SeatChange> changes_since(const ChunkedStatus& before) const;

 private:
  std::size_t size_ = 0;
  std::vector<std::shared_ptr<const Chunk>> chunks_;
};

struct SeatSnapshot {
  std::uint64_t version = 0;
  ChunkedStatus status;  // one byte per seat, engine::SeatStatus
  engine::SeatEngine::Counts counts;
};

}  // namespace traffic_master::store
