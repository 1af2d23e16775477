#include "traffic_master/engine/idempotency_table.hpp"

#include <bit>
#include <functional>

namespace traffic_master::engine {

IdempotencyTable::IdempotencyTable(std::size_t expected_keys) {
  slots_.assign(std::bit_ceil(std::max<std::size_t>(64, 2 * expected_keys)), 0);
  mask_ = slots_.size() - 1;
}

std::uint64_t IdempotencyTable::hash(std::uint32_t account, std::string_view key) {
  std::uint64_t h = std::hash<std::string_view>{}(key) ^ (std::uint64_t{account} * 0x9E3779B97F4A7C15ull);
  h ^= h >> 29;  // spread into the low bits the index uses
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

const IdempotencyEntry* IdempotencyTable::find(std::uint32_t account, std::string_view key) const {
  auto h = hash(account, key);
  auto tag = h >> 32;
  for (auto i = h & mask_; slots_[i] != 0; i = (i + 1) & mask_) {
    if (slots_[i] >> 32 != tag) continue;
    const auto& r = records_[(slots_[i] & 0xFFFFFFFFu) - 1];
    if (r.account == account && r.key == key) return &r.entry;
  }
  return nullptr;
}

const std::string& IdempotencyTable::insert(std::uint32_t account, std::string_view key,
                                            const IdempotencyEntry& entry) {
  if (2 * (records_.size() + 1) > slots_.size()) grow();
  auto record = static_cast<std::uint32_t>(records_.size());
  const auto& r = records_.emplace_back(Record{account, std::string(key), entry});
  place(hash(account, key), record);
  return r.key;
}

void IdempotencyTable::place(std::uint64_t h, std::uint32_t record) {
  auto i = h & mask_;
  while (slots_[i] != 0) i = (i + 1) & mask_;
  slots_[i] = (h >> 32) << 32 | (std::uint64_t{record} + 1);
}

void IdempotencyTable::grow() {
  slots_.assign(2 * slots_.size(), 0);
  mask_ = slots_.size() - 1;
  for (std::uint32_t n = 0; n < records_.size(); ++n) place(hash(records_[n].account, records_[n].key), n);
}

}  // namespace traffic_master::engine
