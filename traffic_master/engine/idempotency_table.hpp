#pragma once
// The idempotency keys of one event: (account, key) -> the outcome of the first request that
// used them. Pure data structure, used by the seat engine on its writer thread.
//
// Records are appended to a deque (stable addresses: journal records point at key texts) and
// found through an open-addressing index of 8-byte slots (32-bit hash tag, record number),
// kept at most half full. The index is allocated and written whole when created (sized for a
// sell-out) and when it doubles: its pages are faulted in then, at start-up, not one random
// page per insert while a sale runs (a page fault costs over 10 us on some virtual machines,
// and a map with a node or a 56-byte slot per key touched a new page on most inserts).
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/clock.hpp"

namespace traffic_master::engine {

enum class CommandKind : std::uint8_t { hold = 1, release = 2, extend = 3, confirm = 4 };

struct IdempotencyEntry {
  CommandKind kind = CommandKind::hold;
  std::uint64_t fingerprint = 0;  // of the request, to detect a key reused for another request
  std::uint64_t target = 0;       // hold id (hold/release/extend) or order id (confirm)
  platform::Millis expires_at = 0;  // hold/extend: the expiry that was answered
};

class IdempotencyTable {
 public:
  explicit IdempotencyTable(std::size_t expected_keys);

  const IdempotencyEntry* find(std::uint32_t account, std::string_view key) const;
  // The key must not be present. Returns the stored key text (stable for the table's life).
  const std::string& insert(std::uint32_t account, std::string_view key, const IdempotencyEntry& entry);
  std::size_t size() const { return records_.size(); }

 private:
  struct Record {
    std::uint32_t account;
    std::string key;
    IdempotencyEntry entry;
  };
  static std::uint64_t hash(std::uint32_t account, std::string_view key);
  void place(std::uint64_t h, std::uint32_t record);
  void grow();

  std::deque<Record> records_;
  std::vector<std::uint64_t> slots_;  // 0: empty; else (hash >> 32) << 32 | (record + 1)
  std::size_t mask_ = 0;
};

}  // namespace traffic_master::engine
