#include "traffic_master/store/event_writer.hpp"

#include <pthread.h>

#include <chrono>

namespace traffic_master::store {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

EventWriter::EventWriter(std::unique_ptr<engine::SeatEngine> engine, std::unique_ptr<EventStore> store,
                         const platform::Clock& clock, platform::Millis sweep_interval_ms, BatchObserver on_batch)
    : clock_(clock),
      sweep_interval_ms_(sweep_interval_ms),
      on_batch_(std::move(on_batch)),
      config_(engine->config()),
      venue_(engine->venue_ptr()),
      engine_(std::move(engine)),
      store_(std::move(store)) {
  snapshot_.store(take_snapshot(*engine_), std::memory_order_release);
  writer_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "event-writer");
    run_writer();
  });
}

EventWriter::~EventWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();  // returns once the queue is empty: continuations that submit ran before
}

void EventWriter::submit(Command command) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(command));
  }
  wake_.notify_one();
}

WriterStats EventWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::size_t EventWriter::queue_depth() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

std::shared_ptr<const SeatSnapshot> EventWriter::take_snapshot(engine::SeatEngine& eng) {
  auto snap = std::make_shared<SeatSnapshot>();
  snap->version = eng.version();
  snap->status = ChunkedStatus::update(last_snapshot_ ? &last_snapshot_->status : nullptr, eng.status_bytes(),
                                       eng.changed_blocks());
  eng.clear_changed_blocks();
  snap->counts = eng.counts();
  last_snapshot_ = snap;
  return snap;
}

void EventWriter::run_writer() {
  std::vector<Command> batch;
  std::vector<std::function<void()>> continuations;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      // Wake for work, or periodically to expire holds whose TTL passed. A continuation may
      // submit (payment -> confirm), so stopping waits for an empty queue after the batch.
      wake_.wait_for(lock, std::chrono::milliseconds(sweep_interval_ms_), [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && stopping_) break;
      batch.swap(queue_);
    }
    auto started = std::chrono::steady_clock::now();
    auto& eng = *engine_;
    eng.expire_due(clock_.now_ms());
    for (auto& cmd : batch)
      if (auto continuation = cmd(eng)) continuations.push_back(std::move(continuation));
    bool changed = !eng.journal().empty();
    double commit_seconds = 0;
    if (changed) {
      auto commit_started = std::chrono::steady_clock::now();
      store_->commit(eng, eng.journal());  // durable from here on
      commit_seconds = seconds_since(commit_started);
    }
    eng.clear_journal();
    if (eng.version() != last_snapshot_->version) snapshot_.store(take_snapshot(eng), std::memory_order_release);
    {
      std::lock_guard lock(mutex_);
      stats_.batches += batch.empty() ? 0 : 1;
      stats_.commands += batch.size();
      stats_.commits += changed ? 1 : 0;
      stats_.max_batch = std::max<std::uint64_t>(stats_.max_batch, batch.size());
    }
    // Reported before the replies go out, so whoever got a reply also finds its batch counted.
    if (on_batch_ && !batch.empty()) on_batch_({batch.size(), commit_seconds, seconds_since(started)});
    for (auto& c : continuations) c();
    continuations.clear();
    batch.clear();
  }
}

}  // namespace traffic_master::store
