#pragma once
// The seat inventory of one event: holds, orders, expiry, per-account limits, idempotency.
//
// Synchronisation: none. A SeatEngine has exactly one writer (the event's command loop), and
// every method, const or not, must be called from that writer. Readers elsewhere use the
// snapshots the writer publishes (see status_bytes()/version()).
//
// Every mutation carries an idempotency key scoped to (account, key). The first successful
// outcome is remembered for the life of the event; a retry with the same key and the same
// request returns it with `replayed = true`, a retry with a different request fails with
// "idempotency-key-reused". Failed commands change nothing and are not remembered, so the
// client may retry them with the same key.
//
// Every successful mutation appends JournalRecords; the caller persists them before it tells
// anyone about the outcome, then calls clear_journal().
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"
#include "platform/core/string_map.hpp"
#include "traffic_master/engine/best_available.hpp"
#include "traffic_master/engine/event.hpp"
#include "traffic_master/engine/idempotency_table.hpp"
#include "traffic_master/engine/venue.hpp"

namespace traffic_master::engine {

enum class SeatStatus : std::uint8_t { free = 0, held = 1, sold = 2 };
enum class HoldState : std::uint8_t { active = 0, released = 1, expired = 2, confirmed = 3 };
const char* to_string(HoldState s);

using HoldId = std::uint64_t;   // 1, 2, 3 ... per event
using OrderId = std::uint64_t;  // 1, 2, 3 ... per event
using AccountIndex = std::uint32_t;

// Who asks, with which idempotency key, at what time.
struct Command {
  std::string_view account;
  std::string_view idempotency_key;
  platform::Millis now = 0;
};

struct HoldOutcome {
  HoldId hold_id = 0;
  std::vector<SeatIndex> seats;
  platform::Millis expires_at = 0;
  std::int64_t amount_cents = 0;
  bool orphan_rule_relaxed = false;
  bool replayed = false;
};

struct OrderOutcome {
  OrderId order_id = 0;
  HoldId hold_id = 0;
  std::vector<SeatIndex> seats;
  std::int64_t amount_cents = 0;
  platform::Millis created_at = 0;
  bool replayed = false;
};

struct ReleaseOutcome {
  HoldId hold_id = 0;
  bool replayed = false;
};

struct Hold {
  AccountIndex account = 0;
  HoldState state = HoldState::active;
  bool extended = false;
  bool orphan_rule_relaxed = false;
  std::uint32_t seat_offset = 0;  // into the engine's seat arena
  std::uint32_t seat_count = 0;
  platform::Millis created_at = 0;
  platform::Millis expires_at = 0;
  platform::Millis ended_at = 0;
  std::int64_t amount_cents = 0;
};

struct Order {
  AccountIndex account = 0;
  HoldId hold_id = 0;
  platform::Millis created_at = 0;
  std::int64_t amount_cents = 0;
  std::string payment_ref;
};

struct JournalRecord {
  enum class Kind : std::uint8_t { hold_created, hold_extended, hold_ended, order_created, idempotency };
  Kind kind;
  std::uint64_t id = 0;  // hold id, or order id for order_created, or hold/order for idempotency
  // idempotency records only; points into the engine's key table (stable until the engine dies)
  const std::string* idempotency_key = nullptr;
  AccountIndex account = 0;
  IdempotencyEntry entry{};
};

class SeatEngine {
 public:
  SeatEngine(std::shared_ptr<const Venue> venue, std::shared_ptr<const SeatRuns> runs, EventConfig config);

  // Errors: idempotency-key-missing, idempotency-key-reused, sale-not-open, sale-closed,
  // no-seats, too-many-seats, unknown-seat, duplicate-seat, ticket-limit-exceeded, seat-unavailable.
  platform::Result<HoldOutcome> hold_seats(const Command& cmd, std::span<const SeatIndex> seats);
  // Errors as hold_seats, plus unknown-category, category-not-offered, invalid-count,
  // no-adjacent-seats (nothing fits even when the orphan rule is relaxed).
  platform::Result<HoldOutcome> hold_best(const Command& cmd, CategoryIndex category, std::uint32_t count);
  // Errors: hold-not-found, hold-not-owned, hold-expired, hold-released, hold-confirmed.
  platform::Result<ReleaseOutcome> release(const Command& cmd, HoldId hold);
  // Entering payment: extends the hold once, never beyond created_at + hold_hard_cap_ms.
  // Errors as release, plus hold-already-extended.
  platform::Result<HoldOutcome> begin_payment(const Command& cmd, HoldId hold);
  // After an approved payment. Errors as release.
  platform::Result<OrderOutcome> confirm(const Command& cmd, HoldId hold, std::string_view payment_ref);

  // Ends every hold whose TTL has passed; returns how many. Mutations call it first, so rules
  // hold even when the caller's sweeper is late.
  std::size_t expire_due(platform::Millis now);

  // ---- reads (writer thread only) ----
  const EventConfig& config() const { return config_; }
  const Venue& venue() const { return *venue_; }
  const std::shared_ptr<const Venue>& venue_ptr() const { return venue_; }
  std::span<const std::uint8_t> status_bytes() const { return status_; }
  // Seats in blocks of kStatusBlockSeats, one bit per block, set by every status change until
  // clear_changed_blocks(): a snapshot copies only the blocks that changed since the last one.
  static constexpr std::size_t kStatusBlockSeats = 4096;
  const std::vector<std::uint64_t>& changed_blocks() const { return changed_blocks_; }
  void clear_changed_blocks() { std::fill(changed_blocks_.begin(), changed_blocks_.end(), 0); }
  std::uint64_t version() const { return version_; }  // bumps on every seat status change
  SeatStatus status(SeatIndex s) const { return static_cast<SeatStatus>(status_[s]); }
  const Hold* hold(HoldId id) const;
  std::span<const SeatIndex> hold_seats_of(HoldId id) const;
  const Order* order(OrderId id) const;
  HoldId last_hold_id() const { return holds_.size(); }
  OrderId last_order_id() const { return orders_.size(); }
  const std::string& account_name(AccountIndex a) const { return accounts_[a].name; }
  std::optional<AccountIndex> find_account(std::string_view account) const;
  std::uint32_t account_usage(std::string_view account) const;  // seats held + bought
  std::span<const OrderId> orders_of(std::string_view account) const;
  std::span<const HoldId> holds_of(std::string_view account) const;  // every hold, any state
  struct Counts {
    std::size_t free = 0, held = 0, sold = 0;
  };
  Counts counts() const { return counts_; }
  std::optional<platform::Millis> next_expiry() const;

  std::span<const JournalRecord> journal() const { return journal_; }
  void clear_journal() { journal_.clear(); }

  // ---- recovery: replay durable records in id order, then expire_due(now) ----
  void restore_hold(HoldId id, std::string_view account, std::span<const SeatIndex> seats, const Hold& h);
  void restore_order(OrderId id, const Order& o);
  void restore_idempotency(std::string_view account, std::string_view key, const IdempotencyEntry& e);

 private:
  struct Account {
    std::string name;
    std::uint32_t used = 0;  // seats in active holds + orders
    std::vector<OrderId> orders;
    std::vector<HoldId> holds;
  };
  AccountIndex intern(std::string_view account);
  platform::Result<std::optional<const IdempotencyEntry*>> check_key(const Command& cmd, AccountIndex a,
                                                                     CommandKind kind, std::uint64_t fp) const;
  void remember(const Command& cmd, AccountIndex a, const IdempotencyEntry& e);
  platform::Result<void> check_sale_open(platform::Millis now) const;
  platform::Result<Hold*> owned_active_hold(AccountIndex a, HoldId id);
  HoldOutcome hold_outcome(HoldId id, platform::Millis answered_expiry, bool replayed) const;
  OrderOutcome order_outcome(OrderId id, bool replayed) const;
  HoldOutcome create_hold(AccountIndex a, std::span<const SeatIndex> seats, platform::Millis now, bool relaxed);
  void end_hold(HoldId id, HoldState final_state, platform::Millis now);
  void set_status(SeatIndex s, SeatStatus to);
  void refresh_blocks(SeatIndex s);

  std::shared_ptr<const Venue> venue_;
  std::shared_ptr<const SeatRuns> runs_;
  EventConfig config_;
  std::vector<std::uint8_t> status_;
  std::vector<std::uint32_t> run_free_;
  std::vector<std::uint64_t> run_blocks_;  // free_block_mask of each run, kept current
  // Per category and k = 1..kCursors: every run before position cursor[c][k-1] in
  // runs_of_category(c) has fewer than k free seats. A request for k seats (or more, using the
  // last cursor) starts there, so neither sold-out rows nor rows left with a single seat are
  // rescanned on every request.
  static constexpr std::uint32_t kCursors = 8;
  std::vector<std::array<std::uint32_t, kCursors>> category_cursor_;
  // The same, but past runs that cannot take k seats without leaving a single one: as a venue
  // fills, rows keep 3 free seats a pair may not split, and every request would step over them.
  // Moved back whenever a run's free blocks change so that it fits (refresh_blocks).
  std::vector<std::array<std::uint32_t, kCursors>> strict_cursor_;
  std::uint64_t version_ = 0;
  std::vector<std::uint64_t> changed_blocks_;
  Counts counts_;
  std::vector<Hold> holds_;  // hold id N at N-1; kept after the hold ends for answers and replays
  std::vector<SeatIndex> hold_seat_arena_;
  std::vector<Order> orders_;  // order id N at N-1
  std::vector<Account> accounts_;
  platform::StringMap<AccountIndex> account_index_;
  IdempotencyTable idempotency_;
  using Expiry = std::pair<platform::Millis, HoldId>;
  std::priority_queue<Expiry, std::vector<Expiry>, std::greater<>> expiries_;
  std::vector<JournalRecord> journal_;
};

}  // namespace traffic_master::engine
