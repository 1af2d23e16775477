// Events, venues, the seat map, the live seat stream, and the dev login.
#include <boost/json.hpp>

#include "platform/http/json_body.hpp"
#include "traffic_master/service/api_json.hpp"
#include "traffic_master/service/route_support.hpp"
#include "traffic_master/service/ticketing_routes.hpp"

namespace traffic_master::service {
namespace json = boost::json;
using platform::http::Router;

void register_account_routes(Router& router, std::shared_ptr<TicketingApp> app) {
  // Development accounts: any well-formed account id gets a signed token. The waiting room
  // and the bot shield sit in front of the endpoints that matter.
  router.post("/api/v1/dev/login", [app](Request& req) {
    auto body = platform::http::json_object_body(req);
    if (!body) return Response::problem(body.error());
    auto account = platform::http::string_field(*body, "account_id", 64);
    if (!account) return Response::problem(account.error());
    for (char c : *account)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
        return Response::problem("invalid-field", 422, "Invalid field", "account_id: letters, digits, '-' and '_'");
    auto now = app->clock.now_ms();
    auto token = app->tokens.sign(json::object{{"sub", *account}}, now, app->token_ttl_ms);
    return Response::json(200, json::object{{"token", token},
                                            {"account_id", *account},
                                            {"expires_at", now + app->token_ttl_ms}});
  });
}

void register_event_routes(Router& router, std::shared_ptr<TicketingApp> app) {
  router.get("/api/v1/events", [app](Request&) {
    json::array events;
    for (auto& [id, e] : app->catalog->events()) events.emplace_back(event_json(*e, app->clock.now_ms()));
    return Response::json(200, json::object{{"events", std::move(events)}});
  });

  router.get("/api/v1/events/{id}", [app](Request& req) {
    auto* e = app->catalog->find(req.param("id"));
    if (!e) return Response::problem("event-not-found", 404, "No such event", std::string(req.param("id")));
    return Response::json(200, event_json(*e, app->clock.now_ms()));
  });

  router.get("/api/v1/venues/{id}", [app](Request& req) {
    for (auto& [id, e] : app->catalog->events())
      if (e->writer->venue().id() == req.param("id"))
        return Response::text(200, e->venue_json, "application/json").with_header("cache-control", "max-age=300");
    return Response::problem("venue-not-found", 404, "No such venue", std::string(req.param("id")));
  });

  // The seat map status. Never waits for the writer: it reads the last published snapshot.
  router.get("/api/v1/events/{id}/seats", [app](Request& req) {
    auto* e = app->catalog->find(req.param("id"));
    if (!e) return Response::problem("event-not-found", 404, "No such event", std::string(req.param("id")));
    auto snap = e->writer->snapshot();
    std::string status(snap->status.size(), '0');
    for (std::size_t i = 0; i < status.size(); ++i) status[i] = static_cast<char>('0' + snap->status[i]);
    return Response::json(200, json::object{{"event_id", e->id},
                                            {"venue_id", e->writer->venue().id()},
                                            {"version", snap->version},
                                            {"seats_free", snap->counts.free},
                                            {"seats_held", snap->counts.held},
                                            {"seats_sold", snap->counts.sold},
                                            {"status", std::move(status)}});
  });

  platform::http::WebSocketHandler ws;
  ws.authorize = [app](Request& req) -> std::optional<Response> {
    if (!app->catalog->find(req.param("id")))
      return Response::problem("event-not-found", 404, "No such event", std::string(req.param("id")));
    return std::nullopt;
  };
  ws.on_open = [app](const std::shared_ptr<platform::http::WebSocket>& socket) {
    auto it = app->hubs.find(socket->request().param("id"));
    if (it != app->hubs.end()) it->second->subscribe(socket);
  };
  ws.on_message = [app](const std::shared_ptr<platform::http::WebSocket>& socket, std::string_view data, bool binary) {
    if (binary || data != "resync") {
      socket->close(1003, "only the text message \"resync\" is understood");
      return;
    }
    auto it = app->hubs.find(socket->request().param("id"));
    if (it != app->hubs.end()) it->second->resync(socket);
  };
  ws.on_close = [app](const std::shared_ptr<platform::http::WebSocket>& socket) {
    auto it = app->hubs.find(socket->request().param("id"));
    if (it != app->hubs.end()) it->second->unsubscribe(socket->id());
  };
  router.websocket("/ws/events/{id}/seats", std::move(ws));
}

void register_ticketing_routes(Router& router, std::shared_ptr<TicketingApp> app) {
  register_account_routes(router, app);
  register_event_routes(router, app);
  register_hold_routes(router, app);
  register_payment_routes(router, app);
  register_order_routes(router, app);
}

}  // namespace traffic_master::service
