#pragma once
// Test-only: a temporary directory, an independent invariant checker that reads the SQLite file
// with its own connection, and helpers to build writers.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <set>
#include <string>

#include "platform/testing/temp_dir.hpp"
#include "traffic_master/engine/arena_generator.hpp"
#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/store/event_store.hpp"

namespace traffic_master::store::testing {

using TempDir = platform::testing::TempDir;

inline engine::EventConfig arena_event(const engine::Venue& v, std::uint32_t limit = 8) {
  engine::EventConfig e;
  e.id = "stress";
  e.name = "Stress";
  e.on_sale_at = 0;
  e.sale_end_at = 4'000'000'000'000;
  e.price_cents = {20000, 15000, 9000, 5000};
  e.price_cents.resize(v.categories().size(), 5000);
  e.per_account_limit = limit;
  e.hold_ttl_ms = 30'000;
  e.payment_extension_ms = 30'000;
  e.hold_hard_cap_ms = 50'000;
  return e;
}

inline std::unique_ptr<engine::SeatEngine> fresh_engine(std::shared_ptr<const engine::Venue> v,
                                                        const engine::EventConfig& e) {
  auto runs = std::make_shared<const engine::SeatRuns>(*v);
  return std::make_unique<engine::SeatEngine>(std::move(v), std::move(runs), e);
}

struct DbFacts {
  std::size_t sold = 0, held = 0, orders = 0;
  std::set<std::int64_t> order_ids;
};

// Reads the file with a separate connection and checks every invariant of the inventory:
// no seat in two orders, every order's seats belong to its confirmed hold, no seat both held
// and sold (or in two active holds), per-account limits, sold + held + free = capacity.
inline DbFacts check_db_invariants(const std::string& path, std::size_t capacity, std::uint32_t limit,
                                   std::int64_t now) {
  DbFacts f;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto decode = [](const void* p, int n) {
    std::vector<std::uint32_t> out;
    auto* b = static_cast<const unsigned char*>(p);
    for (int i = 0; i + 3 < n; i += 4) out.push_back(b[i] | b[i + 1] << 8 | b[i + 2] << 16 | std::uint32_t(b[i + 3]) << 24);
    return out;
  };
  std::map<std::uint32_t, std::int64_t> seat_owner_hold;  // seat -> active or confirmed hold
  std::map<std::int64_t, std::vector<std::uint32_t>> confirmed_hold_seats;
  std::map<std::string, std::uint32_t> usage;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, account, seats, state, expires_at FROM holds", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    auto id = sqlite3_column_int64(st, 0);
    std::string account(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    auto seats = decode(sqlite3_column_blob(st, 2), sqlite3_column_bytes(st, 2));
    auto state = sqlite3_column_int(st, 3);
    if (state == 0 || state == 3) {
      for (auto s : seats) {
        EXPECT_LT(s, capacity);
        EXPECT_TRUE(seat_owner_hold.emplace(s, id).second) << "seat " << s << " in two live holds/orders";
      }
      usage[account] += static_cast<std::uint32_t>(seats.size());
      if (state == 0) f.held += seats.size();
      else confirmed_hold_seats[id] = seats;
    }
  }
  sqlite3_finalize(st);
  for (auto& [account, n] : usage) EXPECT_LE(n, limit) << account;
  sqlite3_prepare_v2(db, "SELECT o.id, o.hold_id, (SELECT count(*) FROM order_seats s WHERE s.order_id=o.id) FROM orders o",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    auto oid = sqlite3_column_int64(st, 0);
    auto hid = sqlite3_column_int64(st, 1);
    EXPECT_TRUE(confirmed_hold_seats.count(hid)) << "order " << oid << " without a confirmed hold";
    EXPECT_EQ(static_cast<std::size_t>(sqlite3_column_int64(st, 2)), confirmed_hold_seats[hid].size());
    f.order_ids.insert(oid);
    ++f.orders;
  }
  sqlite3_finalize(st);
  EXPECT_EQ(f.orders, confirmed_hold_seats.size());
  sqlite3_prepare_v2(db, "SELECT seat, order_id FROM order_seats", -1, &st, nullptr);
  std::set<std::uint32_t> sold;
  while (sqlite3_step(st) == SQLITE_ROW) {
    auto seat = static_cast<std::uint32_t>(sqlite3_column_int64(st, 0));
    EXPECT_TRUE(sold.insert(seat).second) << "seat " << seat << " in two orders";
    EXPECT_TRUE(seat_owner_hold.count(seat));
  }
  sqlite3_finalize(st);
  f.sold = sold.size();
  std::size_t in_confirmed = 0;
  for (auto& [h, seats] : confirmed_hold_seats) in_confirmed += seats.size();
  EXPECT_EQ(f.sold, in_confirmed);
  EXPECT_LE(f.sold + f.held, capacity);
  sqlite3_close(db);
  (void)now;
  return f;
}

}  // namespace traffic_master::store::testing
