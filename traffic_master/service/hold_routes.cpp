// Holds: specific seats, best available, read, release.
#include <boost/json.hpp>

#include "platform/http/json_body.hpp"
#include "traffic_master/service/api_json.hpp"
#include "traffic_master/service/route_support.hpp"
#include "traffic_master/service/ticketing_routes.hpp"

namespace traffic_master::service {
namespace json = boost::json;
using platform::http::Router;

namespace {

Response hold_response(const engine::SeatEngine& eng, const platform::Result<engine::HoldOutcome>& r) {
  if (!r) return Response::problem(r.error());
  return Response::json_text(r->replayed ? 200 : 201, hold_json(eng, r->hold_id, r->expires_at, r->replayed));
}

}  // namespace

void register_hold_routes(Router& router, std::shared_ptr<TicketingApp> app) {
  router.add_async("POST", "/api/v1/events/{id}/holds", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, true);
    if (!caller) return reply(std::move(caller.error()));
    auto body = platform::http::json_object_body(req);
    if (!body) return reply(Response::problem(body.error()));
    auto list = platform::http::array_field(*body, "seats", 64);
    if (!list) return reply(Response::problem(list.error()));
    const auto& venue = caller->event->writer->venue();
    std::vector<engine::SeatIndex> seats;
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
      const auto& v = (**list)[i];
      if (!v.is_string())
        return reply(Response::problem("invalid-field", 422, "Invalid field",
                                       "seats[" + std::to_string(i) + "]: expected a seat id string"));
      auto seat = venue.find_seat(v.as_string());
      if (!seat) return reply(Response::problem("unknown-seat", 422, "Unknown seat", std::string(v.as_string())));
      seats.push_back(*seat);
    }
    auto& clock = app->clock;
    on_writer(*caller->event, std::move(reply), [c = std::move(*caller), seats, &clock](engine::SeatEngine& eng) {
      return hold_response(eng, eng.hold_seats({c.account, c.idempotency_key, clock.now_ms()}, seats));
    });
  });

  router.add_async("POST", "/api/v1/events/{id}/holds/best-available", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, true);
    if (!caller) return reply(std::move(caller.error()));
    auto body = platform::http::json_object_body(req);
    if (!body) return reply(Response::problem(body.error()));
    auto category = platform::http::string_field(*body, "category", 64);
    if (!category) return reply(Response::problem(category.error()));
    auto count = platform::http::int_field(*body, "count", 1, 64);
    if (!count) return reply(Response::problem(count.error()));
    auto cat = caller->event->writer->venue().find_category(*category);
    if (!cat) return reply(Response::problem("unknown-category", 422, "Unknown price category", *category));
    auto& clock = app->clock;
    auto n = static_cast<std::uint32_t>(*count);
    on_writer(*caller->event, std::move(reply), [c = std::move(*caller), cat = *cat, n, &clock](engine::SeatEngine& eng) {
      return hold_response(eng, eng.hold_best({c.account, c.idempotency_key, clock.now_ms()}, cat, n));
    });
  });

  router.add_async("GET", "/api/v1/events/{id}/holds/{hold_id}", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, false);
    if (!caller) return reply(std::move(caller.error()));
    auto id = parse_id(req.param("hold_id"));
    on_writer(*caller->event, std::move(reply), [c = std::move(*caller), id](engine::SeatEngine& eng) {
      const engine::Hold* h = id ? eng.hold(*id) : nullptr;
      if (!h) return Response::problem("hold-not-found", 404, "No such hold");
      if (eng.account_name(h->account) != c.account)
        return Response::problem("hold-not-owned", 403, "The hold belongs to another account");
      return Response::json_text(200, hold_json(eng, *id, h->expires_at, false));
    });
  });

  router.add_async("DELETE", "/api/v1/events/{id}/holds/{hold_id}", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, true);
    if (!caller) return reply(std::move(caller.error()));
    auto id = parse_id(req.param("hold_id"));
    if (!id) return reply(Response::problem("hold-not-found", 404, "No such hold"));
    auto& clock = app->clock;
    on_writer(*caller->event, std::move(reply), [c = std::move(*caller), id = *id, &clock](engine::SeatEngine& eng) {
      auto r = eng.release({c.account, c.idempotency_key, clock.now_ms()}, id);
      if (!r) return Response::problem(r.error());
      return Response::json_text(200, hold_json(eng, id, eng.hold(id)->expires_at, r->replayed));
    });
  });
}

}  // namespace traffic_master::service
