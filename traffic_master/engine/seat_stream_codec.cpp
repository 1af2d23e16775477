#include "traffic_master/engine/seat_stream_codec.hpp"

namespace traffic_master::engine {
namespace {

void put_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get_le(std::span<const std::uint8_t> in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= std::uint64_t{in[at + i]} << (8 * i);
  return v;
}

}  // namespace

std::string encode_snapshot(std::uint64_t version, std::span<const std::uint8_t> status) {
  std::string out;
  out.reserve(kSnapshotHeader + status.size());
  out.push_back(static_cast<char>(kFrameSnapshot));
  out.push_back(static_cast<char>(kFrameFormat));
  put_le(out, 0, 2);
  put_le(out, version, 8);
  put_le(out, status.size(), 4);
  out.append(reinterpret_cast<const char*>(status.data()), status.size());
  return out;
}

std::string encode_delta(std::uint64_t from_version, std::uint64_t to_version, std::span<const SeatChange> changes) {
  std::string out;
  out.reserve(kDeltaHeader + 5 * changes.size());
  out.push_back(static_cast<char>(kFrameDelta));
  out.push_back(static_cast<char>(kFrameFormat));
  put_le(out, 0, 2);
  put_le(out, from_version, 8);
  put_le(out, to_version, 8);
  put_le(out, changes.size(), 4);
  for (const auto& c : changes) {
    put_le(out, c.seat, 4);
    out.push_back(static_cast<char>(c.status));
  }
  return out;
}

void append_changes(std::span<const std::uint8_t> before, std::span<const std::uint8_t> after,
                    std::uint32_t first_seat, std::vector<SeatChange>& out) {
  for (std::size_t i = 0; i < after.size(); ++i)
    if (before[i] != after[i]) out.push_back({first_seat + static_cast<std::uint32_t>(i), after[i]});
}

std::optional<DecodedFrame> decode_frame(std::span<const std::uint8_t> in) {
  if (in.size() < 4 || in[1] != kFrameFormat) return std::nullopt;
  DecodedFrame f;
  f.type = in[0];
  if (f.type == kFrameSnapshot) {
    if (in.size() < kSnapshotHeader) return std::nullopt;
    f.version = get_le(in, 4, 8);
    auto n = get_le(in, 12, 4);
    if (in.size() != kSnapshotHeader + n) return std::nullopt;
    f.status.assign(in.begin() + kSnapshotHeader, in.end());
    return f;
  }
  if (f.type == kFrameDelta) {
    if (in.size() < kDeltaHeader) return std::nullopt;
    f.from_version = get_le(in, 4, 8);
    f.version = get_le(in, 12, 8);
    auto n = get_le(in, 20, 4);
    if (in.size() != kDeltaHeader + n * 5) return std::nullopt;
    f.changes.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t at = kDeltaHeader + i * 5;
      f.changes.push_back({static_cast<std::uint32_t>(get_le(in, at, 4)), in[at + 4]});
    }
    return f;
  }
  return std::nullopt;
}

bool SeatMirror::apply(const DecodedFrame& frame) {
  if (frame.type == kFrameSnapshot) {
    status_ = frame.status;
    version_ = frame.version;
    synced_ = true;
    return true;
  }
  if (!synced_ || frame.from_version != version_) {
    synced_ = false;
    return false;
  }
  for (auto& c : frame.changes) {
    if (c.seat >= status_.size()) {
      synced_ = false;
      return false;
    }
    status_[c.seat] = c.status;
  }
  version_ = frame.version;
  return true;
}

}  // namespace traffic_master::engine
