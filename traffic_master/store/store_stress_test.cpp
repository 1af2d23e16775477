// Many threads issue random holds, best-available holds, payments, confirms, releases and
// retries on one 15,000-seat event while the clock moves (so holds expire). Afterwards the
// SQLite file is checked independently, and a recovered engine must match the live one.
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <random>
#include <thread>

#include "traffic_master/store/event_writer.hpp"
#include "traffic_master/store/store_test_support.hpp"

namespace traffic_master::store {
namespace {

using engine::Command;
using engine::SeatIndex;

TEST(StoreStress, RandomLoadKeepsEveryInvariantOnDisk) {
  testing::TempDir dir;
  auto venue = engine::generate_arena({"arena", "Arena", 15'000, 20});
  constexpr std::uint32_t kLimit = 8;
  auto config = testing::arena_event(*venue, kLimit);
  platform::ManualClock clock{1'000'000};
  auto st = EventStore::open(dir.file("ev.db"));
  ASSERT_TRUE(st);
  auto writer = std::make_unique<EventWriter>(testing::fresh_engine(venue, config), std::move(*st), clock, 5);

  constexpr int kThreads = 8, kRounds = 40, kPipeline = 16, kAccounts = 300;
  std::atomic<int> holds_ok{0}, confirms_ok{0}, releases_ok{0}, replays_ok{0}, rejected{0};
  std::atomic<bool> done{false};
  std::thread ticker([&] {
    std::mt19937 rng(7);
    while (!done.load()) {
      clock.advance(500 + rng() % 1500);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1000 + t);
      struct Mine {
        std::string account;
        engine::HoldId hold;
        std::vector<SeatIndex> seats;
      };
      std::mutex mine_mutex;
      std::vector<Mine> mine;
      for (int round = 0; round < kRounds; ++round) {
        std::vector<std::future<void>> pending;
        for (int p = 0; p < kPipeline; ++p) {
          auto done_promise = std::make_shared<std::promise<void>>();
          pending.push_back(done_promise->get_future());
          std::string account = "acct-" + std::to_string(rng() % kAccounts);
          std::string key = "t" + std::to_string(t) + "-" + std::to_string(round) + "-" + std::to_string(p);
          int op = static_cast<int>(rng() % 10);
          std::optional<Mine> target;
          {
            std::lock_guard lock(mine_mutex);
            if (op >= 5 && !mine.empty()) {
              auto i = rng() % mine.size();
              target = mine[i];
              mine.erase(mine.begin() + static_cast<long>(i));
            }
          }
          auto seed = rng();
          writer->submit([&, account, key, op, target, seed, done_promise](engine::SeatEngine& eng)
                             -> std::function<void()> {
            std::mt19937 r(seed);
            auto now = clock.now_ms();
            if (!target || op < 5) {
              platform::Result<engine::HoldOutcome> h;
              if (op % 2 == 0) {
                h = eng.hold_best(Command{account, key, now}, static_cast<engine::CategoryIndex>(r() % 4),
                                  1 + r() % 4);
              } else {
                SeatIndex s = r() % 14'999;
                std::vector<SeatIndex> seats{s, s + 1};
                h = eng.hold_seats(Command{account, key, now}, seats);
              }
              if (h) {
                holds_ok.fetch_add(1);
                auto again = op % 2 == 0 ? eng.hold_best(Command{account, key, now}, 0, 0) : h;
                (void)again;
                std::lock_guard lock(mine_mutex);
                mine.push_back({account, h->hold_id, h->seats});
              } else {
                rejected.fetch_add(1);
              }
            } else if (op < 7) {
              if (eng.release(Command{target->account, key, now}, target->hold)) releases_ok.fetch_add(1);
              else rejected.fetch_add(1);
            } else {
              if (op == 9) (void)eng.begin_payment(Command{target->account, key + "-pay", now}, target->hold);
              auto o = eng.confirm(Command{target->account, key, now}, target->hold, "pay-" + key);
              if (o) {
                confirms_ok.fetch_add(1);
                auto again = eng.confirm(Command{target->account, key, now}, target->hold, "pay-" + key);
                if (again && again->replayed && again->order_id == o->order_id) replays_ok.fetch_add(1);
              } else {
                rejected.fetch_add(1);
              }
            }
            return [done_promise] { done_promise->set_value(); };
          });
        }
        for (auto& f : pending) f.wait();
      }
    });
  }
  for (auto& th : threads) th.join();
  done.store(true);
  ticker.join();
  auto live = writer->snapshot();
  auto stats = writer->stats();
  writer.reset();

  EXPECT_GT(holds_ok.load(), 1000);
  EXPECT_GT(confirms_ok.load(), 100);
  EXPECT_GT(releases_ok.load(), 50);
  EXPECT_GT(rejected.load(), 0);  // limits, taken seats and expired holds were all exercised
  EXPECT_EQ(replays_ok.load(), confirms_ok.load());
  EXPECT_LT(stats.commits, stats.commands / 2);  // group commit really grouped

  auto facts = testing::check_db_invariants(dir.file("ev.db"), venue->capacity(), kLimit, clock.now_ms());
  EXPECT_EQ(facts.orders, static_cast<std::size_t>(confirms_ok.load()));
  EXPECT_EQ(facts.sold, live->counts.sold);
  EXPECT_EQ(facts.held, live->counts.held);
  EXPECT_EQ(live->counts.free + live->counts.held + live->counts.sold, venue->capacity());

  // Recovery at the same instant rebuilds exactly the live inventory.
  auto st2 = EventStore::open(dir.file("ev.db"));
  auto eng = testing::fresh_engine(venue, config);
  (*st2)->recover(*eng, clock.now_ms());
  auto live_status = live->status.bytes();
  EXPECT_TRUE(std::equal(live_status.begin(), live_status.end(), eng->status_bytes().begin(), eng->status_bytes().end()));
  EXPECT_EQ(eng->counts().sold, live->counts.sold);
  EXPECT_EQ(eng->counts().held, live->counts.held);
}

}  // namespace
}  // namespace traffic_master::store
