#pragma once
// A byte-bounded FIFO feeding one writer coroutine. Used only on its connection's worker
// thread (producers on other threads post to that thread first), so it needs no lock.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <optional>

namespace platform::http::detail {

template <class Item>
class SendQueue {
 public:
  SendQueue(boost::asio::any_io_executor ex, std::size_t max_bytes) : signal_(ex), max_bytes_(max_bytes) {
    signal_.expires_at(boost::asio::steady_timer::time_point::max());
  }

  // False when the budget would be exceeded: the consumer is too slow and must be cut off.
  bool push(Item item, std::size_t size) {
    if (closed_) return false;
    if (bytes_ + size > max_bytes_) return false;
    bytes_ += size;
    items_.emplace_back(std::move(item), size);
    signal_.cancel();
    return true;
  }

  void close() {
    closed_ = true;
    signal_.cancel();
  }
  bool closed() const { return closed_; }
  std::size_t bytes() const { return bytes_; }

  // Next item, or nullopt once closed and empty.
  boost::asio::awaitable<std::optional<Item>> pop() {
    while (items_.empty() && !closed_) {
      boost::system::error_code ec;
      signal_.expires_at(boost::asio::steady_timer::time_point::max());
      co_await signal_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
    if (items_.empty()) co_return std::nullopt;
    auto [item, size] = std::move(items_.front());
    items_.pop_front();
    bytes_ -= size;
    co_return std::optional<Item>(std::move(item));
  }

 private:
  boost::asio::steady_timer signal_;
  std::deque<std::pair<Item, std::size_t>> items_;
  std::size_t bytes_ = 0;
  std::size_t max_bytes_;
  bool closed_ = false;
};

}  // namespace platform::http::detail
