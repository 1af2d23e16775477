#include "traffic_master/store/event_writer.hpp"

#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <thread>

#include "traffic_master/store/store_test_support.hpp"

namespace traffic_master::store {
namespace {

using engine::Command;
using engine::SeatIndex;

class EventWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    venue = engine::generate_arena({"a", "A", 2000, 10});
    config = testing::arena_event(*venue, 6);
    writer = make();
  }
  std::unique_ptr<EventWriter> make(EventWriter::BatchObserver on_batch = {}) {
    auto st = EventStore::open(dir.file("ev.db"));
    auto eng = testing::fresh_engine(venue, config);
    (*st)->recover(*eng, clock.now_ms());
    return std::make_unique<EventWriter>(std::move(eng), std::move(*st), clock, 10, std::move(on_batch));
  }
  // Holds one seat for alice through the writer and waits for the reply.
  void hold_one(SeatIndex seat) {
    std::promise<void> done;
    writer->submit([&](engine::SeatEngine& eng) -> std::function<void()> {
      std::vector<SeatIndex> seats{seat};
      EXPECT_TRUE(eng.hold_seats(Command{"alice", "k" + std::to_string(seat), clock.now_ms()}, seats));
      return [&] { done.set_value(); };
    });
    done.get_future().wait();
  }
  std::int64_t rows_on_disk(const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(dir.file("ev.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  testing::TempDir dir;
  platform::ManualClock clock{1'000'000};
  std::shared_ptr<const engine::Venue> venue;
  engine::EventConfig config;
  std::unique_ptr<EventWriter> writer;
};

TEST_F(EventWriterTest, RepliesOnlyAfterTheHoldIsOnDisk) {
  std::promise<std::int64_t> on_disk_at_reply;
  writer->submit([&](engine::SeatEngine& eng) -> std::function<void()> {
    std::vector<SeatIndex> seats{5, 6};
    auto h = eng.hold_seats(Command{"alice", "k", clock.now_ms()}, seats);
    EXPECT_TRUE(h);
    return [&] { on_disk_at_reply.set_value(rows_on_disk("SELECT count(*) FROM holds WHERE state=0")); };
  });
  EXPECT_EQ(on_disk_at_reply.get_future().get(), 1);
  // The seat map reflects it without going through the writer.
  auto snap = writer->snapshot();
  EXPECT_EQ(snap->status[5], 1);
  EXPECT_EQ(snap->counts.held, 2u);
}

TEST_F(EventWriterTest, ConcurrentCommandsShareCommits) {
  constexpr int kThreads = 8, kPerThread = 50;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::promise<void> done;
        writer->submit([&, t, i](engine::SeatEngine& eng) -> std::function<void()> {
          std::string account = "acct-" + std::to_string(t) + "-" + std::to_string(i);
          auto h = eng.hold_best(Command{account, "k", clock.now_ms()}, static_cast<engine::CategoryIndex>(i % 4), 1);
          if (h) ok.fetch_add(1);
          return [&] { done.set_value(); };
        });
        done.get_future().wait();
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kThreads * kPerThread);  // 400 single seats fit a 2,000-seat arena
  auto s = writer->stats();
  EXPECT_EQ(s.commands, static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_LT(s.commits, s.commands);  // group commit: fewer fsyncs than commands
  EXPECT_GT(s.max_batch, 1u);
  EXPECT_EQ(rows_on_disk("SELECT count(*) FROM holds"), kThreads * kPerThread);
}

TEST_F(EventWriterTest, SweepsExpiredHoldsWithoutTraffic) {
  hold_one(1);
  EXPECT_EQ(writer->snapshot()->counts.held, 1u);
  clock.advance(config.hold_ttl_ms);
  for (int i = 0; i < 500 && writer->snapshot()->counts.held != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the writer's own sweep period
  EXPECT_EQ(writer->snapshot()->counts.held, 0u);
  writer.reset();
  EXPECT_EQ(rows_on_disk("SELECT count(*) FROM holds WHERE state=2"), 1);
}

TEST_F(EventWriterTest, QueuedCommandsDrainOnShutdown) {
  std::atomic<int> replies{0};
  for (int i = 0; i < 20; ++i)
    writer->submit([&, i](engine::SeatEngine& eng) -> std::function<void()> {
      std::vector<SeatIndex> seats{static_cast<SeatIndex>(100 + i)};
      EXPECT_TRUE(eng.hold_seats(Command{"acct" + std::to_string(i), "k", clock.now_ms()}, seats));
      return [&] { replies.fetch_add(1); };
    });
  writer.reset();
  EXPECT_EQ(replies.load(), 20);
  writer = make();
  EXPECT_EQ(writer->snapshot()->counts.held, 20u);
}

TEST_F(EventWriterTest, AContinuationMaySubmitWhileTheWriterStops) {
  // The payment route's shape: a reply path that submits a follow-up command.
  std::atomic<bool> follow_up_ran{false};
  EventWriter* w = writer.get();  // reset() nulls the unique_ptr before the destructor runs
  w->submit([&](engine::SeatEngine&) -> std::function<void()> {
    return [&] {
      w->submit([&](engine::SeatEngine&) -> std::function<void()> {
        return [&] { follow_up_ran = true; };
      });
    };
  });
  writer.reset();
  EXPECT_TRUE(follow_up_ran.load());
}

TEST_F(EventWriterTest, ReportsEachBatchToItsObserver) {
  std::mutex m;
  std::vector<BatchReport> reports;
  writer.reset();
  writer = make([&](const BatchReport& r) {
    std::lock_guard lock(m);
    reports.push_back(r);
  });
  hold_one(7);
  std::promise<void> read;
  writer->submit([&](engine::SeatEngine&) -> std::function<void()> { return [&] { read.set_value(); }; });
  read.get_future().wait();
  writer.reset();
  std::lock_guard lock(m);
  ASSERT_EQ(reports.size(), 2u);  // sweeps without commands are not reported
  EXPECT_EQ(reports[0].commands, 1u);
  EXPECT_GT(reports[0].commit_seconds, 0.0);  // the hold was committed
  EXPECT_GE(reports[0].batch_seconds, reports[0].commit_seconds);
  EXPECT_EQ(reports[1].commit_seconds, 0.0);  // nothing changed, nothing written
}

}  // namespace
}  // namespace traffic_master::store
