#pragma once
// Turning a parsed request into a route decision, and the bookkeeping every request gets
// (request id, metrics, access log). Private to the server.
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <optional>

#include "platform/http/detail/shared_state.hpp"

namespace platform::http::detail {

struct Dispatch {
  std::string route;                  // metrics label: the pattern, "static" or "unmatched"
  std::optional<Response> response;   // answered synchronously
  const AsyncHandler* async = nullptr;
  const StreamHandler* stream = nullptr;
  const WebSocketHandler* websocket = nullptr;
};

std::string new_request_id();
Request to_request(boost::beast::http::request<boost::beast::http::string_body>& req, const std::string& remote);
Dispatch route_request(SharedState& shared, Request& req);
boost::asio::awaitable<Response> await_async(const AsyncHandler& handler, Request& req);
void record_request(SharedState& shared, const std::string& route, const std::string& method, int status,
                    std::chrono::steady_clock::time_point started, const Request& req);

}  // namespace platform::http::detail
