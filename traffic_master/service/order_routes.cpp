// Orders and tickets of the signed-in account, QR images, and offline ticket verification.
#include <boost/json.hpp>
#include <mutex>

#include "platform/core/encoding.hpp"
#include "platform/http/json_body.hpp"
#include "traffic_master/service/api_json.hpp"
#include "traffic_master/service/route_support.hpp"
#include "traffic_master/service/ticketing_routes.hpp"
#include "traffic_master/tickets/qr_image.hpp"

namespace traffic_master::service {
namespace json = boost::json;
using platform::http::Router;

namespace {

// The QR image routes, one per format suffix; ticket lists link to them through qr_url.
constexpr std::string_view kQrRoute = "/api/v1/tickets/{ticket_id}/qr.";

std::string qr_url(std::string_view ticket_id, std::string_view format) {
  std::string url(kQrRoute);
  url.replace(url.find("{ticket_id}"), std::string_view("{ticket_id}").size(), ticket_id);
  return url.append(format);
}

// Collects one answer per event writer and replies when the last one arrives.
struct Gather {
  std::mutex mutex;
  std::size_t remaining = 0;
  json::array items;  // guarded by mutex
  Reply reply;
  std::string field;
};

template <class Fn>
void gather_from_events(const TicketingApp& app, Reply reply, std::string field, Fn per_event) {
  auto g = std::make_shared<Gather>();
  g->remaining = app.catalog->events().size();
  g->reply = std::move(reply);
  g->field = std::move(field);
  if (g->remaining == 0) return g->reply(Response::json(200, json::object{{g->field, json::array{}}}));
  for (auto& [id, e] : app.catalog->events()) {
    e->writer->submit([g, per_event](engine::SeatEngine& eng) -> std::function<void()> {
      auto part = std::make_shared<json::array>(per_event(eng));
      return [g, part] {
        std::unique_lock lock(g->mutex);
        for (auto& v : *part) g->items.push_back(std::move(v));
        if (--g->remaining > 0) return;
        auto body = json::object{{g->field, std::move(g->items)}};
        lock.unlock();
        g->reply(Response::json(200, body));
      };
    });
  }
}

struct TicketRef {
  std::string event_id;
  engine::OrderId order = 0;
  std::size_t n = 0;
};

std::optional<TicketRef> parse_ticket_id(std::string_view id) {
  auto b = id.rfind('.');
  if (b == std::string_view::npos || b == 0) return std::nullopt;
  auto a = id.rfind('.', b - 1);
  if (a == std::string_view::npos) return std::nullopt;
  auto order = parse_id(id.substr(a + 1, b - a - 1));
  auto n = parse_id(id.substr(b + 1));
  if (!order || !n) return std::nullopt;
  return TicketRef{std::string(id.substr(0, a)), *order, static_cast<std::size_t>(*n)};
}

}  // namespace

void register_order_routes(Router& router, std::shared_ptr<TicketingApp> app) {
  router.add_async("GET", "/api/v1/orders", [app](Request& req, Reply reply) {
    auto account = app->authenticate(req);
    if (!account) return reply(Response::problem(account.error()));
    gather_from_events(*app, std::move(reply), "orders", [app, a = *account](engine::SeatEngine& eng) {
      json::array out;
      for (auto id : eng.orders_of(a)) out.emplace_back(json::parse(order_json(eng, id, app->ticket_signer, false)));
      return out;
    });
  });

  router.add_async("GET", "/api/v1/events/{id}/orders/{order_id}", [app](Request& req, Reply reply) {
    auto caller = check_caller(*app, req, false);
    if (!caller) return reply(std::move(caller.error()));
    auto id = parse_id(req.param("order_id"));
    on_writer(*caller->event, std::move(reply), [app, c = std::move(*caller), id](engine::SeatEngine& eng) {
      const engine::Order* o = id ? eng.order(*id) : nullptr;
      // Someone else's order is reported as missing: order ids are not secrets, contents are.
      if (!o || eng.account_name(o->account) != c.account)
        return Response::problem("order-not-found", 404, "No such order");
      return Response::json_text(200, order_json(eng, *id, app->ticket_signer, false));
    });
  });

  router.add_async("GET", "/api/v1/tickets", [app](Request& req, Reply reply) {
    auto account = app->authenticate(req);
    if (!account) return reply(Response::problem(account.error()));
    gather_from_events(*app, std::move(reply), "tickets", [app, a = *account](engine::SeatEngine& eng) {
      json::array out;
      for (auto id : eng.orders_of(a)) {
        auto order = json::parse(order_json(eng, id, app->ticket_signer, false)).as_object();
        for (auto& t : order["tickets"].as_array()) {
          auto& ticket = t.as_object();
          ticket["event_id"] = eng.config().id;
          ticket["event_name"] = eng.config().name;
          ticket["order_id"] = std::to_string(id);
          ticket["rotation_secret"] =
              platform::base64url_encode(app->ticket_signer.ticket_secret(ticket["ticket_id"].as_string()));
          ticket["rotation_window_ms"] = app->ticket_signer.window_ms();
          ticket["qr_png_url"] = qr_url(ticket["ticket_id"].as_string(), "png");
          ticket["qr_svg_url"] = qr_url(ticket["ticket_id"].as_string(), "svg");
          out.push_back(std::move(t));
        }
      }
      return out;
    });
  });

  for (std::string format : {"png", "svg"}) {
    router.add_async("GET", std::string(kQrRoute) + format, [app, format](Request& req, Reply reply) {
      auto account = app->authenticate(req);
      if (!account) return reply(Response::problem(account.error()));
      auto ref = parse_ticket_id(req.param("ticket_id"));
      auto* event = ref ? app->catalog->find(ref->event_id) : nullptr;
      if (!event) return reply(Response::problem("ticket-not-found", 404, "No such ticket"));
      bool rotating = req.query_param("variant").value_or("rotating") != "static";
      on_writer(*event, std::move(reply), [app, a = *account, r = *ref, format, rotating](engine::SeatEngine& eng) {
        const engine::Order* o = eng.order(r.order);
        if (!o || eng.account_name(o->account) != a || r.n >= eng.hold_seats_of(o->hold_id).size())
          return Response::problem("ticket-not-found", 404, "No such ticket");
        auto seat = eng.hold_seats_of(o->hold_id)[r.n];
        tickets::TicketClaims claims{ticket_id(r.event_id, r.order, r.n), r.event_id, std::to_string(r.order),
                                     eng.venue().seats()[seat].id, a, o->created_at};
        auto code = app->ticket_signer.issue(claims);
        if (rotating) code = app->ticket_signer.rotating_code(code, app->clock.now_ms());
        auto m = tickets::qr_encode(code);
        if (!m) return Response::problem("qr-failed", 500, "Could not render the QR code");
        auto resp = format == "png" ? Response::text(200, tickets::qr_png(*m), "image/png")
                                    : Response::text(200, tickets::qr_svg(*m), "image/svg+xml");
        return resp.with_header("cache-control", "no-store");
      });
    });
  }

  // What a gate device does offline, exposed for demos and for gates that are online.
  router.post("/api/v1/tickets/verify", [app](Request& req) {
    auto body = platform::http::json_object_body(req);
    if (!body) return Response::problem(body.error());
    auto code = platform::http::string_field(*body, "code", 1024);
    if (!code) return Response::problem(code.error());
    bool rotating = std::count(code->begin(), code->end(), '.') == 4;
    auto claims = rotating ? app->ticket_verifier.verify_rotating(*code, app->clock.now_ms())
                           : app->ticket_verifier.verify(*code);
    if (!claims) return Response::problem(claims.error());
    return Response::json(200, json::object{{"valid", true},
                                            {"variant", rotating ? "rotating" : "static"},
                                            {"ticket_id", claims->ticket_id},
                                            {"event_id", claims->event_id},
                                            {"order_id", claims->order_id},
                                            {"seat_id", claims->seat_id},
                                            {"account_id", claims->account},
                                            {"issued_at", claims->issued_at}});
  });
}

}  // namespace traffic_master::service
