// The real traffic-master binary under HTTP load is killed with SIGKILL and restarted: every
// order it acknowledged (201) must still be there, and the SQLite file must satisfy every
// inventory invariant.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "platform/http/test_client.hpp"
#include "platform/testing/local_servers.hpp"
#include "traffic_master/store/store_test_support.hpp"

namespace traffic_master::service {
namespace {

namespace http = platform::http;

pid_t start_server(const std::string& dir, int port) {
  std::string bin = std::string(std::getenv("BUILD_DIR") ? std::getenv("BUILD_DIR") : "build") + "/bin/traffic-master";
  pid_t pid = fork();
  if (pid == 0) {
    freopen((dir + "/server.log").c_str(), "a", stderr);
    freopen("/dev/null", "w", stdout);
    execl(bin.c_str(), bin.c_str(), "--port", std::to_string(port).c_str(), "--threads", "2", "--data-dir",
          (dir + "/data").c_str(), "--demo", "--demo-capacity", "3000", "--demo-account-limit", "64",
          "--gate-admission-required=false",
          "--access-log=false", "--log-level", "warn", static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 300; ++i) {
    auto r = http::testing::request(static_cast<std::uint16_t>(port), "GET", "/readyz");
    if (r && r->status == 200) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "traffic-master did not become ready";
  return pid;
}

std::string login(int port, const std::string& account) {
  auto r = http::testing::request(static_cast<std::uint16_t>(port), "POST", "/api/v1/dev/login",
                                  R"({"account_id":")" + account + "\"}", {{"content-type", "application/json"}});
  if (!r || r->status != 200) return {};
  return std::string(boost::json::parse(r->body).at("token").as_string());
}

// Kills whatever server is still running when the test ends early, and removes its files.
struct ServerGuard {
  pid_t pid = -1;
  std::string dir;
  ~ServerGuard() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }
};

TEST(ServerCrash, AcknowledgedOrdersSurviveSigkillOfTheServer) {
  std::string dir = (std::filesystem::temp_directory_path() / "tm-crash-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  ServerGuard guard{-1, dir};
  int port = platform::testing::free_port();
  pid_t pid = start_server(dir, port);
  guard.pid = pid;

  std::mutex mutex;
  std::map<std::string, std::set<std::string>> acked;  // account -> order ids answered 201
  std::atomic<bool> stop{false};
  std::atomic<int> acks{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&, t] {
      std::string account = "crash-" + std::to_string(t);
      auto token = login(port, account);
      std::vector<std::pair<std::string, std::string>> h{{"authorization", "Bearer " + token},
                                                         {"content-type", "application/json"}};
      for (int i = 0; !stop.load(); ++i) {
        auto hk = h;
        hk.emplace_back("idempotency-key", "h" + std::to_string(i));
        auto hold = http::testing::request(static_cast<std::uint16_t>(port), "POST",
                                           "/api/v1/events/demo-concert/holds/best-available",
                                           R"({"category":"P)" + std::to_string(1 + i % 4) + R"(","count":2})", hk);
        if (!hold || hold->status != 201) continue;
        auto hold_id = std::string(boost::json::parse(hold->body).at("hold_id").as_string());
        auto pk = h;
        pk.emplace_back("idempotency-key", "p" + std::to_string(i));
        auto paid = http::testing::request(static_cast<std::uint16_t>(port), "POST",
                                           "/api/v1/events/demo-concert/holds/" + hold_id + "/payment",
                                           R"({"card_number":"4242424242424242"})", pk);
        if (!paid || paid->status != 201) continue;
        std::lock_guard lock(mutex);
        acked[account].insert(std::string(boost::json::parse(paid->body).at("order_id").as_string()));
        acks.fetch_add(1);
        if (i >= 28) break;  // stays within the per-account limit of 64 seats
      }
    });
  }
  for (int i = 0; i < 500 && acks.load() < 40; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  guard.pid = -1;
  EXPECT_TRUE(WIFSIGNALED(status));
  stop.store(true);
  for (auto& c : clients) c.join();
  ASSERT_GE(acks.load(), 40);

  pid = start_server(dir, port);
  guard.pid = pid;
  std::size_t seen = 0;
  for (auto& [account, orders] : acked) {
    auto token = login(port, account);
    auto r = http::testing::request(static_cast<std::uint16_t>(port), "GET", "/api/v1/orders", "",
                                    {{"authorization", "Bearer " + token}});
    ASSERT_TRUE(r && r->status == 200);
    std::set<std::string> present;
    auto body = boost::json::parse(r->body);
    for (auto& o : body.at("orders").as_array())
      present.insert(std::string(o.at("order_id").as_string()));
    for (auto& id : orders) {
      EXPECT_TRUE(present.count(id)) << account << " lost acknowledged order " << id;
      ++seen;
    }
  }
  EXPECT_EQ(seen, static_cast<std::size_t>(acks.load()));
  kill(pid, SIGTERM);
  waitpid(pid, &status, 0);
  guard.pid = -1;
  auto facts = store::testing::check_db_invariants(dir + "/data/events/demo-concert.db", 3000, 64, 0);
  EXPECT_GE(facts.orders, static_cast<std::size_t>(acks.load()));
}

}  // namespace
}  // namespace traffic_master::service
