#include "traffic_master/service/api_json.hpp"

#include <boost/json.hpp>

#include "traffic_master/engine/event_json.hpp"

namespace traffic_master::service {
namespace json = boost::json;

json::array seats_json(const engine::Venue& v, const engine::EventConfig& c, std::span<const engine::SeatIndex> seats) {
  json::array out;
  for (auto s : seats) {
    const auto& seat = v.seats()[s];
    out.emplace_back(json::object{{"id", seat.id},
                                  {"label", v.seat_label(s)},
                                  {"category", v.categories()[seat.category]},
                                  {"price_cents", c.price_cents[seat.category]}});
  }
  return out;
}

json::object hold_json(const engine::SeatEngine& eng, engine::HoldId id, platform::Millis answered_expiry,
                       bool replayed) {
  const auto& h = *eng.hold(id);
  return json::object{{"hold_id", std::to_string(id)},
                      {"event_id", eng.config().id},
                      {"account_id", eng.account_name(h.account)},
                      {"status", engine::to_string(h.state)},
                      {"seats", seats_json(eng.venue(), eng.config(), eng.hold_seats_of(id))},
                      {"amount_cents", h.amount_cents},
                      {"currency", eng.config().currency},
                      {"created_at", h.created_at},
                      {"expires_at", answered_expiry},
                      {"extended_for_payment", h.extended},
                      {"orphan_rule_relaxed", h.orphan_rule_relaxed},
                      {"replayed", replayed}};
}

std::string ticket_id(std::string_view event_id, engine::OrderId order, std::size_t n) {
  return std::string(event_id) + "." + std::to_string(order) + "." + std::to_string(n);
}

json::object order_json(const engine::SeatEngine& eng, engine::OrderId id, const tickets::TicketSigner& signer,
                        bool replayed, bool with_codes) {
  const auto& o = *eng.order(id);
  auto seats = eng.hold_seats_of(o.hold_id);
  json::array tickets;
  for (std::size_t n = 0; n < seats.size(); ++n) {
    const auto& seat = eng.venue().seats()[seats[n]];
    tickets::TicketClaims claims{ticket_id(eng.config().id, id, n), eng.config().id, std::to_string(id), seat.id,
                                 eng.account_name(o.account), o.created_at};
    json::object t{{"ticket_id", claims.ticket_id},
                   {"seat_id", seat.id},
                   {"seat_label", eng.venue().seat_label(seats[n])}};
    if (with_codes) t["code"] = signer.issue(claims);
    tickets.emplace_back(std::move(t));
  }
  return json::object{{"order_id", std::to_string(id)},
                      {"event_id", eng.config().id},
                      {"event_name", eng.config().name},
                      {"hold_id", std::to_string(o.hold_id)},
                      {"account_id", eng.account_name(o.account)},
                      {"seats", seats_json(eng.venue(), eng.config(), seats)},
                      {"amount_cents", o.amount_cents},
                      {"currency", eng.config().currency},
                      {"payment_id", o.payment_ref},
                      {"created_at", o.created_at},
                      {"tickets", std::move(tickets)},
                      {"replayed", replayed}};
}

json::object event_json(const EventEntry& e, platform::Millis now) {
  const auto& w = *e.writer;
  auto o = engine::event_to_json(w.config(), w.venue());
  auto snap = w.snapshot();
  o["status"] = engine::to_string(engine::sale_status(w.config(), now));
  o["capacity"] = snap->status.size();
  o["seats_free"] = snap->counts.free;
  o["seats_held"] = snap->counts.held;
  o["seats_sold"] = snap->counts.sold;
  o["version"] = snap->version;
  return o;
}

}  // namespace traffic_master::service
