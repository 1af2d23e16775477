#pragma once
// Durable state of one event in its own SQLite file (see docs/ARCHITECTURE notes in
// docs/venue-format.md#storage): one file per event, so events never contend for SQLite's
// single writer lock.
//
// Durability: WAL journal with synchronous=FULL, i.e. every commit() fsyncs the WAL before it
// returns. The caller acknowledges outcomes only after commit() returned, so an acknowledged
// hold or order survives power loss. Throughput comes from committing a whole batch of
// commands in one transaction (group commit), not from weakening the fsync.
//
// Not thread-safe: used by one thread at a time (recovery, then the event's writer thread).
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "platform/core/error.hpp"
#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/store/journal_rows.hpp"
#include "traffic_master/store/sqlite.hpp"

namespace traffic_master::store {

struct StoredDefinition {
  std::string event_json;  // engine::event_to_json
  std::string venue_json;  // engine::venue_to_json
};

struct RecoveryStats {
  std::size_t holds = 0, orders = 0, idempotency_keys = 0, expired_on_recovery = 0;
};

class EventStore {
 public:
  static platform::Result<std::unique_ptr<EventStore>> open(const std::string& path);

  void save_definition(const StoredDefinition& d);
  std::optional<StoredDefinition> load_definition();

  // Writes what the journal records changed in one transaction and fsyncs: one call per writer
  // batch, however many commands it held. Aborts the process if the disk refuses: nothing may
  // be acknowledged after that.
  void commit(const engine::SeatEngine& engine, std::span<const engine::JournalRecord> records);

  // Rebuilds a fresh engine from the file: every hold and order, every idempotency key; holds
  // whose TTL passed while the process was down are expired (and that is committed).
  RecoveryStats recover(engine::SeatEngine& engine, platform::Millis now);

  const std::string& path() const { return path_; }

 private:
  EventStore(std::string path, Database db);
  void write_row(const HoldRow& row);
  void write_row(const HoldChangeRow& row);
  void write_row(const OrderRow& row);
  void write_row(const IdempotencyRow& row);
  std::string path_;
  Database db_;
  Statement begin_, commit_, insert_hold_, update_hold_, insert_order_, insert_order_seat_, insert_key_;
};

}  // namespace traffic_master::store
