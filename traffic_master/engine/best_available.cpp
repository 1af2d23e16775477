#include "traffic_master/engine/best_available.hpp"

#include <algorithm>
#include <limits>

namespace traffic_master::engine {

SeatRuns::SeatRuns(const Venue& venue)
    : by_category_(venue.categories().size()), run_of_seat_(venue.capacity()) {
  const auto& seats = venue.seats();
  std::vector<double> run_distance;
  for (const auto& section : venue.sections()) {
    for (const auto& row : section.rows) {
      for (std::size_t k = 0; k < row.seats.size(); ++k) {
        SeatIndex s = row.seats[k];
        bool starts_run = k == 0 || !seats[s].adjacent_to_previous ||
                          seats[s].category != seats[row.seats[k - 1]].category;
        if (starts_run) {
          runs_.push_back({static_cast<std::uint32_t>(seats_.size()), 0});
          run_distance.push_back(std::numeric_limits<double>::max());
        }
        auto run = static_cast<std::uint32_t>(runs_.size() - 1);
        seats_.push_back(s);
        runs_.back().length++;
        run_of_seat_[s] = run;
        run_distance[run] = std::min(run_distance[run], seats[s].stage_distance);
      }
    }
  }
  for (std::uint32_t r = 0; r < runs_.size(); ++r)
    by_category_[seats[seats_[runs_[r].offset]].category].push_back(r);
  position_in_category_.resize(runs_.size());
  for (auto& list : by_category_) {
    std::stable_sort(list.begin(), list.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return run_distance[a] < run_distance[b]; });
    for (std::uint32_t p = 0; p < list.size(); ++p) position_in_category_[list[p]] = p;
  }
}

std::uint64_t free_block_mask(std::span<const SeatIndex> run, std::span<const std::uint8_t> status) {
  std::uint64_t mask = 0;
  std::size_t len = 0;
  for (std::size_t i = 0; i <= run.size(); ++i) {
    if (i < run.size() && status[run[i]] == 0) {
      ++len;
    } else if (len > 0) {
      mask |= std::uint64_t{1} << std::min<std::size_t>(len, 63);
      len = 0;
    }
  }
  return mask;
}

bool may_fit(std::uint64_t mask, std::uint32_t count, bool allow_orphan) {
  if (count >= 63) return (mask >> 63) != 0;
  if (allow_orphan) return (mask >> count) != 0;
  if ((mask >> count) & 1) return true;
  return count + 2 <= 63 && (mask >> (count + 2)) != 0;
}

namespace {

// Best window of `count` seats inside the free block [begin, end) of a run: the one with the
// smallest total distance to the stage. Unless `allow_orphan`, a window may not leave exactly
// one free seat on either side, because a lone seat between sold seats rarely sells.
std::optional<std::size_t> best_window(std::span<const SeatIndex> run, std::size_t begin, std::size_t end,
                                       std::uint32_t count, const Venue& venue, bool allow_orphan) {
  std::size_t len = end - begin;
  if (len < count) return std::nullopt;
  const auto& seats = venue.seats();
  double sum = 0;
  for (std::size_t i = begin; i < begin + count; ++i) sum += seats[run[i]].stage_distance;
  std::optional<std::size_t> best;
  double best_sum = std::numeric_limits<double>::max();
  for (std::size_t a = 0;; ++a) {
    std::size_t left = a, right = len - count - a;
    if ((allow_orphan || (left != 1 && right != 1)) && sum < best_sum - 1e-9) {
      best_sum = sum;
      best = begin + a;
    }
    if (a + count >= len) break;
    sum += seats[run[begin + a + count]].stage_distance - seats[run[begin + a]].stage_distance;
  }
  return best;
}

std::optional<BestChoice> scan(const SeatRuns& runs, const Venue& venue, CategoryIndex category,
                               std::uint32_t count, std::span<const std::uint8_t> status,
                               std::span<const std::uint64_t> run_blocks, bool allow_orphan, std::uint32_t first) {
  const auto& list = runs.runs_of_category(category);
  for (std::size_t p = first; p < list.size(); ++p) {
    std::uint32_t r = list[p];
    if (!may_fit(run_blocks[r], count, allow_orphan)) continue;
    auto seats = runs.run_seats(r);
    std::size_t i = 0;
    while (i < seats.size()) {
      if (status[seats[i]] != 0) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < seats.size() && status[seats[j]] == 0) ++j;
      if (auto start = best_window(seats, i, j, count, venue, allow_orphan)) {
        BestChoice c;
        c.seats.assign(seats.begin() + *start, seats.begin() + *start + count);
        c.orphan_rule_relaxed = allow_orphan;
        return c;
      }
      i = j;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<BestChoice> choose_best(const SeatRuns& runs, const Venue& venue, CategoryIndex category,
                                      std::uint32_t count, std::span<const std::uint8_t> status,
                                      std::span<const std::uint64_t> run_blocks, std::uint32_t strict_first,
                                      std::uint32_t relaxed_first) {
  if (category >= runs.category_count() || count == 0) return std::nullopt;
  if (auto c = scan(runs, venue, category, count, status, run_blocks, false, std::max(strict_first, relaxed_first)))
    return c;
  return scan(runs, venue, category, count, status, run_blocks, true, relaxed_first);
}

}  // namespace traffic_master::engine
