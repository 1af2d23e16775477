#include "traffic_master/bench/engine_workload.hpp"

#include <time.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace traffic_master::bench {
namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
constexpr std::size_t kBatch = 64;  // journal cleared as the writer does after a group commit

struct Names {
  std::vector<std::string> accounts, hold_keys, confirm_keys;
  explicit Names(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      accounts.push_back("account-" + std::to_string(i / 2));
      hold_keys.push_back("hold-" + std::to_string(i) + "-0f8e7d6c5b4a");
      confirm_keys.push_back("confirm-" + std::to_string(i) + "-0f8e7d6c5b4a");
    }
  }
};

}  // namespace

EngineResult run_hold_confirm(const std::shared_ptr<const engine::Venue>& venue, const engine::EventConfig& config,
                              double min_seconds) {
  auto runs = std::make_shared<const engine::SeatRuns>(*venue);
  std::size_t pairs = venue->capacity() / 2;
  Names names(pairs);
  EngineResult res;
  platform::Millis now = config.on_sale_at + 1;
  while (res.seconds < min_seconds) {
    engine::SeatEngine eng(venue, runs, config);
    auto start = Clock::now();
    auto cpu_start = thread_cpu_seconds();
    for (std::size_t i = 0; i < pairs; ++i) {
      engine::SeatIndex seats[2] = {static_cast<engine::SeatIndex>(2 * i), static_cast<engine::SeatIndex>(2 * i + 1)};
      auto h = eng.hold_seats({names.accounts[i], names.hold_keys[i], now}, seats);
      if (!h) std::abort();
      auto o = eng.confirm({names.accounts[i], names.confirm_keys[i], now}, h->hold_id, "");
      if (!o) std::abort();
      if (i % kBatch == 0) eng.clear_journal();
    }
    res.seconds += thread_cpu_seconds() - cpu_start;
    res.wall_seconds += std::chrono::duration<double>(Clock::now() - start).count();
    res.ops += 2 * pairs;
    ++res.passes;
    if (eng.counts().sold != 2 * pairs) std::abort();
  }
  res.ops_per_s = res.ops / res.seconds;
  res.wall_ops_per_s = res.ops / res.wall_seconds;
  return res;
}

EngineResult run_best_available(const std::shared_ptr<const engine::Venue>& venue, const engine::EventConfig& config,
                                double min_seconds) {
  auto runs = std::make_shared<const engine::SeatRuns>(*venue);
  std::size_t max_ops = venue->capacity();
  Names names(max_ops);
  EngineResult res;
  platform::Millis now = config.on_sale_at + 1;
  auto categories = venue->categories().size();
  while (res.seconds < min_seconds) {
    engine::SeatEngine eng(venue, runs, config);
    std::vector<bool> exhausted(categories, false);
    std::size_t left = categories, ok = 0;
    auto start = Clock::now();
    auto cpu_start = thread_cpu_seconds();
    for (std::size_t i = 0; left > 0 && i < max_ops; ++i) {
      auto c = static_cast<engine::CategoryIndex>(i % categories);
      if (exhausted[c]) continue;
      auto h = eng.hold_best({names.accounts[i], names.hold_keys[i], now}, c, 2);
      if (h) {
        ++ok;
      } else {
        exhausted[c] = true;
        --left;
      }
      if (i % kBatch == 0) eng.clear_journal();
    }
    res.seconds += thread_cpu_seconds() - cpu_start;
    res.wall_seconds += std::chrono::duration<double>(Clock::now() - start).count();
    res.ops += ok;
    ++res.passes;
  }
  res.ops_per_s = res.ops / res.seconds;
  res.wall_ops_per_s = res.ops / res.wall_seconds;
  return res;
}

}  // namespace traffic_master::bench
