#pragma once
// The single writer of one event: owns its SeatEngine and EventStore, runs commands in batches
// (group commit), and publishes read-only seat snapshots.
//
// Two threads, a pipeline. The writer thread swaps the whole command queue out, applies every
// command to the engine and copies the batch's journal out as rows (journal_rows.hpp); it then
// hands {rows, continuations, snapshot} to the committer thread and goes on with the next
// batch. The committer writes every stage that queued up in one SQLite transaction (one fsync),
// publishes the newest snapshot and only then runs the continuations, which send the replies.
// So the engine works on batch N+1 while batch N's fsync runs, and stages are committed in
// order: a reply goes out only once its own batch and every earlier one are durable, and a
// seat map never shows a state that a crash could take back.
//
// submit() may be called from any thread; it appends to a queue under a mutex held only for a
// vector push. The engine is touched by the writer thread only, the store by the committer
// only. snapshot() is an atomic shared_ptr load: readers never wait for a batch. Every batch
// that changed a seat takes a snapshot; it copies only the seat chunks that changed
// (seat_snapshot.hpp), so the seat map reflects every answered change at a few KB per batch.
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
#include "traffic_master/store/journal_rows.hpp"
#include "traffic_master/store/seat_snapshot.hpp"

namespace traffic_master::store {

struct WriterStats {
  std::uint64_t batches = 0;
  std::uint64_t commands = 0;
  std::uint64_t commits = 0;  // transactions (fsyncs); one may carry several batches
  std::uint64_t max_batch = 0;
};

class EventWriter {
 public:
  // Runs on the writer thread with exclusive access to the engine; returns what to run (on the
  // committer thread) once the batch is durable, usually: send the reply. May return an empty
  // function. A continuation must not block: the next commit waits for it.
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
  // What one writer batch hands to the committer.
  struct Stage {
    JournalRows rows;
    std::vector<std::function<void()>> continuations;
    std::shared_ptr<const SeatSnapshot> snapshot;  // null when this batch did not take one
  };

  void run_writer();
  void run_committer();
  std::shared_ptr<const SeatSnapshot> take_snapshot(engine::SeatEngine& eng);

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
  std::size_t stages_in_flight_ = 0;  // handed to the committer, continuations not yet run; mutex_
  WriterStats stats_;           // guarded by mutex_
  std::mutex stage_mutex_;
  std::condition_variable stage_ready_;
  std::vector<Stage> stages_;    // guarded by stage_mutex_
  bool writer_done_ = false;     // guarded by stage_mutex_
  std::shared_ptr<const SeatSnapshot> last_snapshot_;  // writer thread only: chunks to share
  std::thread committer_;
  std::thread writer_;
};

}  // namespace traffic_master::store
