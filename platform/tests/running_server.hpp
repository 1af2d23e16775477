#pragma once
// Runs a platform server on a free loopback port in a background thread for one test.
#include <thread>

#include "platform/http/server.hpp"
#include "platform/http/test_client.hpp"
#include "platform/metrics/registry.hpp"

namespace platform::testing {

class RunningServer {
 public:
  explicit RunningServer(http::Router router, http::ServerConfig config = {}) {
    config.host = "127.0.0.1";
    config.port = 0;
    if (config.threads == 0) config.threads = 2;
    config.access_log = false;
    server_ = std::make_unique<http::Server>(config, std::move(router), metrics_);
    server_->bind();
    thread_ = std::thread([this] { clean_ = server_->run(false); });
    for (int i = 0; i < 200; ++i) {
      auto r = http::testing::request(port(), "GET", "/healthz");
      if (r && r->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~RunningServer() { stop(); }

  std::uint16_t port() const { return server_->port(); }
  http::Server& server() { return *server_; }
  metrics::Registry& metrics() { return metrics_; }

  // Returns whether the server drained cleanly.
  bool stop() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
    return clean_;
  }

 private:
  metrics::Registry metrics_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  bool clean_ = false;
};

}  // namespace platform::testing
