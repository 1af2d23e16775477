#include "traffic_master/engine/seat_engine.hpp"

#include <gtest/gtest.h>

#include "traffic_master/engine/engine_test_support.hpp"

namespace traffic_master::engine {
namespace {

using testing::make_engine;
using testing::small_event;
using testing::small_venue;

class SeatEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    venue = small_venue();
    engine = make_engine(venue, small_event(*venue));
  }
  Command cmd(std::string_view account, std::string_view key) { return Command{account, key, now}; }
  SeatIndex seat(std::string_view id) { return *venue->find_seat(id); }
  // Everything observable about the inventory, to show a failed command changed nothing.
  struct State {
    std::uint64_t version;
    std::size_t free, held, sold, holds, orders;
    std::uint32_t usage_alice;
    bool operator==(const State&) const = default;
  };
  State state() {
    auto c = engine->counts();
    return {engine->version(), c.free, c.held, c.sold, engine->last_hold_id(), engine->last_order_id(),
            engine->account_usage("alice")};
  }
  std::shared_ptr<const Venue> venue;
  std::unique_ptr<SeatEngine> engine;
  platform::Millis now = 2'000'000;
};

TEST_F(SeatEngineTest, HoldsSpecificSeatsWithTtlAndPrice) {
  std::vector<SeatIndex> seats{seat("S-A-1"), seat("S-C-1")};
  auto h = engine->hold_seats(cmd("alice", "k1"), seats);
  ASSERT_TRUE(h) << h.error().code;
  EXPECT_EQ(h->hold_id, 1u);
  EXPECT_EQ(h->expires_at, now + 60'000);
  EXPECT_EQ(h->amount_cents, 9000 + 5000);
  EXPECT_FALSE(h->replayed);
  EXPECT_EQ(engine->status(seats[0]), SeatStatus::held);
  EXPECT_EQ(engine->counts().held, 2u);
  EXPECT_EQ(engine->counts().free, 38u);
  EXPECT_EQ(engine->account_usage("alice"), 2u);
  EXPECT_EQ(engine->version(), 1u);
  ASSERT_EQ(engine->journal().size(), 2u);
  EXPECT_EQ(engine->journal()[0].kind, JournalRecord::Kind::hold_created);
  EXPECT_EQ(engine->journal()[1].kind, JournalRecord::Kind::idempotency);
  EXPECT_EQ(*engine->journal()[1].idempotency_key, "k1");
}

TEST_F(SeatEngineTest, HoldIsAllOrNothing) {
  std::vector<SeatIndex> taken{seat("S-A-2")};
  ASSERT_TRUE(engine->hold_seats(cmd("bob", "b1"), taken));
  auto before = state();
  std::vector<SeatIndex> seats{seat("S-A-1"), seat("S-A-2"), seat("S-A-3")};
  auto h = engine->hold_seats(cmd("alice", "k1"), seats);
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, "seat-unavailable");
  EXPECT_EQ(h.error().status, 409);
  EXPECT_EQ(h.error().detail, "S-A-2");
  EXPECT_EQ(state(), before);
  EXPECT_EQ(engine->status(seat("S-A-1")), SeatStatus::free);
}

TEST_F(SeatEngineTest, RejectsBadSeatListsWithoutChangingState) {
  auto before = state();
  std::vector<SeatIndex> dup{seat("S-A-1"), seat("S-A-1")};
  EXPECT_EQ(engine->hold_seats(cmd("alice", "k"), dup).error().code, "duplicate-seat");
  std::vector<SeatIndex> unknown{seat("S-A-1"), 4000};
  EXPECT_EQ(engine->hold_seats(cmd("alice", "k"), unknown).error().code, "unknown-seat");
  EXPECT_EQ(engine->hold_seats(cmd("alice", "k"), {}).error().code, "no-seats");
  std::vector<SeatIndex> seven;
  for (int i = 1; i <= 7; ++i) seven.push_back(seat("S-B-" + std::to_string(i)));
  EXPECT_EQ(engine->hold_seats(cmd("alice", "k"), seven).error().code, "too-many-seats");
  EXPECT_EQ(state(), before);
}

TEST_F(SeatEngineTest, SaleWindowIsEnforced) {
  std::vector<SeatIndex> seats{seat("S-A-1")};
  now = 999'999;
  auto early = engine->hold_seats(cmd("alice", "k"), seats);
  EXPECT_EQ(early.error().code, "sale-not-open");
  EXPECT_EQ(engine->hold_best(cmd("alice", "k"), 0, 2).error().code, "sale-not-open");
  now = 100'000'000;
  EXPECT_EQ(engine->hold_seats(cmd("alice", "k"), seats).error().code, "sale-closed");
  now = 1'000'000;
  EXPECT_TRUE(engine->hold_seats(cmd("alice", "k"), seats));
}

TEST_F(SeatEngineTest, PerAccountLimitCountsHoldsAndOrders) {
  std::vector<SeatIndex> a{seat("S-A-1"), seat("S-A-2"), seat("S-A-3")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  ASSERT_TRUE(engine->confirm(cmd("alice", "k2"), h->hold_id, "pay-1"));
  std::vector<SeatIndex> b{seat("S-B-1"), seat("S-B-2")};
  ASSERT_TRUE(engine->hold_seats(cmd("alice", "k3"), b));
  auto before = state();
  std::vector<SeatIndex> c{seat("S-C-1"), seat("S-C-2")};
  auto over = engine->hold_seats(cmd("alice", "k4"), c);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, "ticket-limit-exceeded");
  EXPECT_EQ(engine->hold_best(cmd("alice", "k5"), 1, 2).error().code, "ticket-limit-exceeded");
  EXPECT_EQ(state(), before);
  // Another account is not affected.
  EXPECT_TRUE(engine->hold_seats(cmd("bob", "k4"), c));
  // One more seat for alice is still within the limit of 6.
  std::vector<SeatIndex> d{seat("S-D-1")};
  EXPECT_TRUE(engine->hold_seats(cmd("alice", "k6"), d));
}

TEST_F(SeatEngineTest, ReleaseFreesSeatsAndRestoresTheLimit) {
  std::vector<SeatIndex> a{seat("S-A-1"), seat("S-A-2")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  auto r = engine->release(cmd("alice", "k2"), h->hold_id);
  ASSERT_TRUE(r);
  EXPECT_EQ(engine->status(a[0]), SeatStatus::free);
  EXPECT_EQ(engine->account_usage("alice"), 0u);
  EXPECT_EQ(engine->hold(h->hold_id)->state, HoldState::released);
  EXPECT_EQ(engine->release(cmd("alice", "k3"), h->hold_id).error().code, "hold-released");
  EXPECT_EQ(engine->confirm(cmd("alice", "k4"), h->hold_id, "p").error().code, "hold-released");
}

TEST_F(SeatEngineTest, ForeignAndUnknownHoldsAreRejected) {
  std::vector<SeatIndex> a{seat("S-A-1")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  auto before = state();
  auto foreign = engine->release(cmd("mallory", "m1"), h->hold_id);
  EXPECT_EQ(foreign.error().code, "hold-not-owned");
  EXPECT_EQ(foreign.error().status, 403);
  EXPECT_EQ(engine->confirm(cmd("mallory", "m2"), h->hold_id, "p").error().code, "hold-not-owned");
  EXPECT_EQ(engine->begin_payment(cmd("mallory", "m3"), h->hold_id).error().code, "hold-not-owned");
  EXPECT_EQ(engine->release(cmd("alice", "k2"), 99).error().code, "hold-not-found");
  EXPECT_EQ(engine->release(cmd("alice", "k2"), 0).error().code, "hold-not-found");
  EXPECT_EQ(state(), before);
}

TEST_F(SeatEngineTest, HoldsExpireAtTheirTtl) {
  std::vector<SeatIndex> a{seat("S-A-1"), seat("S-A-2")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  EXPECT_EQ(engine->expire_due(now + 59'999), 0u);
  EXPECT_EQ(engine->status(a[0]), SeatStatus::held);
  EXPECT_EQ(engine->next_expiry(), now + 60'000);
  auto v = engine->version();
  EXPECT_EQ(engine->expire_due(now + 60'000), 1u);
  EXPECT_EQ(engine->status(a[0]), SeatStatus::free);
  EXPECT_EQ(engine->hold(h->hold_id)->state, HoldState::expired);
  EXPECT_EQ(engine->account_usage("alice"), 0u);
  EXPECT_GT(engine->version(), v);
  now += 60'000;
  auto c = engine->confirm(cmd("alice", "k2"), h->hold_id, "p");
  EXPECT_EQ(c.error().code, "hold-expired");
  EXPECT_EQ(c.error().status, 410);
  EXPECT_EQ(engine->release(cmd("alice", "k3"), h->hold_id).error().code, "hold-expired");
}

TEST_F(SeatEngineTest, MutationsExpireLateHoldsThemselves) {
  std::vector<SeatIndex> a{seat("S-A-1")};
  ASSERT_TRUE(engine->hold_seats(cmd("alice", "k1"), a));
  now += 60'001;  // nobody called expire_due
  auto h = engine->hold_seats(cmd("bob", "b1"), a);
  ASSERT_TRUE(h) << h.error().code;
  EXPECT_EQ(engine->hold(1)->state, HoldState::expired);
}

TEST_F(SeatEngineTest, EnteringPaymentExtendsOnceUpToTheHardCap) {
  std::vector<SeatIndex> a{seat("S-A-1")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  now += 50'000;
  auto e = engine->begin_payment(cmd("alice", "k2"), h->hold_id);
  ASSERT_TRUE(e);
  // now + 120 s would be 170 s after creation; the hard cap is 150 s.
  EXPECT_EQ(e->expires_at, h->expires_at - 60'000 + 150'000);
  auto again = engine->begin_payment(cmd("alice", "k3"), h->hold_id);
  EXPECT_EQ(again.error().code, "hold-already-extended");
  EXPECT_EQ(engine->expire_due(h->expires_at + 1), 0u);  // the original TTL no longer applies
  EXPECT_EQ(engine->expire_due(e->expires_at), 1u);
}

TEST_F(SeatEngineTest, ConfirmTurnsAHoldIntoAnOrder) {
  std::vector<SeatIndex> a{seat("S-A-1"), seat("S-A-2")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  engine->clear_journal();
  auto o = engine->confirm(cmd("alice", "k2"), h->hold_id, "pay-42");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->order_id, 1u);
  EXPECT_EQ(o->seats, a);
  EXPECT_EQ(o->amount_cents, 18000);
  EXPECT_EQ(engine->status(a[0]), SeatStatus::sold);
  EXPECT_EQ(engine->counts().sold, 2u);
  EXPECT_EQ(engine->counts().held, 0u);
  EXPECT_EQ(engine->order(1)->payment_ref, "pay-42");
  EXPECT_EQ(engine->orders_of("alice").size(), 1u);
  EXPECT_EQ(engine->account_usage("alice"), 2u);
  EXPECT_EQ(engine->confirm(cmd("alice", "k3"), h->hold_id, "pay-43").error().code, "hold-confirmed");
  EXPECT_EQ(engine->expire_due(now + 10'000'000), 0u);  // sold seats never expire
  EXPECT_EQ(engine->status(a[0]), SeatStatus::sold);
  ASSERT_EQ(engine->journal().size(), 3u);
  EXPECT_EQ(engine->journal()[0].kind, JournalRecord::Kind::hold_ended);
  EXPECT_EQ(engine->journal()[1].kind, JournalRecord::Kind::order_created);
}

TEST_F(SeatEngineTest, SeatsReturnToSaleAfterRelease) {
  std::vector<SeatIndex> a{seat("S-A-5")};
  auto h = engine->hold_seats(cmd("alice", "k1"), a);
  ASSERT_TRUE(h);
  EXPECT_EQ(engine->hold_seats(cmd("bob", "b1"), a).error().code, "seat-unavailable");
  ASSERT_TRUE(engine->release(cmd("alice", "k2"), h->hold_id));
  EXPECT_TRUE(engine->hold_seats(cmd("bob", "b1"), a));
}

TEST_F(SeatEngineTest, CategoryNotOfferedCannotBeHeld) {
  auto e = small_event(*venue);
  e.price_cents[1] = -1;
  auto eng = make_engine(venue, e);
  EXPECT_EQ(eng->hold_best(cmd("alice", "k"), 1, 2).error().code, "category-not-offered");
  std::vector<SeatIndex> a{seat("S-C-1")};
  EXPECT_EQ(eng->hold_seats(cmd("alice", "k"), a).error().code, "seat-unavailable");
  EXPECT_EQ(eng->hold_best(cmd("alice", "k"), 7, 2).error().code, "unknown-category");
  EXPECT_EQ(eng->hold_best(cmd("alice", "k"), 0, 0).error().code, "invalid-count");
  EXPECT_EQ(eng->counts().free, 40u);
}

TEST_F(SeatEngineTest, RecoveryRebuildsTheSameInventory) {
  std::vector<SeatIndex> a{seat("S-A-1"), seat("S-A-2")}, b{seat("S-B-1")}, c{seat("S-C-1")};
  auto h1 = engine->hold_seats(cmd("alice", "k1"), a);
  auto h2 = engine->hold_seats(cmd("bob", "k1"), b);
  auto h3 = engine->hold_seats(cmd("carol", "k1"), c);
  ASSERT_TRUE(engine->confirm(cmd("alice", "k2"), h1->hold_id, "p1"));
  ASSERT_TRUE(engine->release(cmd("carol", "k2"), h3->hold_id));
  auto copy = make_engine(venue, small_event(*venue));
  for (HoldId id = 1; id <= engine->last_hold_id(); ++id)
    copy->restore_hold(id, engine->account_name(engine->hold(id)->account), engine->hold_seats_of(id),
                       *engine->hold(id));
  copy->restore_order(1, *engine->order(1));
  copy->restore_idempotency("alice", "k2", {CommandKind::confirm, 0, 1, 0});
  EXPECT_EQ(copy->counts().sold, 2u);
  EXPECT_EQ(copy->counts().held, 1u);
  EXPECT_TRUE(std::equal(copy->status_bytes().begin(), copy->status_bytes().end(),
                         engine->status_bytes().begin()));
  EXPECT_EQ(copy->account_usage("alice"), 2u);
  EXPECT_EQ(copy->account_usage("bob"), 1u);
  EXPECT_EQ(copy->account_usage("carol"), 0u);
  EXPECT_EQ(copy->expire_due(h2->expires_at), 1u);
  EXPECT_EQ(copy->counts().held, 0u);
}

}  // namespace
}  // namespace traffic_master::engine

namespace traffic_master::engine {
namespace {

TEST(SeatEngineChangedBlocks, EveryStatusChangeMarksItsBlockUntilCleared) {
  auto venue = testing::small_venue(10, 500);  // 5,000 seats: blocks 0 and 1
  auto engine = testing::make_engine(venue, testing::small_event(*venue));
  const auto& changed = engine->changed_blocks();
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0], 0u);
  std::vector<SeatIndex> far{static_cast<SeatIndex>(SeatEngine::kStatusBlockSeats + 3)};
  auto h = engine->hold_seats(Command{"alice", "k1", 2'000'000}, far);
  ASSERT_TRUE(h) << h.error().code;
  EXPECT_EQ(changed[0], 0b10u);
  engine->clear_changed_blocks();
  EXPECT_EQ(changed[0], 0u);
  ASSERT_TRUE(engine->release(Command{"alice", "k2", 2'000'001}, h->hold_id));
  EXPECT_EQ(changed[0], 0b10u);  // back to free: the block changed again
}

}  // namespace
}  // namespace traffic_master::engine
