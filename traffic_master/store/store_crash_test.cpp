// A writer process under load is killed with SIGKILL; every order it acknowledged must be on
// disk, and the recovered inventory must satisfy every invariant. Repeated over several
// restarts so recovery of a recovered file is covered too.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <future>
#include <random>
#include <thread>

#include "traffic_master/store/event_writer.hpp"
#include "traffic_master/store/store_test_support.hpp"

namespace traffic_master::store {
namespace {

using engine::Command;

[[noreturn]] void run_child(const std::string& path, std::shared_ptr<const engine::Venue> venue,
                            const engine::EventConfig& config, int ack_fd, int round) {
  platform::SystemClock clock;
  auto st = EventStore::open(path);
  if (!st) _exit(3);
  auto eng = testing::fresh_engine(venue, config);
  (*st)->recover(*eng, clock.now_ms());
  EventWriter writer(std::move(eng), std::move(*st), clock, 20);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        std::string account = "r" + std::to_string(round) + "-t" + std::to_string(t) + "-" + std::to_string(i);
        std::promise<void> done;
        writer.submit([&](engine::SeatEngine& e) -> std::function<void()> {
          auto now = clock.now_ms();
          auto h = e.hold_best(Command{account, "h", now}, static_cast<engine::CategoryIndex>(i % 4), 2);
          if (!h) return [&] { done.set_value(); };
          auto o = e.confirm(Command{account, "c", now}, h->hold_id, "pay");
          std::uint64_t id = o ? o->order_id : 0;
          return [&, id] {
            // Acknowledged: this runs only after the batch is durable.
            if (id) (void)!write(ack_fd, &id, sizeof id);
            done.set_value();
          };
        });
        done.get_future().wait();
      }
    });
  for (auto& th : threads) th.join();
  _exit(0);
}

TEST(StoreCrash, AcknowledgedOrdersSurviveSigkill) {
  testing::TempDir dir;
  auto venue = engine::generate_arena({"arena", "Arena", 15'000, 20});
  auto config = testing::arena_event(*venue, 8);
  auto path = dir.file("ev.db");
  std::set<std::uint64_t> acked;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      run_child(path, venue, config, fds[1], round);
    }
    close(fds[1]);
    std::size_t got_this_round = 0;
    std::uint64_t id;
    while (got_this_round < 150 && read(fds[0], &id, sizeof id) == sizeof id) {
      acked.insert(id);
      ++got_this_round;
    }
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    while (read(fds[0], &id, sizeof id) == sizeof id) acked.insert(id);  // acks sent before death
    close(fds[0]);

    auto facts = testing::check_db_invariants(path, venue->capacity(), 8, 0);
    for (auto a : acked) EXPECT_TRUE(facts.order_ids.count(a)) << "acknowledged order " << a << " lost";
    auto st = EventStore::open(path);
    auto eng = testing::fresh_engine(venue, config);
    (*st)->recover(*eng, platform::SystemClock().now_ms());
    EXPECT_EQ(eng->last_order_id(), facts.orders);
    EXPECT_EQ(eng->counts().sold, facts.sold);
    EXPECT_EQ(eng->counts().free + eng->counts().held + eng->counts().sold, venue->capacity());
  }
  EXPECT_GE(acked.size(), 450u);
}

}  // namespace
}  // namespace traffic_master::store
