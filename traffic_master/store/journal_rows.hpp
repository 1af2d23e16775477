#pragma once
// What one writer batch changes on disk, as plain values read out of the engine's journal.
//
// A row carries the state at the end of its batch, so a hold created and confirmed in the same
// batch is one insert with its final state, not an insert and two updates.
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "traffic_master/engine/seat_engine.hpp"

namespace traffic_master::store {

struct HoldRow {
  std::int64_t id = 0;
  std::string account;
  std::string seats;  // seat indexes, 4 bytes little-endian each
  std::int64_t created_at = 0, expires_at = 0, amount_cents = 0, ended_at = 0;
  bool extended = false, relaxed = false;
  std::int64_t state = 0;
};

struct HoldChangeRow {
  std::int64_t id = 0;
  std::int64_t expires_at = 0, ended_at = 0, state = 0;
  bool extended = false;
};

struct OrderRow {
  std::int64_t id = 0, hold_id = 0;
  std::string account;
  std::int64_t created_at = 0, amount_cents = 0;
  std::string payment_ref;
  std::vector<engine::SeatIndex> seats;
};

struct IdempotencyRow {
  std::string account, key;
  std::int64_t kind = 0, fingerprint = 0, target = 0, expires_at = 0;
};

using JournalRow = std::variant<HoldRow, HoldChangeRow, OrderRow, IdempotencyRow>;
using JournalRows = std::vector<JournalRow>;  // in journal order: a hold precedes its order

JournalRows rows_from_journal(const engine::SeatEngine& engine, std::span<const engine::JournalRecord> records);

std::string encode_seats(std::span<const engine::SeatIndex> seats);
std::vector<engine::SeatIndex> decode_seats(std::string_view blob);

}  // namespace traffic_master::store
