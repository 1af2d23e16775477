#pragma once
// Intrusive doubly-linked list over dense entry ids (0..n-1). Keeps entries in the order of
// their last touch so the oldest (stale heartbeat, idle shopper) is found in O(1) and a
// touch is O(1) - a heap would cost O(log n) per heartbeat at a million waiting clients.
// Not synchronised.
#include <cstdint>
#include <limits>
#include <vector>

namespace traffic_master::queue {

class IndexList {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  bool contains(std::uint32_t id) const { return id < in_.size() && in_[id]; }
  bool empty() const { return head_ == kNone; }
  std::uint32_t front() const { return head_; }
  std::size_t size() const { return size_; }

  void push_back(std::uint32_t id) {
    grow(id);
    if (in_[id]) remove(id);
    prev_[id] = tail_;
    next_[id] = kNone;
    if (tail_ != kNone) next_[tail_] = id; else head_ = id;
    tail_ = id;
    in_[id] = true;
    ++size_;
  }

  void remove(std::uint32_t id) {
    if (!contains(id)) return;
    auto p = prev_[id], n = next_[id];
    if (p != kNone) next_[p] = n; else head_ = n;
    if (n != kNone) prev_[n] = p; else tail_ = p;
    in_[id] = false;
    --size_;
  }

  // Moves an entry to the back (most recently touched).
  void touch(std::uint32_t id) { push_back(id); }

 private:
  void grow(std::uint32_t id) {
    if (id >= in_.size()) {
      prev_.resize(id + 1, kNone);
      next_.resize(id + 1, kNone);
      in_.resize(id + 1, false);
    }
  }
  std::vector<std::uint32_t> prev_, next_;
  std::vector<bool> in_;
  std::uint32_t head_ = kNone, tail_ = kNone;
  std::size_t size_ = 0;
};

// Prefix sums over a growing array of 0/1 flags: "how many still wait ahead of slot k" in
// O(log n), so a status read never scans the queue.
class Fenwick {
 public:
  void push_back(std::int64_t value) {
    std::size_t i = tree_.size() + 1;  // 1-based index of the new slot
    std::size_t low = i & (~i + 1);
    tree_.push_back(value + prefix(i - 1) - prefix(i - low));
  }
  void add(std::size_t slot, std::int64_t delta) {
    for (std::size_t i = slot + 1; i <= tree_.size(); i += i & (~i + 1)) tree_[i - 1] += delta;
  }
  // Sum of slots [0, count).
  std::int64_t prefix(std::size_t count) const {
    std::int64_t s = 0;
    for (std::size_t i = count; i > 0; i -= i & (~i + 1)) s += tree_[i - 1];
    return s;
  }
  std::size_t size() const { return tree_.size(); }

 private:
  std::vector<std::int64_t> tree_;
};

}  // namespace traffic_master::queue
