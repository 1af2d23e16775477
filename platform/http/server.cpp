#include "platform/http/server.hpp"

#include <pthread.h>
#include <sys/resource.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <openssl/ssl.h>
#include <stdexcept>
#include <thread>

#include "platform/http/detail/shared_state.hpp"
#include "platform/log/logger.hpp"

namespace platform::http {
namespace asio = boost::asio;
using asio::ip::tcp;
using detail::SharedState;
using detail::Worker;

namespace {
std::atomic<std::uint64_t> g_server_serial{1};

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

asio::awaitable<void> accept_loop(SharedState& shared, Worker& worker) {
  for (;;) {
    auto [ec, socket] = co_await worker.acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (!worker.acceptor->is_open() || shared.draining.load()) co_return;
      // Out of descriptors or memory: back off briefly instead of spinning on accept.
      asio::steady_timer pause(worker.ioc, std::chrono::milliseconds(20));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    detail::start_connection(shared, worker, std::move(socket));
  }
}

// Enforces every connection's deadlines on this worker (see Drainable::sweep).
asio::awaitable<void> sweep_loop(SharedState& shared, Worker& worker) {
  asio::steady_timer timer(worker.ioc);
  while (!shared.draining.load() || !worker.live.empty()) {
    timer.expires_after(std::chrono::milliseconds(100));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    auto now = std::chrono::steady_clock::now();
    for (auto& [key, weak] : worker.live)
      if (auto conn = weak.lock()) conn->sweep(now);
  }
}

void raise_descriptor_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

struct Server::Impl {
  Impl(ServerConfig config, Router router, metrics::Registry& metrics)
      : shared(std::move(config), std::move(router), metrics) {}
  SharedState shared;
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<std::function<void()>> shutdown_hooks;
  asio::io_context control{1};
  std::uint16_t bound_port = 0;
  bool bound = false;
};

Server::Server(ServerConfig config, Router router, metrics::Registry& metrics) {
  router.get("/healthz", [](Request&) { return Response::text(200, "ok"); });
  auto* self = this;
  router.get("/readyz", [self](Request&) {
    auto& s = self->impl_->shared;
    boost::json::object checks;
    bool ok = s.ready.load() && !s.draining.load();
    for (auto& [name, check] : s.readiness_checks) {
      bool pass = check();
      checks[name] = pass ? "ok" : "failing";
      ok = ok && pass;
    }
    boost::json::object body{{"status", ok ? "ready" : (s.draining.load() ? "draining" : "not-ready")}, {"checks", checks}};
    return Response::json(ok ? 200 : 503, body);
  });
  router.get("/metrics", [&metrics](Request&) {
    return Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  impl_ = std::make_unique<Impl>(std::move(config), std::move(router), metrics);
  auto& s = impl_->shared;
  s.serial = g_server_serial.fetch_add(1);
  s.open_connections = &metrics.gauge("http_open_connections", "Open client connections");
  metrics.gauge("build_info", "Build information", {{"service", s.config.service_name}, {"version", s.config.version}})
      .set(1);
  if (!s.config.static_root.empty()) s.static_files = std::make_unique<StaticFiles>(s.config.static_root);
  if (!s.config.tls_cert_file.empty() || !s.config.tls_key_file.empty()) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    // TLS 1.3 only: older versions are refused during the handshake.
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_3_VERSION);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression);
    ctx->use_certificate_chain_file(s.config.tls_cert_file);
    ctx->use_private_key_file(s.config.tls_key_file, asio::ssl::context::pem);
    s.tls = std::move(ctx);
  }
}

Server::~Server() {
  for (auto& w : impl_->workers) w->ioc.stop();
}

void Server::bind() {
  if (impl_->bound) return;
  raise_descriptor_limit();
  auto& s = impl_->shared;
  int n = s.config.threads > 0 ? s.config.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto address = asio::ip::make_address(s.config.host);
  std::uint16_t port = s.config.port;
  for (int i = 0; i < n; ++i) {
    auto w = std::make_unique<Worker>();
    w->acceptor = std::make_unique<tcp::acceptor>(w->ioc);
    tcp::endpoint ep(address, port);
    w->acceptor->open(ep.protocol());
    w->acceptor->set_option(asio::socket_base::reuse_address(true));
    w->acceptor->set_option(ReusePort(true));
    w->acceptor->bind(ep);
    w->acceptor->listen(4096);
    port = w->acceptor->local_endpoint().port();  // port 0: every worker binds the port the first got
    impl_->workers.push_back(std::move(w));
  }
  impl_->bound_port = port;
  impl_->bound = true;
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::add_readiness_check(std::string name, std::function<bool()> check) {
  impl_->shared.readiness_checks.emplace_back(std::move(name), std::move(check));
}

void Server::set_ready(bool ready) { impl_->shared.ready.store(ready); }

void Server::on_shutdown(std::function<void()> hook) { impl_->shutdown_hooks.push_back(std::move(hook)); }

void Server::stop() {
  asio::post(impl_->control, [this] { impl_->control.stop(); });
}

bool Server::run(bool handle_signals) {
  bind();
  auto& s = impl_->shared;
  for (auto& w : impl_->workers) {
    asio::co_spawn(w->ioc, accept_loop(s, *w), asio::detached);
    asio::co_spawn(w->ioc, sweep_loop(s, *w), asio::detached);
  }
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < impl_->workers.size(); ++i)
    threads.emplace_back([&ioc = impl_->workers[i]->ioc, i] {
      // Named so `top -H` and profiles tell the I/O workers from the product's own threads.
      pthread_setname_np(pthread_self(), ("http-io-" + std::to_string(i)).c_str());
      auto guard = asio::make_work_guard(ioc);
      ioc.run();
    });
  s.ready.store(true);
  log::info("server.started", {{"port", impl_->bound_port}, {"threads", impl_->workers.size()}, {"tls", s.tls != nullptr}});

  std::unique_ptr<asio::signal_set> signals;
  if (handle_signals) {
    signals = std::make_unique<asio::signal_set>(impl_->control, SIGINT, SIGTERM);
    signals->async_wait([this](const boost::system::error_code& ec, int sig) {
      if (!ec) log::info("server.signal", {{"signal", sig}});
      impl_->control.stop();
    });
  }
  {
    auto guard = asio::make_work_guard(impl_->control);
    impl_->control.run();
  }

  // Drain: readiness fails first so a load balancer stops sending, then nothing new is accepted.
  s.draining.store(true);
  s.ready.store(false);
  for (auto& hook : impl_->shutdown_hooks) hook();
  for (auto& w : impl_->workers)
    asio::post(w->ioc, [&w = *w] {
      boost::system::error_code ignored;
      w.acceptor->close(ignored);
      auto live = w.live;  // drain() may end a connection and erase it from the map
      for (auto& [key, weak] : live)
        if (auto conn = weak.lock()) conn->drain();
    });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(s.config.shutdown_deadline_ms);
  while (s.connections.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  bool clean = s.connections.load() == 0;
  for (auto& w : impl_->workers) w->ioc.stop();
  for (auto& t : threads) t.join();
  log::info("server.stopped", {{"clean", clean}, {"open_connections", s.connections.load()}});
  return clean;
}

}  // namespace platform::http
