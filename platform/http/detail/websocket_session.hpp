#pragma once
// One WebSocket connection: a reader coroutine and a writer coroutine on the connection's
// worker thread. Sends from any thread are posted to that thread and land in a byte-bounded
// SendQueue; a peer that does not drain it is disconnected, so memory stays bounded.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <atomic>

#include "platform/http/detail/send_queue.hpp"
#include "platform/http/detail/shared_state.hpp"
#include "platform/log/logger.hpp"

namespace platform::http::detail {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct OutgoingMessage {
  std::shared_ptr<const std::string> data;
  bool binary = false;
};

template <class Stream>
class WebSocketSession final : public WebSocket, public Drainable,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
 public:
  WebSocketSession(SharedState& shared, Stream&& stream, Request request, const WebSocketHandler& handler)
      : shared_(shared),
        ws_(std::move(stream)),
        request_(std::move(request)),
        handler_(handler),
        queue_(ws_.get_executor(), shared.config.ws_max_queue_bytes),
        id_(shared.next_socket_id.fetch_add(1)) {}

  void send_text(std::shared_ptr<const std::string> m) override { enqueue({std::move(m), false}); }
  void send_binary(std::shared_ptr<const std::string> m) override { enqueue({std::move(m), true}); }
  void close(std::uint16_t code, std::string reason) override {
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)] {
      self->begin_close(code, reason);
    });
  }
  const Request& request() const override { return request_; }
  std::uint64_t id() const override { return id_; }
  void drain() override { begin_close(static_cast<std::uint16_t>(websocket::close_code::going_away), "server shutting down"); }

  template <class Body>
  boost::asio::awaitable<void> run(beast::http::request<Body> upgrade) {
    auto self = this->shared_from_this();
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(10);
    // Beast pings after half the idle time and drops the peer if nothing comes back.
    timeouts.idle_timeout = std::chrono::milliseconds(2 * shared_.config.ws_ping_interval_ms);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(shared_.config.ws_max_message_bytes);
    beast::error_code ec;
    co_await ws_.async_accept(upgrade, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec) co_return;
    if (handler_.on_open) handler_.on_open(self);
    boost::asio::co_spawn(ws_.get_executor(), write_loop(), boost::asio::detached);
    beast::flat_buffer buffer;
    for (;;) {
      co_await ws_.async_read(buffer, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) break;
      if (handler_.on_message) {
        auto data = buffer.cdata();
        handler_.on_message(self, std::string_view(static_cast<const char*>(data.data()), data.size()),
                            ws_.got_binary());
      }
      buffer.consume(buffer.size());
    }
    queue_.close();
    closed_ = true;
    if (handler_.on_close) handler_.on_close(self);
  }

 private:
  void enqueue(OutgoingMessage m) {
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this(), m = std::move(m)]() mutable {
      if (self->closed_ || self->closing_) return;
      auto size = m.data->size();
      if (!self->queue_.push(std::move(m), size)) {
        // The peer is not reading. A close frame would queue behind the backlog, so cut the socket.
        log::warn("websocket.slow_consumer", {{"socket", self->id_}, {"queued_bytes", self->queue_.bytes()}});
        self->closed_ = true;
        beast::error_code ignored;
        beast::get_lowest_layer(self->ws_).socket().close(ignored);
      }
    });
  }

  void begin_close(std::uint16_t code, std::string reason) {
    if (closed_ || closing_) return;
    closing_ = true;
    close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
    queue_.close();
  }

  boost::asio::awaitable<void> write_loop() {
    auto self = this->shared_from_this();
    beast::error_code ec;
    while (auto m = co_await queue_.pop()) {
      ws_.binary(m->binary);
      co_await ws_.async_write(boost::asio::buffer(*m->data), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) co_return;
    }
    if (closing_ && !closed_) {
      co_await ws_.async_close(close_reason_, boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
  }

  SharedState& shared_;
  websocket::stream<Stream> ws_;
  Request request_;
  const WebSocketHandler& handler_;
  SendQueue<OutgoingMessage> queue_;
  std::uint64_t id_;
  bool closing_ = false;
  bool closed_ = false;
  websocket::close_reason close_reason_;
};

}  // namespace platform::http::detail
