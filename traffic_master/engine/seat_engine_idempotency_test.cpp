#include <gtest/gtest.h>

#include "traffic_master/engine/engine_test_support.hpp"
#include "traffic_master/engine/seat_engine.hpp"

namespace traffic_master::engine {
namespace {

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    venue = testing::small_venue();
    engine = testing::make_engine(venue, testing::small_event(*venue));
  }
  Command cmd(std::string_view account, std::string_view key) { return Command{account, key, now}; }
  SeatIndex seat(std::string_view id) { return *venue->find_seat(id); }
  std::shared_ptr<const Venue> venue;
  std::unique_ptr<SeatEngine> engine;
  platform::Millis now = 2'000'000;
};

TEST_F(IdempotencyTest, RetriedHoldReturnsTheOriginalOutcome) {
  std::vector<SeatIndex> a{seat("S-A-1"), seat("S-A-2")};
  auto first = engine->hold_seats(cmd("alice", "key-1"), a);
  ASSERT_TRUE(first);
  engine->clear_journal();
  now += 1000;
  auto again = engine->hold_seats(cmd("alice", "key-1"), a);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->hold_id, first->hold_id);
  EXPECT_EQ(again->expires_at, first->expires_at);
  EXPECT_EQ(again->seats, first->seats);
  EXPECT_EQ(engine->last_hold_id(), 1u);
  EXPECT_EQ(engine->account_usage("alice"), 2u);
  EXPECT_TRUE(engine->journal().empty());  // a replay writes nothing
}

TEST_F(IdempotencyTest, RetriedBestAvailableReturnsTheSameSeats) {
  auto first = engine->hold_best(cmd("alice", "key-1"), 0, 2);
  ASSERT_TRUE(first);
  auto again = engine->hold_best(cmd("alice", "key-1"), 0, 2);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->seats, first->seats);
  EXPECT_EQ(engine->counts().held, 2u);
}

TEST_F(IdempotencyTest, RetriedConfirmAndReleaseReturnTheOriginalOutcome) {
  std::vector<SeatIndex> a{seat("S-A-1")}, b{seat("S-A-5")};
  auto h = engine->hold_seats(cmd("alice", "h1"), a);
  auto o1 = engine->confirm(cmd("alice", "c1"), h->hold_id, "pay-1");
  auto o2 = engine->confirm(cmd("alice", "c1"), h->hold_id, "pay-1");
  ASSERT_TRUE(o1 && o2);
  EXPECT_TRUE(o2->replayed);
  EXPECT_EQ(o2->order_id, o1->order_id);
  EXPECT_EQ(engine->last_order_id(), 1u);
  auto h2 = engine->hold_seats(cmd("alice", "h2"), b);
  ASSERT_TRUE(engine->release(cmd("alice", "r1"), h2->hold_id));
  auto r2 = engine->release(cmd("alice", "r1"), h2->hold_id);
  ASSERT_TRUE(r2);
  EXPECT_TRUE(r2->replayed);
  auto e1 = engine->hold_seats(cmd("alice", "h3"), b);
  auto x1 = engine->begin_payment(cmd("alice", "x1"), e1->hold_id);
  auto x2 = engine->begin_payment(cmd("alice", "x1"), e1->hold_id);
  ASSERT_TRUE(x1 && x2);
  EXPECT_TRUE(x2->replayed);
  EXPECT_EQ(x2->expires_at, x1->expires_at);
}

TEST_F(IdempotencyTest, KeyReusedForAnotherRequestIsRejected) {
  std::vector<SeatIndex> a{seat("S-A-1")}, b{seat("S-A-2")};
  ASSERT_TRUE(engine->hold_seats(cmd("alice", "key-1"), a));
  auto other = engine->hold_seats(cmd("alice", "key-1"), b);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "idempotency-key-reused");
  EXPECT_EQ(other.error().status, 422);
  EXPECT_EQ(engine->release(cmd("alice", "key-1"), 1).error().code, "idempotency-key-reused");
  EXPECT_EQ(engine->status(b[0]), SeatStatus::free);
  EXPECT_EQ(engine->hold(1)->state, HoldState::active);
}

TEST_F(IdempotencyTest, KeysAreScopedPerAccount) {
  std::vector<SeatIndex> a{seat("S-A-1")}, b{seat("S-A-2")};
  auto x = engine->hold_seats(cmd("alice", "same"), a);
  auto y = engine->hold_seats(cmd("bob", "same"), b);
  ASSERT_TRUE(x && y);
  EXPECT_FALSE(y->replayed);
  EXPECT_NE(x->hold_id, y->hold_id);
}

TEST_F(IdempotencyTest, FailuresAreNotRememberedSoTheKeyCanBeRetried) {
  std::vector<SeatIndex> a{seat("S-A-1")};
  auto bob = engine->hold_seats(cmd("bob", "b1"), a);
  ASSERT_TRUE(bob);
  EXPECT_EQ(engine->hold_seats(cmd("alice", "k"), a).error().code, "seat-unavailable");
  ASSERT_TRUE(engine->release(cmd("bob", "b2"), bob->hold_id));
  auto retry = engine->hold_seats(cmd("alice", "k"), a);
  ASSERT_TRUE(retry);
  EXPECT_FALSE(retry->replayed);
}

TEST_F(IdempotencyTest, MissingOrOversizedKeyIsRejectedBeforeAnythingElse) {
  std::vector<SeatIndex> a{seat("S-A-1")};
  auto missing = engine->hold_seats(cmd("alice", ""), a);
  EXPECT_EQ(missing.error().code, "idempotency-key-missing");
  EXPECT_EQ(missing.error().status, 428);
  std::string long_key(129, 'k');
  EXPECT_EQ(engine->hold_seats(cmd("alice", long_key), a).error().code, "idempotency-key-invalid");
  EXPECT_EQ(engine->confirm(cmd("alice", ""), 1, "p").error().code, "idempotency-key-missing");
  EXPECT_EQ(engine->counts().held, 0u);
}

TEST_F(IdempotencyTest, ReplayWorksAfterTheSaleClosed) {
  std::vector<SeatIndex> a{seat("S-A-1")};
  auto h = engine->hold_seats(cmd("alice", "k"), a);
  ASSERT_TRUE(h);
  now = 100'000'001;
  auto again = engine->hold_seats(cmd("alice", "k"), a);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->replayed);
}

}  // namespace
}  // namespace traffic_master::engine
