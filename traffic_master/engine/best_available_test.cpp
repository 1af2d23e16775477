#include "traffic_master/engine/best_available.hpp"

#include <gtest/gtest.h>

#include <random>

#include "traffic_master/engine/arena_generator.hpp"
#include "traffic_master/engine/engine_test_support.hpp"

namespace traffic_master::engine {
namespace {

class BestAvailableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    venue = testing::small_venue();
    engine = testing::make_engine(venue, testing::small_event(*venue, 20));
  }
  Command cmd(std::string_view account, std::string_view key) { return Command{account, key, 2'000'000}; }
  SeatIndex seat(std::string_view id) { return *venue->find_seat(id); }
  std::vector<std::string> ids(const std::vector<SeatIndex>& seats) {
    std::vector<std::string> out;
    for (auto s : seats) out.push_back(venue->seats()[s].id);
    return out;
  }
  void take(std::string account, std::vector<std::string> seat_ids) {
    std::vector<SeatIndex> seats;
    for (auto& id : seat_ids) seats.push_back(seat(id));
    ASSERT_TRUE(engine->hold_seats(cmd(account, "take-" + seat_ids.front()), seats));
  }
  std::shared_ptr<const Venue> venue;
  std::unique_ptr<SeatEngine> engine;
};

TEST_F(BestAvailableTest, PicksTheCentreOfTheFrontRow) {
  auto h = engine->hold_best(cmd("alice", "k"), 0, 2);
  ASSERT_TRUE(h);
  // Row A has x = -5..4; the two seats nearest the stage are x = -1 and 0 -> seats 5 and 6.
  EXPECT_EQ(ids(h->seats), (std::vector<std::string>{"S-A-5", "S-A-6"}));
  EXPECT_FALSE(h->orphan_rule_relaxed);
}

TEST_F(BestAvailableTest, SeatsAreAdjacentInOneRowAndInTheCategory) {
  auto h = engine->hold_best(cmd("alice", "k"), 1, 4);
  ASSERT_TRUE(h);
  EXPECT_EQ(ids(h->seats), (std::vector<std::string>{"S-C-4", "S-C-5", "S-C-6", "S-C-7"}));
}

TEST_F(BestAvailableTest, NeverLeavesASingleOrphanSeat) {
  // Row A: seats 1..3 free, the rest taken. Two seats there would strand one seat.
  take("bob", {"S-A-4", "S-A-5", "S-A-6", "S-A-7", "S-A-8", "S-A-9", "S-A-10"});
  auto h = engine->hold_best(cmd("alice", "k"), 0, 2);
  ASSERT_TRUE(h);
  EXPECT_EQ(venue->seats()[h->seats[0]].row, 1u);  // row B instead
  EXPECT_FALSE(h->orphan_rule_relaxed);
  // Three seats fit row A exactly, leaving nothing behind.
  auto three = engine->hold_best(cmd("carol", "k"), 0, 3);
  ASSERT_TRUE(three);
  EXPECT_EQ(ids(three->seats), (std::vector<std::string>{"S-A-1", "S-A-2", "S-A-3"}));
}

TEST_F(BestAvailableTest, RelaxesTheOrphanRuleOnlyWhenNothingElseFitsAndSaysSo) {
  take("bob", {"S-A-4", "S-A-5", "S-A-6", "S-A-7", "S-A-8", "S-A-9", "S-A-10"});
  take("dave", {"S-B-1", "S-B-2", "S-B-3", "S-B-4", "S-B-5", "S-B-6", "S-B-7", "S-B-8", "S-B-9", "S-B-10"});
  auto h = engine->hold_best(cmd("alice", "k"), 0, 2);
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->orphan_rule_relaxed);
  EXPECT_EQ(venue->seats()[h->seats[0]].row, 0u);
  auto none = engine->hold_best(cmd("erin", "k"), 0, 2);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "no-adjacent-seats");
}

TEST_F(BestAvailableTest, AislesBreakAdjacency) {
  auto v = venue_from_json(R"({"format":"traffic-master/venue@1","id":"g","name":"G","stage":{"x":0,"y":0},
    "categories":["P1"],"sections":[{"id":"S","name":"S","rows":[{"label":"A","seats":[
      {"number":"1","x":-1,"y":1,"category":"P1"},{"number":"2","x":0,"y":1,"category":"P1"},
      {"number":"3","x":1,"y":1,"category":"P1","gap_before":true},{"number":"4","x":2,"y":1,"category":"P1"}]}]}]})");
  ASSERT_TRUE(v);
  auto eng = testing::make_engine(*v, testing::small_event(**v));
  auto three = eng->hold_best(cmd("alice", "k"), 0, 3);
  EXPECT_EQ(three.error().code, "no-adjacent-seats");
  auto two = eng->hold_best(cmd("alice", "k"), 0, 2);
  ASSERT_TRUE(two);
  EXPECT_EQ(eng->venue().seats()[two->seats[0]].number, "1");
}

TEST_F(BestAvailableTest, FillsAWholeCategoryWithoutDoubleBooking) {
  // 20 seats in P1; pairs from many accounts fill it completely.
  int held = 0;
  for (int i = 0; i < 10; ++i) {
    auto h = engine->hold_best(cmd("acct" + std::to_string(i), "k"), 0, 2);
    ASSERT_TRUE(h) << i << " " << h.error().code;
    held += 2;
  }
  EXPECT_EQ(held, 20);
  for (int r = 0; r < 2; ++r)
    for (auto s : venue->sections()[0].rows[r].seats) EXPECT_EQ(engine->status(s), SeatStatus::held);
}

TEST(FreeBlockMask, RecordsTheLengthOfEveryFreeBlock) {
  std::vector<SeatIndex> run{0, 1, 2, 3, 4, 5};
  std::vector<std::uint8_t> status{0, 0, 1, 0, 2, 0};
  EXPECT_EQ(free_block_mask(run, status), (std::uint64_t{1} << 2) | (std::uint64_t{1} << 1));
  std::vector<std::uint8_t> full(6, 1);
  EXPECT_EQ(free_block_mask(run, full), 0u);
  std::vector<SeatIndex> long_run(70);
  for (SeatIndex i = 0; i < 70; ++i) long_run[i] = i;
  std::vector<std::uint8_t> free70(70, 0);
  EXPECT_EQ(free_block_mask(long_run, free70), std::uint64_t{1} << 63);
}

TEST_F(BestAvailableTest, ReleasedFrontSeatsAreOfferedAgain) {
  // Fill the whole P1 category (rows A and B), so the search skips its front runs ...
  std::vector<HoldId> holds;
  for (int i = 0; i < 10; ++i) {
    auto h = engine->hold_best(cmd("acct" + std::to_string(i), "k"), 0, 2);
    ASSERT_TRUE(h);
    holds.push_back(h->hold_id);
  }
  EXPECT_EQ(engine->hold_best(cmd("late", "k"), 0, 2).error().code, "no-adjacent-seats");
  // ... then a front-row pair comes back and must be found again.
  auto first_row_hold = holds.front();
  auto seats = engine->hold_seats_of(first_row_hold);
  std::vector<SeatIndex> freed(seats.begin(), seats.end());
  ASSERT_TRUE(engine->release(cmd("acct0", "r"), first_row_hold));
  auto again = engine->hold_best(cmd("late", "k2"), 0, 2);
  ASSERT_TRUE(again) << again.error().code;
  EXPECT_EQ(again->seats, freed);
}

// The engine's cursors skip runs; a plain scan from the first run on the same seat statuses
// must choose exactly the same seats, through thousands of random holds and releases.
TEST(BestAvailableCursors, ChooseWhatAFullScanChooses) {
  auto venue = generate_arena({"arena", "Arena", 3'000, 6});
  auto config = testing::small_event(*venue, 64);
  auto engine = testing::make_engine(venue, config);
  SeatRuns runs(*venue);
  std::mt19937 rng(7);
  std::vector<std::pair<HoldId, std::string>> live;
  int chosen = 0, relaxed = 0;
  for (int i = 0; i < 6'000; ++i) {
    std::string account = "acct" + std::to_string(i % 500), key = "k" + std::to_string(i);
    Command c{account, key, 2'000'000};
    if (!live.empty() && rng() % 3 == 0) {
      auto pick = rng() % live.size();
      ASSERT_TRUE(engine->release(Command{live[pick].second, key, 2'000'000}, live[pick].first));
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(pick));
      continue;
    }
    auto category = static_cast<CategoryIndex>(rng() % venue->categories().size());
    auto count = 1 + rng() % 5;
    std::vector<std::uint64_t> blocks(runs.runs().size());
    for (std::uint32_t r = 0; r < blocks.size(); ++r) blocks[r] = free_block_mask(runs.run_seats(r), engine->status_bytes());
    auto expected = choose_best(runs, *venue, category, count, engine->status_bytes(), blocks, 0, 0);
    auto got = engine->hold_best(c, category, count);
    ASSERT_EQ(expected.has_value(), got.has_value()) << i;
    if (!got) continue;
    EXPECT_EQ(got->seats, expected->seats) << i;
    EXPECT_EQ(got->orphan_rule_relaxed, expected->orphan_rule_relaxed) << i;
    live.emplace_back(got->hold_id, account);
    ++chosen;
    relaxed += got->orphan_rule_relaxed;
  }
  EXPECT_GT(chosen, 2'000);
  EXPECT_GT(relaxed, 0);  // the venue ran full enough for the relaxed pass to matter
}

}  // namespace
}  // namespace traffic_master::engine
