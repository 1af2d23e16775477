#pragma once
// The HTTP/1.1 + WebSocket server. One single-threaded io_context per worker thread, each with
// its own SO_REUSEPORT listener (the kernel spreads connections); a connection lives on one
// thread for its whole life, so per-connection state needs no locks.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/router.hpp"

namespace platform::metrics { class Registry; }

namespace platform::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int threads = 0;            // 0: one per core
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  int header_timeout_ms = 10'000;  // whole request head must arrive within this (slowloris)
  int body_timeout_ms = 30'000;
  int idle_timeout_ms = 60'000;    // keep-alive connection with no request
  int shutdown_deadline_ms = 10'000;
  std::string static_root;         // serve built front-ends from here when set
  std::string tls_cert_file;       // TLS 1.3 only when both are set
  std::string tls_key_file;
  std::size_t ws_max_queue_bytes = 1 << 20;
  int ws_ping_interval_ms = 20'000;
  std::size_t ws_max_message_bytes = 64 << 10;
  bool access_log = true;  // one JSON line per request on stderr
  std::string service_name = "service";
  std::string version = "0.1.0";
};

class Server {
 public:
  Server(ServerConfig config, Router router, metrics::Registry& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listeners (so port() is known) without serving yet.
  void bind();
  std::uint16_t port() const;

  // Serves until stop() or SIGTERM/SIGINT (when handle_signals). Drains on stop: readiness
  // 503, listeners closed, in-flight requests finished, WebSockets closed with 1001, then
  // returns. Returns false if the deadline passed with work still in flight.
  bool run(bool handle_signals = true);
  void stop();  // thread-safe

  // /readyz answers 200 only when ready and every check passes.
  void add_readiness_check(std::string name, std::function<bool()> check);
  void set_ready(bool ready);

  // Called on the server's shutdown path before connections drain (stop pushing, flush).
  void on_shutdown(std::function<void()> hook);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace platform::http
