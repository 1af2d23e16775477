#include "traffic_master/store/event_writer.hpp"

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
  publish(*engine_);
  thread_ = std::thread([this] { run(); });
}

EventWriter::~EventWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
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

void EventWriter::publish(const engine::SeatEngine& eng) {
  auto snap = std::make_shared<SeatSnapshot>();
  snap->version = eng.version();
  snap->status.assign(eng.status_bytes().begin(), eng.status_bytes().end());
  snap->counts = eng.counts();
  snap->taken_at = clock_.now_ms();
  published_version_ = snap->version;
  published_at_ = std::chrono::steady_clock::now();
  snapshot_.store(std::move(snap), std::memory_order_release);
}

void EventWriter::run() {
  std::vector<Command> batch;
  std::vector<std::function<void()>> replies;
  for (;;) {
    bool stop = false;
    {
      std::unique_lock lock(mutex_);
      // Wake for work, or periodically to expire holds whose TTL passed.
      wake_.wait_for(lock, std::chrono::milliseconds(sweep_interval_ms_),
                     [&] { return stopping_ || !queue_.empty(); });
      batch.swap(queue_);
      stop = stopping_ && batch.empty();
    }
    if (stop) break;
    auto& eng = *engine_;
    eng.expire_due(clock_.now_ms());
    for (auto& cmd : batch)
      if (auto reply = cmd(eng)) replies.push_back(std::move(reply));
    bool wrote = !eng.journal().empty();
    store_->commit(eng, eng.journal());  // durable from here on
    eng.clear_journal();
    bool queue_empty;
    {
      std::lock_guard lock(mutex_);
      queue_empty = queue_.empty();
    }
    auto now = std::chrono::steady_clock::now();
    if (eng.version() != published_version_ && (queue_empty || now - published_at_ >= std::chrono::milliseconds(10)))
      publish(eng);
    {
      std::lock_guard lock(mutex_);
      stats_.batches += batch.empty() ? 0 : 1;
      stats_.commands += batch.size();
      stats_.commits += wrote ? 1 : 0;
      stats_.max_batch = std::max<std::uint64_t>(stats_.max_batch, batch.size());
    }
    for (auto& r : replies) r();
    replies.clear();
    batch.clear();
  }
}

}  // namespace traffic_master::store
