#include "traffic_master/store/seat_snapshot.hpp"

namespace traffic_master::store {

ChunkedStatus ChunkedStatus::update(const ChunkedStatus* previous, std::span<const std::uint8_t> now,
                                    std::span<const std::uint64_t> changed) {
  ChunkedStatus out;
  out.size_ = now.size();
  std::size_t count = (now.size() + kChunkSeats - 1) / kChunkSeats;
  bool reuse = previous && previous->size_ == now.size();
  out.chunks_.reserve(count);
  for (std::size_t c = 0; c < count; ++c) {
    bool dirty = c / 64 < changed.size() && (changed[c / 64] >> (c % 64)) & 1;
    if (reuse && !dirty) {
      out.chunks_.push_back(previous->chunks_[c]);
      continue;
    }
    auto begin = now.begin() + static_cast<std::ptrdiff_t>(c * kChunkSeats);
    auto end = now.begin() + static_cast<std::ptrdiff_t>(std::min(now.size(), (c + 1) * kChunkSeats));
    out.chunks_.push_back(std::make_shared<const Chunk>(begin, end));
  }
  return out;
}

std::vector<std::uint8_t> ChunkedStatus::bytes() const {
  std::vector<std::uint8_t> out;
  out.reserve(size_);
  for (const auto& c : chunks_) out.insert(out.end(), c->begin(), c->end());
  return out;
}

std::vector<engine::SeatChange> ChunkedStatus::changes_since(const ChunkedStatus& before) const {
  std::vector<engine::SeatChange> out;
  for (std::size_t c = 0; c < chunk_count(); ++c)
    if (!shares_chunk(before, c))
      engine::append_changes(before.chunk(c), chunk(c), static_cast<std::uint32_t>(c * kChunkSeats), out);
  return out;
}

}  // namespace traffic_master::store
