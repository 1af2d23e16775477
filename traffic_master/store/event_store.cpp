#include "traffic_master/store/event_store.hpp"

#include <cstdlib>
#include <cstring>
#include <variant>
#include <vector>

namespace traffic_master::store {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS holds(
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  seats BLOB NOT NULL,            -- seat indexes, 4 bytes little-endian each
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  extended INTEGER NOT NULL,
  relaxed INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  state INTEGER NOT NULL,         -- 0 active, 1 released, 2 expired, 3 confirmed
  ended_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS orders(
  id INTEGER PRIMARY KEY,
  hold_id INTEGER NOT NULL UNIQUE REFERENCES holds(id),
  account TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL,
  payment_ref TEXT NOT NULL);
-- The primary key is the last line of defence: a seat can be in at most one order.
CREATE TABLE IF NOT EXISTS order_seats(
  seat INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id));
-- Append-only: the engine already refuses a reused key, and keys arrive in random order, so a
-- unique index here would turn every batch into writes scattered over the whole b-tree (the
-- dominant cost of a commit under load). Recovery reads the table whole.
CREATE TABLE IF NOT EXISTS idempotency(
  account TEXT NOT NULL,
  key TEXT NOT NULL,
  kind INTEGER NOT NULL,
  fingerprint INTEGER NOT NULL,
  target INTEGER NOT NULL,
  expires_at INTEGER NOT NULL);
)sql";

}  // namespace

platform::Result<std::unique_ptr<EventStore>> EventStore::open(const std::string& path) {
  auto db = Database::open(path);
  if (!db) return std::unexpected(db.error());
  // A 64 MiB page cache keeps a sold-out 200,000-seat event's b-trees in memory (the default
  // 2 MiB made every insert read pages back); a larger WAL between checkpoints writes a page
  // that changed in many batches to the database file once.
  db->exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; "
      "PRAGMA wal_autocheckpoint=4096;");
  db->exec(kSchema);
  return std::unique_ptr<EventStore>(new EventStore(path, std::move(*db)));
}

EventStore::EventStore(std::string path, Database db) : path_(std::move(path)), db_(std::move(db)) {
  begin_ = db_.prepare("BEGIN IMMEDIATE");
  commit_ = db_.prepare("COMMIT");
  insert_hold_ = db_.prepare(
      "INSERT INTO holds(id, account, seats, created_at, expires_at, extended, relaxed, amount_cents, state, "
      "ended_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  update_hold_ = db_.prepare("UPDATE holds SET expires_at=?2, extended=?3, state=?4, ended_at=?5 WHERE id=?1");
  insert_order_ = db_.prepare(
      "INSERT INTO orders(id, hold_id, account, created_at, amount_cents, payment_ref) VALUES(?1,?2,?3,?4,?5,?6)");
  insert_order_seat_ = db_.prepare("INSERT INTO order_seats(seat, order_id) VALUES(?1,?2)");
  insert_key_ = db_.prepare(
      "INSERT INTO idempotency(account, key, kind, fingerprint, target, expires_at) VALUES(?1,?2,?3,?4,?5,?6)");
}

void EventStore::save_definition(const StoredDefinition& d) {
  auto put = db_.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
  db_.exec("BEGIN IMMEDIATE");
  put.bind(1, std::string_view("event")).bind(2, d.event_json).step();
  put.reset();
  put.bind(1, std::string_view("venue")).bind(2, d.venue_json).step();
  db_.exec("COMMIT");
}

std::optional<StoredDefinition> EventStore::load_definition() {
  auto get = db_.prepare("SELECT value FROM meta WHERE key=?1");
  StoredDefinition d;
  if (!get.bind(1, std::string_view("event")).step()) return std::nullopt;
  d.event_json = get.column_text(0);
  get.reset();
  if (!get.bind(1, std::string_view("venue")).step()) return std::nullopt;
  d.venue_json = get.column_text(0);
  get.reset();
  return d;
}

void EventStore::commit(const engine::SeatEngine& eng, std::span<const engine::JournalRecord> records) {
  if (records.empty()) return;
  begin_.step();
  for (const auto& row : rows_from_journal(eng, records)) std::visit([this](const auto& r) { write_row(r); }, row);
  commit_.step();
}

void EventStore::write_row(const HoldRow& h) {
  insert_hold_.bind(1, h.id)
      .bind(2, h.account)
      .bind_blob(3, h.seats.data(), h.seats.size())
      .bind(4, h.created_at)
      .bind(5, h.expires_at)
      .bind(6, std::int64_t{h.extended})
      .bind(7, std::int64_t{h.relaxed})
      .bind(8, h.amount_cents)
      .bind(9, h.state)
      .bind(10, h.ended_at);
  insert_hold_.step();
  if (insert_hold_.constraint_failed()) std::abort();
  insert_hold_.reset();
}

void EventStore::write_row(const HoldChangeRow& h) {
  update_hold_.bind(1, h.id).bind(2, h.expires_at).bind(3, std::int64_t{h.extended}).bind(4, h.state).bind(5, h.ended_at);
  update_hold_.step();
  update_hold_.reset();
}

void EventStore::write_row(const OrderRow& o) {
  insert_order_.bind(1, o.id).bind(2, o.hold_id).bind(3, o.account).bind(4, o.created_at).bind(5, o.amount_cents).bind(
      6, o.payment_ref);
  insert_order_.step();
  if (insert_order_.constraint_failed()) std::abort();
  insert_order_.reset();
  for (auto s : o.seats) {
    insert_order_seat_.bind(1, std::int64_t{s}).bind(2, o.id);
    insert_order_seat_.step();
    // A seat already in another order means memory and disk disagree: never sell twice.
    if (insert_order_seat_.constraint_failed()) std::abort();
    insert_order_seat_.reset();
  }
}

void EventStore::write_row(const IdempotencyRow& k) {
  insert_key_.bind(1, k.account).bind(2, k.key).bind(3, k.kind).bind(4, k.fingerprint).bind(5, k.target).bind(6, k.expires_at);
  insert_key_.step();
  insert_key_.reset();
}

RecoveryStats EventStore::recover(engine::SeatEngine& eng, platform::Millis now) {
  RecoveryStats stats;
  auto holds = db_.prepare(
      "SELECT id, account, seats, created_at, expires_at, extended, relaxed, amount_cents, state, ended_at "
      "FROM holds ORDER BY id");
  while (holds.step()) {
    engine::Hold h;
    h.created_at = holds.column_int(3);
    h.expires_at = holds.column_int(4);
    h.extended = holds.column_int(5) != 0;
    h.orphan_rule_relaxed = holds.column_int(6) != 0;
    h.amount_cents = holds.column_int(7);
    h.state = static_cast<engine::HoldState>(holds.column_int(8));
    h.ended_at = holds.column_int(9);
    auto seats = decode_seats(holds.column_blob(2));
    eng.restore_hold(static_cast<engine::HoldId>(holds.column_int(0)), holds.column_text(1), seats, h);
    ++stats.holds;
  }
  auto orders = db_.prepare("SELECT id, hold_id, created_at, amount_cents, payment_ref FROM orders ORDER BY id");
  while (orders.step()) {
    engine::Order o;
    o.hold_id = static_cast<engine::HoldId>(orders.column_int(1));
    o.created_at = orders.column_int(2);
    o.amount_cents = orders.column_int(3);
    o.payment_ref = orders.column_text(4);
    eng.restore_order(static_cast<engine::OrderId>(orders.column_int(0)), o);
    ++stats.orders;
  }
  auto keys = db_.prepare("SELECT account, key, kind, fingerprint, target, expires_at FROM idempotency");
  while (keys.step()) {
    engine::IdempotencyEntry e;
    e.kind = static_cast<engine::CommandKind>(keys.column_int(2));
    e.fingerprint = static_cast<std::uint64_t>(keys.column_int(3));
    e.target = static_cast<std::uint64_t>(keys.column_int(4));
    e.expires_at = keys.column_int(5);
    eng.restore_idempotency(keys.column_text(0), keys.column_text(1), e);
    ++stats.idempotency_keys;
  }
  eng.clear_journal();
  stats.expired_on_recovery = eng.expire_due(now);
  commit(eng, eng.journal());
  eng.clear_journal();
  return stats;
}

}  // namespace traffic_master::store
