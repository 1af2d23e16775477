#pragma once
// Time is injected: domain cores take a Clock so tests move a ManualClock instead of sleeping.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace platform {

using Millis = std::int64_t;  // milliseconds since the Unix epoch

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// Thread-safe: the time is one atomic, readable from any thread while a test advances it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start = 1'700'000'000'000) : now_(start) {}
  Millis now_ms() const override { return now_.load(std::memory_order_acquire); }
  void set(Millis t) { now_.store(t, std::memory_order_release); }
  void advance(Millis d) { now_.fetch_add(d, std::memory_order_acq_rel); }

 private:
  std::atomic<Millis> now_;
};

}  // namespace platform
