#include "traffic_master/store/event_writer.hpp"

#include <pthread.h>

#include <chrono>

namespace traffic_master::store {

EventWriter::EventWriter(std::unique_ptr<engine::SeatEngine> engine, std::unique_ptr<EventStore> store,
                         const platform::Clock& clock, platform::Millis sweep_interval_ms)
    : clock_(clock),
      sweep_interval_ms_(sweep_interval_ms),
      config_(engine->config()),
      venue_(engine->venue_ptr()),
      engine_(std::move(engine)),
      store_(std::move(store)) {
  snapshot_.store(take_snapshot(*engine_), std::memory_order_release);
  committer_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "event-commit");
    run_committer();
  });
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
  writer_.join();  // returns once the queue is empty and every stage's continuations ran
  {
    std::lock_guard lock(stage_mutex_);
    writer_done_ = true;
  }
  stage_ready_.notify_one();
  committer_.join();
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
  snap->taken_at = clock_.now_ms();
  last_snapshot_ = snap;
  return snap;
}

void EventWriter::run_writer() {
  std::vector<Command> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      // Wake for work, or periodically to expire holds whose TTL passed. While stopping, wait
      // for the committer too: a continuation may still submit (payment -> confirm).
      wake_.wait_for(lock, std::chrono::milliseconds(sweep_interval_ms_),
                     [&] { return !queue_.empty() || (stopping_ && stages_in_flight_ == 0); });
      if (queue_.empty() && stopping_ && stages_in_flight_ == 0) break;
      batch.swap(queue_);
    }
    auto& eng = *engine_;
    Stage stage;
    eng.expire_due(clock_.now_ms());
    for (auto& cmd : batch)
      if (auto continuation = cmd(eng)) stage.continuations.push_back(std::move(continuation));
    stage.rows = rows_from_journal(eng, eng.journal());
    eng.clear_journal();
    {
      std::lock_guard lock(mutex_);
      stats_.batches += batch.empty() ? 0 : 1;
      stats_.commands += batch.size();
      stats_.max_batch = std::max<std::uint64_t>(stats_.max_batch, batch.size());
    }
    if (eng.version() != last_snapshot_->version) stage.snapshot = take_snapshot(eng);
    batch.clear();
    if (stage.rows.empty() && stage.continuations.empty() && !stage.snapshot) continue;
    {
      std::lock_guard lock(mutex_);
      ++stages_in_flight_;
    }
    {
      std::lock_guard lock(stage_mutex_);
      stages_.push_back(std::move(stage));
    }
    stage_ready_.notify_one();
  }
}

void EventWriter::run_committer() {
  std::vector<Stage> stages;
  std::vector<JournalRows> batches;
  for (;;) {
    {
      std::unique_lock lock(stage_mutex_);
      stage_ready_.wait(lock, [&] { return !stages_.empty() || writer_done_; });
      if (stages_.empty()) break;
      stages.swap(stages_);
    }
    for (auto& s : stages)
      if (!s.rows.empty()) batches.push_back(std::move(s.rows));
    if (!batches.empty()) store_->write(batches);  // durable from here on
    for (auto it = stages.rbegin(); it != stages.rend(); ++it)
      if (it->snapshot) {
        snapshot_.store(std::move(it->snapshot), std::memory_order_release);
        break;
      }
    for (auto& s : stages)
      for (auto& c : s.continuations) c();
    {
      std::lock_guard lock(mutex_);
      stats_.commits += batches.empty() ? 0 : 1;
      stages_in_flight_ -= stages.size();
    }
    wake_.notify_one();  // a stopping writer waits for the stages in flight
    stages.clear();
    batches.clear();
  }
}

}  // namespace traffic_master::store
