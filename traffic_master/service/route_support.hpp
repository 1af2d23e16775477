#pragma once
// Helpers shared by the route files: the common checks in front of every engine command, and
// running a command on the event's writer with the reply sent once the batch is durable.
#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "platform/http/message.hpp"
#include "traffic_master/service/ticketing_app.hpp"

namespace traffic_master::service {

using platform::http::Reply;
using platform::http::Request;
using platform::http::Response;

struct Caller {
  std::string account;
  EventEntry* event = nullptr;
  std::string idempotency_key;  // empty for reads
};

// Authentication, event lookup and - for mutations - the admission hook, the idempotency key
// and the body size limit, in that order. The Response is the problem to answer with.
std::expected<Caller, Response> check_caller(const TicketingApp& app, const Request& req, bool mutation);

// "12" -> 12; anything else is not a hold/order id.
std::optional<std::uint64_t> parse_id(std::string_view text);

// Runs `fn(engine) -> Response` on the event's writer; replies after the batch commit.
// A command runs once, so the reply moves into the continuation instead of being copied.
template <class Fn>
void on_writer(EventEntry& event, Reply reply, Fn fn) {
  event.writer->submit(
      [fn = std::move(fn), reply = std::move(reply)](engine::SeatEngine& eng) mutable -> std::function<void()> {
        return [reply = std::move(reply), response = fn(eng)]() mutable { reply(std::move(response)); };
      });
}

}  // namespace traffic_master::service
