#pragma once
// Engine-only workloads on one thread: no I/O, no locks, the writer's view of the hot path.
#include <memory>

#include "traffic_master/engine/seat_engine.hpp"

namespace traffic_master::bench {

// ops_per_s is per second of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID): "one core"
// even when the shared machine preempts the thread; wall_ops_per_s is per elapsed second.
struct EngineResult {
  double ops_per_s = 0;
  double wall_ops_per_s = 0;
  std::size_t ops = 0;
  double seconds = 0;  // CPU seconds
  double wall_seconds = 0;
  std::size_t passes = 0;
};

// Hold two specific seats, then confirm the hold; both count as one operation each. A pass
// sells the whole event; passes repeat on a fresh engine until min_seconds of timed work.
EngineResult run_hold_confirm(const std::shared_ptr<const engine::Venue>& venue, const engine::EventConfig& config,
                              double min_seconds);
// Best-available holds of two seats, cycling through the categories, until the event is full.
EngineResult run_best_available(const std::shared_ptr<const engine::Venue>& venue, const engine::EventConfig& config,
                                double min_seconds);

}  // namespace traffic_master::bench
