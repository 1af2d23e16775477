#pragma once
// A server-push response (SSE): headers, then chunks as producers write them, close-delimited
// (no chunked encoding, which every SSE client accepts). Producers on any thread post into a
// byte-bounded SendQueue on the connection's worker thread; a comment line is sent every 15 s
// so a vanished client is noticed by a failing write.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <atomic>

#include "platform/http/detail/send_queue.hpp"
#include "platform/http/detail/shared_state.hpp"

namespace platform::http::detail {
namespace beast = boost::beast;

template <class AsyncStream>
class StreamSession final : public Stream, public Drainable,
                            public std::enable_shared_from_this<StreamSession<AsyncStream>> {
 public:
  StreamSession(SharedState& shared, AsyncStream& stream)
      : stream_(stream), queue_(stream.get_executor(), shared.config.ws_max_queue_bytes) {}

  bool write(std::string chunk) override {
    if (closed_.load()) return false;
    boost::asio::post(stream_.get_executor(), [self = this->shared_from_this(), c = std::move(chunk)]() mutable {
      auto size = c.size();
      if (!self->queue_.push(std::move(c), size)) self->close_now();
    });
    return true;
  }
  void end() override {
    boost::asio::post(stream_.get_executor(), [self = this->shared_from_this()] { self->queue_.close(); });
  }
  bool closed() const override { return closed_.load(); }
  void drain() override { queue_.close(); }

  // Sends queued chunks until end(), drain or a failed write.
  boost::asio::awaitable<void> run() {
    auto self = this->shared_from_this();
    beast::error_code ec;
    boost::asio::co_spawn(stream_.get_executor(), heartbeat(), boost::asio::detached);
    while (auto chunk = co_await queue_.pop()) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
      co_await boost::asio::async_write(stream_, boost::asio::buffer(*chunk),
                                        boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) break;
    }
    closed_ = true;
    queue_.close();
  }

 private:
  void close_now() {
    closed_ = true;
    queue_.close();
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().close(ignored);
  }

  boost::asio::awaitable<void> heartbeat() {
    auto self = this->shared_from_this();
    boost::asio::steady_timer timer(stream_.get_executor());
    while (!closed_.load() && !queue_.closed()) {
      timer.expires_after(std::chrono::seconds(15));
      beast::error_code ec;
      co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (closed_.load() || queue_.closed()) break;
      queue_.push(": keep-alive\n\n", 14);
    }
  }

  AsyncStream& stream_;
  SendQueue<std::string> queue_;
  std::atomic<bool> closed_{false};
};

}  // namespace platform::http::detail
