#include "traffic_master/store/event_store.hpp"

#include <gtest/gtest.h>

#include "traffic_master/store/store_test_support.hpp"

namespace traffic_master::store {
namespace {

using engine::Command;
using engine::SeatIndex;

class EventStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    venue = engine::generate_arena({"a", "A", 500, 5});
    config = testing::arena_event(*venue, 6);
  }
  std::unique_ptr<EventStore> open() {
    auto s = EventStore::open(dir.file("ev.db"));
    EXPECT_TRUE(s);
    return std::move(*s);
  }
  void flush(engine::SeatEngine& eng, EventStore& st) {
    st.commit(eng, eng.journal());
    eng.clear_journal();
  }
  testing::TempDir dir;
  std::shared_ptr<const engine::Venue> venue;
  engine::EventConfig config;
  platform::Millis now = 1'000'000;
};

TEST_F(EventStoreTest, OneRowPerHoldPerBatchCarryingItsFinalState) {
  auto eng = testing::fresh_engine(venue, config);
  std::vector<SeatIndex> a{0, 1};
  auto h = eng->hold_seats(Command{"alice", "h1", now}, a);
  ASSERT_TRUE(h);
  ASSERT_TRUE(eng->begin_payment(Command{"alice", "p1", now}, h->hold_id));
  ASSERT_TRUE(eng->confirm(Command{"alice", "c1", now}, h->hold_id, "pay-1"));
  auto rows = rows_from_journal(*eng, eng->journal());
  int hold_rows = 0, changes = 0, orders = 0, keys = 0;
  for (const auto& row : rows) {
    if (auto* r = std::get_if<HoldRow>(&row)) {
      ++hold_rows;
      EXPECT_TRUE(r->extended);
      EXPECT_EQ(r->state, static_cast<std::int64_t>(engine::HoldState::confirmed));
    }
    changes += std::holds_alternative<HoldChangeRow>(row);
    orders += std::holds_alternative<OrderRow>(row);
    keys += std::holds_alternative<IdempotencyRow>(row);
  }
  EXPECT_EQ(hold_rows, 1);
  EXPECT_EQ(changes, 0);  // the insert already carries the extension and the confirmation
  EXPECT_EQ(orders, 1);
  EXPECT_EQ(keys, 3);
}

TEST_F(EventStoreTest, RecoveryRebuildsOrdersHoldsAndIdempotencyKeys) {
  engine::HoldId open_hold = 0;
  std::vector<SeatIndex> open_seats;
  {
    auto st = open();
    auto eng = testing::fresh_engine(venue, config);
    std::vector<SeatIndex> a{0, 1}, b{10}, c{20, 21, 22};
    auto h1 = eng->hold_seats(Command{"alice", "h1", now}, a);
    auto h2 = eng->hold_seats(Command{"bob", "h1", now}, b);
    auto h3 = eng->hold_seats(Command{"carol", "h1", now}, c);
    ASSERT_TRUE(h1 && h2 && h3);
    ASSERT_TRUE(eng->begin_payment(Command{"alice", "p1", now}, h1->hold_id));
    ASSERT_TRUE(eng->confirm(Command{"alice", "c1", now}, h1->hold_id, "pay-1"));
    ASSERT_TRUE(eng->release(Command{"bob", "r1", now}, h2->hold_id));
    open_hold = h3->hold_id;
    open_seats = h3->seats;
    flush(*eng, *st);
  }
  auto st = open();
  auto eng = testing::fresh_engine(venue, config);
  auto stats = st->recover(*eng, now + 1000);
  EXPECT_EQ(stats.holds, 3u);
  EXPECT_EQ(stats.orders, 1u);
  EXPECT_EQ(stats.idempotency_keys, 6u);
  EXPECT_EQ(stats.expired_on_recovery, 0u);
  EXPECT_EQ(eng->counts().sold, 2u);
  EXPECT_EQ(eng->counts().held, 3u);
  EXPECT_EQ(eng->order(1)->payment_ref, "pay-1");
  EXPECT_EQ(eng->hold(1)->state, engine::HoldState::confirmed);
  EXPECT_TRUE(eng->hold(1)->extended);
  EXPECT_EQ(eng->hold(2)->state, engine::HoldState::released);
  EXPECT_EQ(eng->account_usage("alice"), 2u);
  // Idempotency keys survive the restart: the retried confirm returns the same order.
  auto retry = eng->confirm(Command{"alice", "c1", now + 1000}, 1, "pay-1");
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->order_id, 1u);
  auto retry_hold = eng->hold_seats(Command{"carol", "h1", now + 1000}, open_seats);
  ASSERT_TRUE(retry_hold);
  EXPECT_TRUE(retry_hold->replayed);
  EXPECT_EQ(retry_hold->hold_id, open_hold);
  // New ids continue after the recovered ones.
  std::vector<SeatIndex> d{30};
  auto h4 = eng->hold_seats(Command{"dave", "h1", now + 1000}, d);
  ASSERT_TRUE(h4);
  EXPECT_EQ(h4->hold_id, 4u);
}

TEST_F(EventStoreTest, HoldsThatExpiredWhileDownAreReleasedOnRecovery) {
  {
    auto st = open();
    auto eng = testing::fresh_engine(venue, config);
    std::vector<SeatIndex> a{0, 1};
    ASSERT_TRUE(eng->hold_seats(Command{"alice", "h1", now}, a));
    flush(*eng, *st);
  }
  {
    auto st = open();
    auto eng = testing::fresh_engine(venue, config);
    auto stats = st->recover(*eng, now + config.hold_ttl_ms);
    EXPECT_EQ(stats.expired_on_recovery, 1u);
    EXPECT_EQ(eng->counts().held, 0u);
    EXPECT_EQ(eng->counts().free, venue->capacity());
  }
  // The expiry was itself made durable: a second restart sees an expired hold, not an active one.
  auto st = open();
  auto eng = testing::fresh_engine(venue, config);
  auto stats = st->recover(*eng, now);
  EXPECT_EQ(stats.expired_on_recovery, 0u);
  EXPECT_EQ(eng->hold(1)->state, engine::HoldState::expired);
  auto f = testing::check_db_invariants(dir.file("ev.db"), venue->capacity(), 6, now);
  EXPECT_EQ(f.held, 0u);
}

TEST_F(EventStoreTest, DefinitionsAreStored) {
  auto st = open();
  EXPECT_FALSE(st->load_definition());
  st->save_definition({"{\"e\":1}", "{\"v\":2}"});
  auto d = st->load_definition();
  ASSERT_TRUE(d);
  EXPECT_EQ(d->event_json, "{\"e\":1}");
  EXPECT_EQ(d->venue_json, "{\"v\":2}");
}

}  // namespace
}  // namespace traffic_master::store
