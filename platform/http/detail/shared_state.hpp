#pragma once
// Private to the server: state shared by every worker thread. Read-only after start except the
// atomics; per-worker state (connection registry) is touched only on its worker's thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "platform/metrics/registry.hpp"

namespace platform::http::detail {

namespace asio = boost::asio;

// A live connection as its worker sees it. Both calls run on the worker thread.
class Drainable {
 public:
  virtual ~Drainable() = default;
  // The server started draining.
  virtual void drain() = 0;
  // Called by the worker's sweeper about every 100 ms. HTTP connections keep their deadlines
  // here instead of arming a timer per request, which is what made timeouts costly.
  virtual void sweep(std::chrono::steady_clock::time_point now) {}
};

struct Worker {
  asio::io_context ioc{1};
  std::unique_ptr<asio::ip::tcp::acceptor> acceptor;
  std::unordered_map<Drainable*, std::weak_ptr<Drainable>> live;  // worker thread only
};

struct SharedState {
  SharedState(ServerConfig c, Router r, metrics::Registry& m) : config(std::move(c)), router(std::move(r)), metrics(m) {}
  ServerConfig config;
  Router router;
  metrics::Registry& metrics;
  std::unique_ptr<asio::ssl::context> tls;
  std::atomic<bool> ready{false};
  std::atomic<bool> draining{false};
  std::atomic<int> connections{0};
  std::atomic<std::uint64_t> next_socket_id{1};
  std::vector<std::pair<std::string, std::function<bool()>>> readiness_checks;
  metrics::Gauge* open_connections = nullptr;
  std::unique_ptr<StaticFiles> static_files;
  std::uint64_t serial = 0;  // tells servers in one process apart in thread-local caches
};

// Registers a connection for draining and counts it; unregisters on destruction.
class ConnectionScope {
 public:
  // counted=false for a session that took over an already-counted connection (WebSocket, SSE).
  ConnectionScope(SharedState& s, Worker& w, std::shared_ptr<Drainable> d, bool counted = true);
  ~ConnectionScope();
  ConnectionScope(const ConnectionScope&) = delete;
  ConnectionScope& operator=(const ConnectionScope&) = delete;

 private:
  SharedState& shared_;
  Worker& worker_;
  Drainable* key_;
  bool counted_;
};

void start_connection(SharedState& shared, Worker& worker, asio::ip::tcp::socket socket);

}  // namespace platform::http::detail
