// The HTTP/1.1 connection loop: timeouts against slow clients, request limits, dispatch to the
// router, async replies, and hand-over to WebSocket and streaming sessions.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <array>
#include <chrono>

#include "platform/crypto/primitives.hpp"
#include "platform/http/detail/request_dispatch.hpp"
#include "platform/http/detail/shared_state.hpp"
#include "platform/http/detail/stream_session.hpp"
#include "platform/http/detail/websocket_session.hpp"
#include "platform/log/logger.hpp"

namespace platform::http::detail {
namespace beast = boost::beast;
namespace bhttp = beast::http;
using boost::asio::use_awaitable;
using boost::asio::redirect_error;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

ConnectionScope::ConnectionScope(SharedState& s, Worker& w, std::shared_ptr<Drainable> d, bool counted)
    : shared_(s), worker_(w), key_(d.get()), counted_(counted) {
  worker_.live.emplace(key_, d);
  if (!counted_) return;
  shared_.open_connections->add(1);
  shared_.connections.fetch_add(1);
}

ConnectionScope::~ConnectionScope() {
  worker_.live.erase(key_);
  if (!counted_) return;
  shared_.open_connections->add(-1);
  shared_.connections.fetch_sub(1);
}

namespace {

using Clock = std::chrono::steady_clock;

// An HTTP connection's drain and deadline behaviour: close at once when idle on drain, else
// after the response; close when the current phase (idle, head, body, write) overruns.
struct HttpControl final : Drainable {
  std::function<void()> close_socket;
  bool idle = true;
  bool http10 = false;  // the current request is HTTP/1.0: keep-alive must be announced
  // Set while the connection waits for its next request with an empty read buffer. The sweeper
  // frees that buffer then: idle connections hold no buffer, busy ones keep theirs between
  // requests instead of freeing and reallocating it every time.
  beast::flat_buffer* waiting_buffer = nullptr;
  Clock::time_point deadline = Clock::time_point::max();
  void drain() override {
    if (idle && close_socket) close_socket();
  }
  void sweep(Clock::time_point now) override {
    if (waiting_buffer && waiting_buffer->size() == 0 && waiting_buffer->capacity() > 0) waiting_buffer->shrink_to_fit();
    if (now >= deadline && close_socket) {
      deadline = Clock::time_point::max();
      close_socket();
    }
  }
  void expire_in(int ms) { deadline = Clock::now() + std::chrono::milliseconds(ms); }
};

// Header text from product code must never split the response: CR and LF become spaces.
void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (char c : value) out += (c == '\r' || c == '\n') ? ' ' : c;
  out += "\r\n";
}

// Serialises the response head by hand into one buffer: on small responses Beast's generic
// serializer cost more than everything else on the request path.
template <class Stream>
boost::asio::awaitable<void> write_response(Stream& stream, HttpControl& control, const Request& req, Response& res,
                                            bool keep_alive, beast::error_code& ec) {
  if (res.content_type == "application/problem+json" && !req.request_id.empty() && !res.body.empty() &&
      res.body.back() == '}') {
    // Request ids are restricted to [A-Za-z0-9._:-], so they need no JSON escaping.
    res.body.pop_back();
    res.body += ",\"request_id\":\"" + req.request_id + "\"}";
  }
  std::string head;
  head.reserve(160 + req.request_id.size() + res.content_type.size());
  head += "HTTP/1.1 ";
  head += std::to_string(res.status);
  head += ' ';
  head += bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
  head += "\r\n";
  if (!res.content_type.empty()) append_header(head, "Content-Type", res.content_type);
  if (!req.request_id.empty()) append_header(head, "X-Request-Id", req.request_id);
  for (auto& [k, v] : res.headers) append_header(head, k, v);
  bool body_allowed = res.status != 204 && res.status != 304 && !(res.status >= 100 && res.status < 200);
  if (body_allowed) append_header(head, "Content-Length", std::to_string(res.body.size()));
  if (!keep_alive) head += "Connection: close\r\n";
  else if (control.http10) head += "Connection: keep-alive\r\n";
  head += "\r\n";
  control.expire_in(30'000);
  if (req.method == "HEAD" || !body_allowed || res.body.empty()) {
    co_await boost::asio::async_write(stream, boost::asio::buffer(head), redirect_error(use_awaitable, ec));
  } else {
    std::array<boost::asio::const_buffer, 2> parts{boost::asio::buffer(head), boost::asio::buffer(res.body)};
    co_await boost::asio::async_write(stream, parts, redirect_error(use_awaitable, ec));
  }
}

// Waits for the first byte of the next request without holding a read buffer, so an idle
// keep-alive connection costs only its socket and this coroutine frame. The idle deadline is
// enforced by the sweeper.
boost::asio::awaitable<bool> wait_readable(PlainStream& stream) {
  beast::error_code ec;
  co_await stream.socket().async_wait(boost::asio::ip::tcp::socket::wait_read, redirect_error(use_awaitable, ec));
  co_return !ec;
}

boost::asio::awaitable<bool> wait_readable(TlsStream&) {
  // TLS may hold decrypted bytes inside OpenSSL; the read itself carries the idle deadline.
  co_return true;
}

template <class Stream>
boost::asio::awaitable<void> serve_http(SharedState& shared, Worker& worker, Stream& stream, std::string remote) {
  auto control = std::make_shared<HttpControl>();
  control->close_socket = [&stream] {
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream).socket().close(ignored);
  };
  ConnectionScope scope(shared, worker, control);
  const auto& cfg = shared.config;
  beast::flat_buffer buffer(cfg.max_header_bytes + 4096);
  beast::error_code ec;

  for (;;) {
    control->idle = true;
    if (shared.draining.load()) break;
    if (buffer.size() == 0) {
      control->expire_in(cfg.idle_timeout_ms);
      control->waiting_buffer = &buffer;
      bool readable = co_await wait_readable(stream);
      control->waiting_buffer = nullptr;
      if (!readable) break;
    }
    control->idle = false;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    parser.body_limit(cfg.max_body_bytes);
    // Over TLS an empty buffer means this read is also the idle wait, so it keeps the idle deadline.
    if (buffer.size() > 0 || !std::is_same_v<Stream, TlsStream>) control->expire_in(cfg.header_timeout_ms);
    co_await bhttp::async_read_header(stream, buffer, parser, redirect_error(use_awaitable, ec));
    Request fallback;  // answers for requests too broken to parse get a fresh id
    if (ec && ec != bhttp::error::end_of_stream) fallback.request_id = new_request_id();
    if (ec == bhttp::error::header_limit) {
      auto res = Response::problem("header-too-large", 431, "Request header fields too large");
      co_await write_response(stream, *control, fallback, res, false, ec);
      break;
    }
    if (ec == bhttp::error::body_limit) {  // a declared Content-Length over the limit fails here
      auto res = Response::problem("body-too-large", 413, "Request body too large",
                                   "limit is " + std::to_string(cfg.max_body_bytes) + " bytes");
      co_await write_response(stream, *control, fallback, res, false, ec);
      break;
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == boost::asio::error::eof ||
        ec == boost::asio::error::operation_aborted || ec == boost::asio::error::connection_reset ||
        ec == boost::asio::error::bad_descriptor)
      break;
    if (ec) {
      auto res = Response::problem("bad-request", 400, "Malformed HTTP request", ec.message());
      co_await write_response(stream, *control, fallback, res, false, ec);
      break;
    }
    if (!parser.is_done() && buffer.size() > 0) {
      // The body usually arrives with the header: parse what is buffered in place instead of
      // starting another read operation (the async read costs more than a small body's parse).
      parser.eager(true);
      buffer.consume(parser.put(buffer.data(), ec));
      if (ec == bhttp::error::need_more) ec = {};
    }
    if (!ec && !parser.is_done()) {
      fallback.request_id = new_request_id();
      control->expire_in(cfg.body_timeout_ms);
      co_await bhttp::async_read(stream, buffer, parser, redirect_error(use_awaitable, ec));
    }
    if (ec) {
      if (fallback.request_id.empty()) fallback.request_id = new_request_id();
      if (ec == bhttp::error::body_limit) {
        auto res = Response::problem("body-too-large", 413, "Request body too large",
                                     "limit is " + std::to_string(cfg.max_body_bytes) + " bytes");
        co_await write_response(stream, *control, fallback, res, false, ec);
        break;
      }
      if (ec) break;
    }
    // The request is in; a handler may take as long as it needs (writes get their own deadline).
    control->deadline = Clock::time_point::max();
    auto started = std::chrono::steady_clock::now();
    auto beast_req = parser.release();
    bool keep_alive = beast_req.keep_alive();
    control->http10 = beast_req.version() == 10;
    Request req = to_request(beast_req, remote);
    Dispatch d = route_request(shared, req);

    if (d.websocket) {
      if (!beast::websocket::is_upgrade(beast_req)) {
        d.response = Response::problem("upgrade-required", 426, "This endpoint speaks WebSocket only");
        d.response->with_header("Upgrade", "websocket");
      } else {
        // The stream moves into the session, which keeps its own timeouts: the HTTP deadline
        // and socket closer must never touch the moved-from stream again.
        control->deadline = Clock::time_point::max();
        control->close_socket = nullptr;
        auto session = std::make_shared<WebSocketSession<Stream>>(shared, std::move(stream), std::move(req), *d.websocket);
        record_request(shared, d.route, "GET", 101, started, session->request());
        ConnectionScope ws_scope(shared, worker, session, false);
        co_await session->run(std::move(beast_req));
        co_return;
      }
    } else if (d.stream) {
      std::string head = "HTTP/1.1 200 OK\r\nContent-Type: " + d.stream->content_type +
                         "\r\nCache-Control: no-cache\r\nConnection: close\r\nX-Accel-Buffering: no\r\nX-Request-Id: " +
                         req.request_id + "\r\n\r\n";
      control->expire_in(10'000);
      co_await boost::asio::async_write(stream, boost::asio::buffer(head), redirect_error(use_awaitable, ec));
      if (ec) break;
      control->deadline = Clock::time_point::max();  // the stream session bounds its own writes
      record_request(shared, d.route, "GET", 200, started, req);
      auto session = std::make_shared<StreamSession<Stream>>(shared, stream);
      ConnectionScope stream_scope(shared, worker, session, false);
      d.stream->on_open(req, session);
      co_await session->run();
      break;
    } else if (d.async) {
      d.response = co_await await_async(*d.async, req);
    }

    auto& res = *d.response;
    int status = res.status;
    bool keep = keep_alive && !shared.draining.load() && status != 400;
    // Counted before the answer leaves: a client that has its answer must find it in /metrics
    // (counted after the write, a quick next request on another thread could read the count
    // before it was added).
    record_request(shared, d.route, req.method, status, started, req);
    co_await write_response(stream, *control, req, res, keep, ec);
    if (ec || !keep) break;
  }
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
}

boost::asio::awaitable<void> serve_plain(SharedState& shared, Worker& worker, boost::asio::ip::tcp::socket socket) {
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  std::string remote = ec ? std::string() : ep.address().to_string();
  PlainStream stream(std::move(socket));
  co_await serve_http(shared, worker, stream, std::move(remote));
}

boost::asio::awaitable<void> serve_tls(SharedState& shared, Worker& worker, boost::asio::ip::tcp::socket socket) {
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  std::string remote = ec ? std::string() : ep.address().to_string();
  TlsStream stream(PlainStream(std::move(socket)), *shared.tls);
  beast::get_lowest_layer(stream).expires_after(std::chrono::milliseconds(shared.config.header_timeout_ms));
  co_await stream.async_handshake(boost::asio::ssl::stream_base::server, redirect_error(use_awaitable, ec));
  if (ec) {
    log::debug("tls.handshake_failed", {{"remote", remote}, {"error", ec.message()}});
    co_return;
  }
  beast::get_lowest_layer(stream).expires_never();  // from here the sweeper keeps the deadlines
  co_await serve_http(shared, worker, stream, std::move(remote));
}

}  // namespace

void start_connection(SharedState& shared, Worker& worker, boost::asio::ip::tcp::socket socket) {
  beast::error_code ignored;
  socket.set_option(boost::asio::ip::tcp::no_delay(true), ignored);
  if (shared.tls)
    boost::asio::co_spawn(worker.ioc, serve_tls(shared, worker, std::move(socket)), boost::asio::detached);
  else
    boost::asio::co_spawn(worker.ioc, serve_plain(shared, worker, std::move(socket)), boost::asio::detached);
}

}  // namespace platform::http::detail
