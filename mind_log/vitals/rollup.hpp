#pragma once
// Rollups: count/min/max/sum per 1 minute, 1 hour and 1 day, kept after raw chunks age out.
// Each tier is stored in epoch-aligned blocks (1m: one day per block, 1h: 30 days, 1d: 360
// days) so a one-year chart reads about a dozen blocks. Pure; not synchronised. No platform
// headers, like chunk_codec.hpp, so the fuzz target covers the block decoder too.
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/vitals/chunk_codec.hpp"

namespace mind_log::vitals {

enum class Tier : std::uint8_t { minute = 0, hour = 1, day = 2 };
inline constexpr std::array<Tier, 3> kTiers{Tier::minute, Tier::hour, Tier::day};

constexpr std::int64_t tier_resolution_ms(Tier t) {
  return t == Tier::minute ? 60'000 : t == Tier::hour ? 3'600'000 : 86'400'000;
}
constexpr std::int64_t tier_block_ms(Tier t) {
  return t == Tier::minute ? 86'400'000 : t == Tier::hour ? 30 * 86'400'000LL : 360 * 86'400'000LL;
}
const char* tier_name(Tier t);  // "1m", "1h", "1d"

constexpr std::int64_t floor_to(std::int64_t t, std::int64_t step) {
  std::int64_t q = t / step;
  if (t % step != 0 && t < 0) --q;
  return q * step;
}

struct Agg {
  std::uint32_t count = 0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  double sum = 0;

  void add(double v) {
    ++count;
    min = v < min ? v : min;
    max = v > max ? v : max;
    sum += v;
  }
  void merge(const Agg& o) {
    if (o.count == 0) return;
    count += o.count;
    min = o.min < min ? o.min : min;
    max = o.max > max ? o.max : max;
    sum += o.sum;
  }
  double avg() const { return count ? sum / count : 0; }
};

struct RollupEntry {
  std::int64_t start = 0;  // start of the slot (aligned to the tier resolution)
  Agg agg;
};

class RollupBlock {
 public:
  RollupBlock(Tier tier, std::int64_t block_start);
  Tier tier() const { return tier_; }
  std::int64_t block_start() const { return block_start_; }
  std::int64_t block_end() const { return block_start_ + tier_block_ms(tier_); }
  // REQUIRES: block_start() <= t < block_end().
  void merge(std::int64_t t, const Agg& agg);
  std::vector<RollupEntry> entries() const;  // non-empty slots, in time order
  bool empty() const { return filled_ == 0; }

 private:
  Tier tier_;
  std::int64_t block_start_;
  std::vector<Agg> slots_;
  std::size_t filled_ = 0;
};

// Per-slot aggregates of time-sorted samples at a resolution (entries in time order).
std::vector<RollupEntry> aggregate(std::span<const Sample> sorted, std::int64_t resolution_ms);
// Re-aggregates finer entries into a coarser resolution.
std::vector<RollupEntry> coarsen(std::span<const RollupEntry> finer, std::int64_t resolution_ms);

// Block bytes: u8 version (1), varint entry count, then four chunks (docs/vitals-format.md)
// holding count, min, max and sum with the slot starts as timestamps.
std::string encode_rollup_block(const RollupBlock& block);
// Untrusted bytes: nullptr on success, else a static description (malformed bytes, slots
// outside the block). `out` must be an empty block of the same tier and start.
const char* decode_rollup_block_into(std::string_view bytes, RollupBlock& out);

}  // namespace mind_log::vitals
