#pragma once
// The single writer of one event: owns its SeatEngine and EventStore, runs commands in batches
// (group commit), and publishes read-only seat snapshots.
//
// Synchronisation: submit() may be called from any thread; it appends to a queue under a
// mutex held only for a vector push (never while the engine runs or the disk syncs). The
// writer thread swaps the whole queue out, applies every command to the engine, commits the
// batch's journal in one SQLite transaction (one fsync), and only then runs the commands'
// continuations, which send the replies. The engine and the store are touched by the writer
// thread only. snapshot() is an atomic shared_ptr load: readers never wait for a batch.
// Snapshots are copied (one byte per seat) after a batch when the queue is empty, and under
// sustained load at most every 10 ms, so a 200,000-seat event does not copy 200 KB per batch.
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

namespace traffic_master::store {

struct SeatSnapshot {
  std::uint64_t version = 0;
  std::vector<std::uint8_t> status;  // one byte per seat, engine::SeatStatus
  engine::SeatEngine::Counts counts;
  platform::Millis taken_at = 0;
};

struct WriterStats {
  std::uint64_t batches = 0;
  std::uint64_t commands = 0;
  std::uint64_t commits = 0;  // batches that had something to write
  std::uint64_t max_batch = 0;
};

class EventWriter {
 public:
  // Runs on the writer thread with exclusive access to the engine; returns what to run once
  // the batch is durable (usually: send the reply). May return an empty function.
  using Command = std::function<std::function<void()>(engine::SeatEngine&)>;

  EventWriter(std::unique_ptr<engine::SeatEngine> engine, std::unique_ptr<EventStore> store,
              const platform::Clock& clock, platform::Millis sweep_interval_ms = 50);
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
  void run();
  void publish(const engine::SeatEngine& eng);

  const platform::Clock& clock_;
  const platform::Millis sweep_interval_ms_;
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
  std::uint64_t published_version_ = 0;  // writer thread only
  std::chrono::steady_clock::time_point published_at_{};  // writer thread only
  std::thread thread_;
};

}  // namespace traffic_master::store
