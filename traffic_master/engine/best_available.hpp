#pragma once
// Best-available seat selection. The static part (SeatRuns) is derived once per venue and is
// immutable, so events sharing a venue share it across threads. The choice itself is a pure
// function of the seat statuses and per-run free counts the engine maintains.
//
// A "run" is a maximal stretch of seats in one row that sit side by side (no aisle or gap)
// and share a price category. Runs of a category are ordered nearest-the-stage first, so the
// search stops at the first run that fits.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "traffic_master/engine/venue.hpp"

namespace traffic_master::engine {

class SeatRuns {
 public:
  explicit SeatRuns(const Venue& venue);

  struct Run {
    std::uint32_t offset = 0;  // into seats()
    std::uint32_t length = 0;
  };
  const std::vector<Run>& runs() const { return runs_; }
  std::span<const SeatIndex> run_seats(std::uint32_t run) const {
    return {seats_.data() + runs_[run].offset, runs_[run].length};
  }
  const std::vector<std::uint32_t>& runs_of_category(CategoryIndex c) const { return by_category_[c]; }
  std::uint32_t run_of_seat(SeatIndex s) const { return run_of_seat_[s]; }
  // Where a run sits in runs_of_category() of its category.
  std::uint32_t position_in_category(std::uint32_t run) const { return position_in_category_[run]; }
  std::size_t category_count() const { return by_category_.size(); }

 private:
  std::vector<Run> runs_;
  std::vector<SeatIndex> seats_;
  std::vector<std::vector<std::uint32_t>> by_category_;
  std::vector<std::uint32_t> run_of_seat_;
  std::vector<std::uint32_t> position_in_category_;
};

struct BestChoice {
  std::vector<SeatIndex> seats;
  bool orphan_rule_relaxed = false;
};

// Bit n (n < 63) set: the run has a free block of exactly n seats; bit 63: a block of 63 or more.
std::uint64_t free_block_mask(std::span<const SeatIndex> run, std::span<const std::uint8_t> status);

// Can a run with this free_block_mask take `count` adjacent seats, without leaving a single free
// seat beside them unless allow_orphan? Exact for blocks under 63 seats.
bool may_fit(std::uint64_t mask, std::uint32_t count, bool allow_orphan);

// status: one byte per seat, 0 = free. run_blocks: free_block_mask per run. Runs of the category
// before strict_first cannot take the seats under the orphan rule, runs before relaxed_first
// cannot take them at all (the engine keeps both cursors, so a filling event does not rescan its
// sold-out front rows, nor rows left with seats only an orphan-breaking hold could use).
std::optional<BestChoice> choose_best(const SeatRuns& runs, const Venue& venue, CategoryIndex category,
                                      std::uint32_t count, std::span<const std::uint8_t> status,
                                      std::span<const std::uint64_t> run_blocks, std::uint32_t strict_first = 0,
                                      std::uint32_t relaxed_first = 0);

}  // namespace traffic_master::engine
