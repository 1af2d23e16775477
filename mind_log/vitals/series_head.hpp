#pragma once
// The hot head of one (user, metric) series: the newest samples, not yet sealed, kept sorted
// in memory. It is the reorder window: a late or duplicate sample is merged here as long as it
// is newer than the seal watermark. Pure (time is passed in); not synchronised, the owning
// store serialises access.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "mind_log/vitals/chunk.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

struct SealPolicy {
  std::size_t chunk_points = 16384;                  // 1 Hz heart rate: one chunk per ~4.5 h
  platform::Millis reorder_window_ms = 15 * 60'000;  // samples younger than now - window stay open
  platform::Millis max_chunk_span_ms = 7 * 86'400'000LL;  // sparse metrics seal at least weekly
  std::size_t max_head_points = 4 * 16384;           // memory bound: beyond it the oldest seal early
};

struct MergeResult {
  std::size_t added = 0;      // new timestamps
  std::size_t replaced = 0;   // existing timestamps given a new value (later write wins)
  std::size_t unchanged = 0;  // exact repeats
};

class SeriesHead {
 public:
  SeriesHead() = default;
  SeriesHead(std::vector<Sample> points, std::int64_t sealed_until);

  // Every sealed sample has t <= sealed_until(); nothing at or before it can be accepted.
  std::int64_t sealed_until() const { return sealed_until_; }
  const std::vector<Sample>& points() const { return points_; }

  // Error "sample-too-late" (409) if a sample falls at or before the watermark. No mutation.
  platform::Result<void> check(std::span<const Sample> sorted_batch) const;
  // REQUIRES: check() succeeded for this batch and it is strictly increasing.
  MergeResult merge(std::span<const Sample> sorted_batch);

  // Removes and returns the chunks the policy says are ready to seal at `now`.
  std::vector<std::vector<Sample>> take_sealable(platform::Millis now, const SealPolicy& policy);
  // Seals everything regardless of the window (shutdown, retention, tests).
  std::vector<std::vector<Sample>> take_all(const SealPolicy& policy);

 private:
  std::vector<Sample> take_front(std::size_t n);
  std::vector<Sample> points_;
  std::int64_t sealed_until_ = INT64_MIN;
};

}  // namespace mind_log::vitals
