#pragma once
// Binary frames of the live seat stream (docs/seat-stream.md documents them byte by byte).
// Snapshot: the whole status array at a version. Delta: the seats whose status differs
// between two versions, so any number of engine changes inside one broadcast interval cost a
// single frame. Pure functions; thread-safe.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace traffic_master::engine {

inline constexpr std::uint8_t kFrameSnapshot = 1;
inline constexpr std::uint8_t kFrameDelta = 2;
inline constexpr std::uint8_t kFrameFormat = 1;
inline constexpr std::size_t kSnapshotHeader = 16;
inline constexpr std::size_t kDeltaHeader = 24;

struct SeatChange {
  std::uint32_t seat;
  std::uint8_t status;
};

std::string encode_snapshot(std::uint64_t version, std::span<const std::uint8_t> status);
std::string encode_delta(std::uint64_t from_version, std::uint64_t to_version, std::span<const SeatChange> changes);
// Appends the seats whose status differs between `before` and `after` (same length), which
// hold the statuses of seats first_seat, first_seat + 1, ...
void append_changes(std::span<const std::uint8_t> before, std::span<const std::uint8_t> after,
                    std::uint32_t first_seat, std::vector<SeatChange>& out);
struct DecodedFrame {
  std::uint8_t type = 0;
  std::uint64_t from_version = 0;  // deltas
  std::uint64_t version = 0;       // snapshot version, or a delta's to_version
  std::vector<std::uint8_t> status;  // snapshots
  std::vector<SeatChange> changes;   // deltas
};
std::optional<DecodedFrame> decode_frame(std::span<const std::uint8_t> bytes);

// A client-side mirror: what a subscriber does with frames. Returns false when a delta does
// not start at the mirror's version (a gap): the client must ask for a new snapshot.
class SeatMirror {
 public:
  bool apply(const DecodedFrame& frame);
  std::uint64_t version() const { return version_; }
  const std::vector<std::uint8_t>& status() const { return status_; }
  bool synced() const { return synced_; }

 private:
  bool synced_ = false;
  std::uint64_t version_ = 0;
  std::vector<std::uint8_t> status_;
};

}  // namespace traffic_master::engine
