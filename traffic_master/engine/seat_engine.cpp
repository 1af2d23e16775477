#include "traffic_master/engine/seat_engine.hpp"

#include <algorithm>
#include <cstdlib>

namespace traffic_master::engine {
namespace {

using platform::fail;

// A broken invariant means memory and disk may disagree: stop rather than sell a seat twice.
#define ENGINE_CHECK(cond) \
  do {                     \
    if (!(cond)) std::abort(); \
  } while (0)

constexpr std::size_t kMaxKeyLength = 128;

std::uint64_t fnv(std::uint64_t h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (i * 8)) & 0xff;
    h *= 0x100000001b3ull;
  }
  return h;
}
constexpr std::uint64_t kFnvSeed = 0xcbf29ce484222325ull;

}  // namespace

const char* to_string(HoldState s) {
  switch (s) {
    case HoldState::active: return "active";
    case HoldState::released: return "released";
    case HoldState::expired: return "expired";
    case HoldState::confirmed: return "confirmed";
  }
  return "unknown";
}

SeatEngine::SeatEngine(std::shared_ptr<const Venue> venue, std::shared_ptr<const SeatRuns> runs,
                       EventConfig config)
    : venue_(std::move(venue)),
      runs_(std::move(runs)),
      config_(std::move(config)),
      // A sale writes about 1.5 keys per seat (hold, payment, confirm per pair).
      idempotency_(2 * std::size_t{venue_->capacity()}) {
  ENGINE_CHECK(validate_event(config_, *venue_).has_value());
  status_.assign(venue_->capacity(), 0);
  changed_blocks_.assign((venue_->capacity() + kStatusBlockSeats * 64 - 1) / (kStatusBlockSeats * 64), 0);
  run_free_.resize(runs_->runs().size());
  for (std::uint32_t r = 0; r < run_free_.size(); ++r) run_free_[r] = runs_->runs()[r].length;
  counts_.free = venue_->capacity();
  category_cursor_.assign(venue_->categories().size(), {});
  strict_cursor_.assign(venue_->categories().size(), {});
  run_blocks_.resize(run_free_.size());
  for (std::uint32_t r = 0; r < run_blocks_.size(); ++r) run_blocks_[r] = free_block_mask(runs_->run_seats(r), status_);
}

// ---------------------------------------------------------------- helpers

AccountIndex SeatEngine::intern(std::string_view account) {
  auto it = account_index_.find(account);
  if (it != account_index_.end()) return it->second;
  auto idx = static_cast<AccountIndex>(accounts_.size());
  accounts_.emplace_back().name = std::string(account);
  account_index_.emplace(std::string(account), idx);
  return idx;
}

std::optional<AccountIndex> SeatEngine::find_account(std::string_view account) const {
  auto it = account_index_.find(account);
  if (it == account_index_.end()) return std::nullopt;
  return it->second;
}

platform::Result<std::optional<const IdempotencyEntry*>> SeatEngine::check_key(const Command& cmd, AccountIndex a,
                                                                               CommandKind kind,
                                                                               std::uint64_t fp) const {
  if (cmd.idempotency_key.empty())
    return fail("idempotency-key-missing", 428, "Idempotency-Key header is required");
  if (cmd.idempotency_key.size() > kMaxKeyLength)
    return fail("idempotency-key-invalid", 400, "Idempotency-Key is too long", "at most 128 characters");
  const IdempotencyEntry* prior = idempotency_.find(a, cmd.idempotency_key);
  if (!prior) return std::optional<const IdempotencyEntry*>{};
  if (prior->kind != kind || prior->fingerprint != fp)
    return fail("idempotency-key-reused", 422, "Idempotency key was used for a different request");
  return std::optional<const IdempotencyEntry*>{prior};
}

void SeatEngine::remember(const Command& cmd, AccountIndex a, const IdempotencyEntry& e) {
  const auto& key = idempotency_.insert(a, cmd.idempotency_key, e);
  journal_.push_back({JournalRecord::Kind::idempotency, e.target, &key, a, e});
}

platform::Result<void> SeatEngine::check_sale_open(platform::Millis now) const {
  switch (sale_status(config_, now)) {
    case SaleStatus::scheduled: return fail("sale-not-open", 409, "The sale has not opened yet");
    case SaleStatus::closed: return fail("sale-closed", 409, "The sale has closed");
    case SaleStatus::on_sale: return {};
  }
  return {};
}

platform::Result<Hold*> SeatEngine::owned_active_hold(AccountIndex a, HoldId id) {
  if (id == 0 || id > holds_.size()) return fail("hold-not-found", 404, "No such hold");
  Hold& h = holds_[id - 1];
  if (h.account != a) return fail("hold-not-owned", 403, "The hold belongs to another account");
  switch (h.state) {
    case HoldState::active: return &h;
    case HoldState::expired: return fail("hold-expired", 410, "The hold has expired");
    case HoldState::released: return fail("hold-released", 409, "The hold was released");
    case HoldState::confirmed: return fail("hold-confirmed", 409, "The hold is already confirmed");
  }
  return fail("hold-not-found", 404, "No such hold");
}

void SeatEngine::set_status(SeatIndex s, SeatStatus to) {
  auto from = static_cast<SeatStatus>(status_[s]);
  if (from == to) return;
  auto run = runs_->run_of_seat(s);
  auto bump = [&](SeatStatus st, int d) {
    if (st == SeatStatus::free) {
      counts_.free += d;
      run_free_[run] += d;
      if (d > 0) {
        auto& cursors = category_cursor_[venue_->seats()[s].category];
        auto position = runs_->position_in_category(run);
        for (std::uint32_t k = 1; k <= kCursors && k <= run_free_[run]; ++k)
          cursors[k - 1] = std::min(cursors[k - 1], position);
      }
    } else if (st == SeatStatus::held) {
      counts_.held += d;
    } else {
      counts_.sold += d;
    }
  };
  bump(from, -1);
  bump(to, +1);
  status_[s] = static_cast<std::uint8_t>(to);
  changed_blocks_[s / kStatusBlockSeats / 64] |= std::uint64_t{1} << (s / kStatusBlockSeats % 64);
  if (from == SeatStatus::free || to == SeatStatus::free) refresh_blocks(s);
}

void SeatEngine::refresh_blocks(SeatIndex s) {
  auto run = runs_->run_of_seat(s);
  auto mask = free_block_mask(runs_->run_seats(run), status_);
  run_blocks_[run] = mask;
  // Taking seats can make a run fit too: a block of 3 cannot take a pair without an orphan,
  // but once one of its seats is held the remaining 2 can.
  auto& strict = strict_cursor_[venue_->seats()[s].category];
  auto position = runs_->position_in_category(run);
  for (std::uint32_t k = 1; k <= kCursors; ++k)
    if (may_fit(mask, k, false)) strict[k - 1] = std::min(strict[k - 1], position);
}

HoldOutcome SeatEngine::hold_outcome(HoldId id, platform::Millis answered_expiry, bool replayed) const {
  const Hold& h = holds_[id - 1];
  auto seats = hold_seats_of(id);
  return HoldOutcome{id, {seats.begin(), seats.end()}, answered_expiry, h.amount_cents, h.orphan_rule_relaxed,
                     replayed};
}

OrderOutcome SeatEngine::order_outcome(OrderId id, bool replayed) const {
  const Order& o = orders_[id - 1];
  auto seats = hold_seats_of(o.hold_id);
  return OrderOutcome{id, o.hold_id, {seats.begin(), seats.end()}, o.amount_cents, o.created_at, replayed};
}

HoldOutcome SeatEngine::create_hold(AccountIndex a, std::span<const SeatIndex> seats, platform::Millis now,
                                    bool relaxed) {
  Hold h;
  h.account = a;
  h.orphan_rule_relaxed = relaxed;
  h.seat_offset = static_cast<std::uint32_t>(hold_seat_arena_.size());
  h.seat_count = static_cast<std::uint32_t>(seats.size());
  h.created_at = now;
  h.expires_at = now + config_.hold_ttl_ms;
  for (auto s : seats) {
    set_status(s, SeatStatus::held);
    hold_seat_arena_.push_back(s);
    h.amount_cents += config_.price_cents[venue_->seats()[s].category];
  }
  holds_.push_back(h);
  HoldId id = holds_.size();
  accounts_[a].used += h.seat_count;
  accounts_[a].holds.push_back(id);
  expiries_.emplace(h.expires_at, id);
  ++version_;
  journal_.push_back({JournalRecord::Kind::hold_created, id, nullptr, a, {}});
  return hold_outcome(id, h.expires_at, false);
}

void SeatEngine::end_hold(HoldId id, HoldState final_state, platform::Millis now) {
  Hold& h = holds_[id - 1];
  ENGINE_CHECK(h.state == HoldState::active);
  h.state = final_state;
  h.ended_at = now;
  auto to = final_state == HoldState::confirmed ? SeatStatus::sold : SeatStatus::free;
  for (auto s : hold_seats_of(id)) {
    ENGINE_CHECK(status_[s] == static_cast<std::uint8_t>(SeatStatus::held));
    set_status(s, to);
  }
  if (final_state != HoldState::confirmed) accounts_[h.account].used -= h.seat_count;
  ++version_;
  journal_.push_back({JournalRecord::Kind::hold_ended, id, nullptr, h.account, {}});
}

// ---------------------------------------------------------------- commands

platform::Result<HoldOutcome> SeatEngine::hold_seats(const Command& cmd, std::span<const SeatIndex> seats) {
  expire_due(cmd.now);
  AccountIndex a = intern(cmd.account);
  std::uint64_t fp = fnv(kFnvSeed, 1);
  for (auto s : seats) fp = fnv(fp, s);
  auto prior = check_key(cmd, a, CommandKind::hold, fp);
  if (!prior) return std::unexpected(prior.error());
  if (*prior) return hold_outcome((**prior)->target, (**prior)->expires_at, true);
  if (auto open = check_sale_open(cmd.now); !open) return std::unexpected(open.error());
  if (seats.empty()) return fail("no-seats", 422, "At least one seat is required");
  if (seats.size() > config_.per_account_limit)
    return fail("too-many-seats", 422, "More seats than the per-account limit",
                "at most " + std::to_string(config_.per_account_limit) + " seats per account");
  for (std::size_t i = 0; i < seats.size(); ++i) {
    if (seats[i] >= status_.size()) return fail("unknown-seat", 422, "Unknown seat");
    for (std::size_t j = 0; j < i; ++j)
      if (seats[j] == seats[i])
        return fail("duplicate-seat", 422, "A seat appears twice in the request", venue_->seats()[seats[i]].id);
  }
  if (accounts_[a].used + seats.size() > config_.per_account_limit)
    return fail("ticket-limit-exceeded", 409, "Per-account ticket limit reached",
                std::to_string(accounts_[a].used) + " of " + std::to_string(config_.per_account_limit) +
                    " seats already held or bought");
  for (auto s : seats) {
    if (status_[s] != 0)
      return fail("seat-unavailable", 409, "A requested seat is not available", venue_->seats()[s].id);
    if (config_.price_cents[venue_->seats()[s].category] < 0)
      return fail("seat-unavailable", 409, "A requested seat is not on sale", venue_->seats()[s].id);
  }
  auto out = create_hold(a, seats, cmd.now, false);
  remember(cmd, a, {CommandKind::hold, fp, out.hold_id, out.expires_at});
  return out;
}

platform::Result<HoldOutcome> SeatEngine::hold_best(const Command& cmd, CategoryIndex category,
                                                    std::uint32_t count) {
  expire_due(cmd.now);
  AccountIndex a = intern(cmd.account);
  std::uint64_t fp = fnv(fnv(fnv(kFnvSeed, 2), category), count);
  auto prior = check_key(cmd, a, CommandKind::hold, fp);
  if (!prior) return std::unexpected(prior.error());
  if (*prior) return hold_outcome((**prior)->target, (**prior)->expires_at, true);
  if (auto open = check_sale_open(cmd.now); !open) return std::unexpected(open.error());
  if (category >= venue_->categories().size()) return fail("unknown-category", 422, "Unknown price category");
  if (config_.price_cents[category] < 0)
    return fail("category-not-offered", 422, "The category is not on sale in this event");
  if (count == 0) return fail("invalid-count", 422, "Count must be at least 1");
  if (count > config_.per_account_limit)
    return fail("too-many-seats", 422, "More seats than the per-account limit",
                "at most " + std::to_string(config_.per_account_limit) + " seats per account");
  if (accounts_[a].used + count > config_.per_account_limit)
    return fail("ticket-limit-exceeded", 409, "Per-account ticket limit reached",
                std::to_string(accounts_[a].used) + " of " + std::to_string(config_.per_account_limit) +
                    " seats already held or bought");
  const auto& list = runs_->runs_of_category(category);
  auto need = std::min(count, kCursors);
  auto& cursor = category_cursor_[category][need - 1];
  while (cursor < list.size() && run_free_[list[cursor]] < need) ++cursor;
  auto& strict = strict_cursor_[category][need - 1];
  strict = std::max(strict, cursor);
  if (count <= kCursors)  // the cursor for `need` is exact only when need == count
    while (strict < list.size() && !may_fit(run_blocks_[list[strict]], count, false)) ++strict;
  auto choice = choose_best(*runs_, *venue_, category, count, status_, run_blocks_, count <= kCursors ? strict : cursor,
                            cursor);
  if (!choice)
    return fail("no-adjacent-seats", 409, "No adjacent seats available",
                std::to_string(count) + " seats side by side are not available in this category");
  auto out = create_hold(a, choice->seats, cmd.now, choice->orphan_rule_relaxed);
  remember(cmd, a, {CommandKind::hold, fp, out.hold_id, out.expires_at});
  return out;
}

platform::Result<ReleaseOutcome> SeatEngine::release(const Command& cmd, HoldId id) {
  expire_due(cmd.now);
  AccountIndex a = intern(cmd.account);
  std::uint64_t fp = fnv(fnv(kFnvSeed, 3), id);
  auto prior = check_key(cmd, a, CommandKind::release, fp);
  if (!prior) return std::unexpected(prior.error());
  if (*prior) return ReleaseOutcome{id, true};
  auto h = owned_active_hold(a, id);
  if (!h) return std::unexpected(h.error());
  end_hold(id, HoldState::released, cmd.now);
  remember(cmd, a, {CommandKind::release, fp, id, 0});
  return ReleaseOutcome{id, false};
}

platform::Result<HoldOutcome> SeatEngine::begin_payment(const Command& cmd, HoldId id) {
  expire_due(cmd.now);
  AccountIndex a = intern(cmd.account);
  std::uint64_t fp = fnv(fnv(kFnvSeed, 4), id);
  auto prior = check_key(cmd, a, CommandKind::extend, fp);
  if (!prior) return std::unexpected(prior.error());
  if (*prior) return hold_outcome(id, (**prior)->expires_at, true);
  auto h = owned_active_hold(a, id);
  if (!h) return std::unexpected(h.error());
  Hold& hold = **h;
  if (hold.extended) return fail("hold-already-extended", 409, "The hold was already extended for payment");
  auto cap = hold.created_at + config_.hold_hard_cap_ms;
  auto wanted = std::min(cmd.now + config_.payment_extension_ms, cap);
  hold.extended = true;
  if (wanted > hold.expires_at) {
    hold.expires_at = wanted;
    expiries_.emplace(wanted, id);
  }
  journal_.push_back({JournalRecord::Kind::hold_extended, id, nullptr, a, {}});
  remember(cmd, a, {CommandKind::extend, fp, id, hold.expires_at});
  return hold_outcome(id, hold.expires_at, false);
}

platform::Result<OrderOutcome> SeatEngine::confirm(const Command& cmd, HoldId id, std::string_view payment_ref) {
  expire_due(cmd.now);
  AccountIndex a = intern(cmd.account);
  std::uint64_t fp = fnv(fnv(kFnvSeed, 5), id);
  auto prior = check_key(cmd, a, CommandKind::confirm, fp);
  if (!prior) return std::unexpected(prior.error());
  if (*prior) return order_outcome((**prior)->target, true);
  auto h = owned_active_hold(a, id);
  if (!h) return std::unexpected(h.error());
  orders_.push_back(Order{a, id, cmd.now, (**h).amount_cents, std::string(payment_ref)});
  OrderId oid = orders_.size();
  end_hold(id, HoldState::confirmed, cmd.now);
  accounts_[a].orders.push_back(oid);
  journal_.push_back({JournalRecord::Kind::order_created, oid, nullptr, a, {}});
  remember(cmd, a, {CommandKind::confirm, fp, oid, 0});
  return order_outcome(oid, false);
}

std::size_t SeatEngine::expire_due(platform::Millis now) {
  std::size_t n = 0;
  while (!expiries_.empty() && expiries_.top().first <= now) {
    auto [at, id] = expiries_.top();
    expiries_.pop();
    Hold& h = holds_[id - 1];
    // Stale entries: the hold ended, or was extended and has a later entry.
    if (h.state != HoldState::active || h.expires_at != at) continue;
    end_hold(id, HoldState::expired, at);
    ++n;
  }
  return n;
}

// ---------------------------------------------------------------- reads

const Hold* SeatEngine::hold(HoldId id) const {
  if (id == 0 || id > holds_.size()) return nullptr;
  return &holds_[id - 1];
}

std::span<const SeatIndex> SeatEngine::hold_seats_of(HoldId id) const {
  const Hold& h = holds_[id - 1];
  return {hold_seat_arena_.data() + h.seat_offset, h.seat_count};
}

const Order* SeatEngine::order(OrderId id) const {
  if (id == 0 || id > orders_.size()) return nullptr;
  return &orders_[id - 1];
}

std::uint32_t SeatEngine::account_usage(std::string_view account) const {
  auto a = find_account(account);
  return a ? accounts_[*a].used : 0;
}

std::span<const OrderId> SeatEngine::orders_of(std::string_view account) const {
  auto a = find_account(account);
  if (!a) return {};
  return accounts_[*a].orders;
}

std::span<const HoldId> SeatEngine::holds_of(std::string_view account) const {
  auto a = find_account(account);
  if (!a) return {};
  return accounts_[*a].holds;
}

std::optional<platform::Millis> SeatEngine::next_expiry() const {
  // Skips nothing: a stale top only makes the caller wake up early, which is harmless.
  if (expiries_.empty()) return std::nullopt;
  return expiries_.top().first;
}

// ---------------------------------------------------------------- recovery

void SeatEngine::restore_hold(HoldId id, std::string_view account, std::span<const SeatIndex> seats,
                              const Hold& stored) {
  ENGINE_CHECK(id == holds_.size() + 1);
  AccountIndex a = intern(account);
  Hold h = stored;
  h.account = a;
  h.seat_offset = static_cast<std::uint32_t>(hold_seat_arena_.size());
  h.seat_count = static_cast<std::uint32_t>(seats.size());
  for (auto s : seats) {
    ENGINE_CHECK(s < status_.size());
    hold_seat_arena_.push_back(s);
  }
  holds_.push_back(h);
  accounts_[a].holds.push_back(id);
  if (h.state == HoldState::active) {
    for (auto s : seats) {
      ENGINE_CHECK(status_[s] == 0);
      set_status(s, SeatStatus::held);
    }
    accounts_[a].used += h.seat_count;
    expiries_.emplace(h.expires_at, id);
  } else if (h.state == HoldState::confirmed) {
    for (auto s : seats) {
      ENGINE_CHECK(status_[s] == 0);
      set_status(s, SeatStatus::sold);
    }
    accounts_[a].used += h.seat_count;
  }
  ++version_;
}

void SeatEngine::restore_order(OrderId id, const Order& o) {
  ENGINE_CHECK(id == orders_.size() + 1);
  ENGINE_CHECK(o.hold_id >= 1 && o.hold_id <= holds_.size());
  ENGINE_CHECK(holds_[o.hold_id - 1].state == HoldState::confirmed);
  orders_.push_back(o);
  orders_.back().account = holds_[o.hold_id - 1].account;
  accounts_[orders_.back().account].orders.push_back(id);
}

void SeatEngine::restore_idempotency(std::string_view account, std::string_view key, const IdempotencyEntry& e) {
  AccountIndex a = intern(account);
  if (!idempotency_.find(a, key)) idempotency_.insert(a, key, e);
}

}  // namespace traffic_master::engine
