#pragma once
// The single writer of one event: owns its SeatEngine and EventStore, runs commands in batches
// (group commit), and publishes read-only seat snapshots.
//
// One thread. It swaps the whole command queue out, applies every command to the engine, writes
// the batch's journal in one SQLite transaction (one fsync), publishes the batch's seat snapshot
// and only then runs the continuations, which send the replies. So a reply goes out only once
// its batch is durable, and a seat map never shows a state that a crash could take back.
// Commands that arrive during a commit wait in the queue and make the next batch larger: the
// fsync's wait is what groups them.
//
// Why not a pipeline (a second thread committing batch N while the engine applies N+1): it was
// the design until 2026-11-28, when the engine's share of a batch had become small (a few us of
// ~50 per request) and the hand-over itself cost more than the overlap saved: on two cores the
// same reservation load took 62-66 us of server CPU per request with two threads and 48-49
// with one (docs/performance.md).
//
// submit() may be called from any thread; it appends to a queue under a mutex held only for a
// vector push. The engine and the store are touched by the writer thread only. snapshot() is an
// atomic shared_ptr load: readers never wait for a batch. Every batch that changed a seat takes
// a snapshot; it copies only the seat chunks that changed (seat_snapshot.hpp), so the seat map
// reflects every answered change at a few KB per batch.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "platform/core/clock.hpp"
#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/store/event_store.hpp"
#include "traffic_master/store/seat_snapshot.hpp"

namespace traffic_master::store {

struct WriterStats {
  std::uint64_t batches = 0;
  std::uint64_t commands = 0;
  std::uint64_t commits = 0;  // transactions (fsyncs): one per batch that changed something
  std::uint64_t max_batch = 0;
};

// What the writer reports after each batch that held commands (for metrics).
struct BatchReport {
  std::size_t commands = 0;
  double commit_seconds = 0;  // SQLite transaction + fsync; 0 when nothing changed
  double batch_seconds = 0;   // from taking the queue to the batch durable and published
};

class EventWriter {
 public:
  // Runs on the writer thread with exclusive access to the engine; returns what to run (on the
  // same thread) once the batch is durable, usually: send the reply. May return an empty
  // function. A continuation must not block: the next batch waits for it.
  using Command = std::function<std::function<void()>(engine::SeatEngine&)>;

  using BatchObserver = std::function<void(const BatchReport&)>;
  static constexpr platform::Millis kSweepIntervalMs = 50;

  // `on_batch` (may be empty) runs on the writer thread after each batch, before its
  // continuations; it must be cheap.
  EventWriter(std::unique_ptr<engine::SeatEngine> engine, std::unique_ptr<EventStore> store,
              const platform::Clock& clock, platform::Millis sweep_interval_ms = kSweepIntervalMs,
              BatchObserver on_batch = {});
  ~EventWriter();  // drains queued commands, then stops
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  void submit(Command command);
  std::shared_ptr<const SeatSnapshot> snapshot() const { return snapshot_.load(std::memory_order_acquire); }
  const engine::EventConfig& config() const { return config_; }
  const engine::Venue& venue() const { return *venue_; }
  const std::shared_ptr<const engine::Venue>& venue_ptr() const { return venue_; }
  WriterStats stats() const;
  std::size_t queue_depth() const;

 private:
  void run_writer();
  std::shared_ptr<const SeatSnapshot> take_snapshot(engine::SeatEngine& eng);

  const platform::Clock& clock_;
  const platform::Millis sweep_interval_ms_;
  const BatchObserver on_batch_;
  const engine::EventConfig config_;
  const std::shared_ptr<const engine::Venue> venue_;
  std::unique_ptr<engine::SeatEngine> engine_;
  std::unique_ptr<EventStore> store_;
  std::atomic<std::shared_ptr<const SeatSnapshot>> snapshot_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Command> queue_;  // guarded by mutex_
  bool stopping_ = false;       // guarded by mutex_
  WriterStats stats_;           // guarded by mutex_
  std::shared_ptr<const SeatSnapshot> last_snapshot_;  // writer thread only: chunks to share
  std::thread writer_;
};

}  // namespace traffic_master::store
