#include "traffic_master/service/api_json.hpp"

#include <boost/json.hpp>

#include "traffic_master/engine/event_json.hpp"

namespace traffic_master::service {
namespace json = boost::json;

namespace {

void write_seats(platform::JsonWriter& out, const engine::Venue& v, const engine::EventConfig& c,
                 std::span<const engine::SeatIndex> seats) {
  out.begin_array();
  for (auto s : seats) {
    const auto& seat = v.seats()[s];
    out.begin_object()
        .field("id", seat.id)
        .field("label", v.seat_label(s))
        .field("category", v.categories()[seat.category])
        .field("price_cents", c.price_cents[seat.category])
        .end_object();
  }
  out.end_array();
}

}  // namespace

std::string hold_json(const engine::SeatEngine& eng, engine::HoldId id, platform::Millis answered_expiry,
                      bool replayed) {
  const auto& h = *eng.hold(id);
  platform::JsonWriter out(512);
  out.begin_object()
      .field("hold_id", std::to_string(id))
      .field("event_id", eng.config().id)
      .field("account_id", eng.account_name(h.account))
      .field("status", engine::to_string(h.state));
  write_seats(out.key("seats"), eng.venue(), eng.config(), eng.hold_seats_of(id));
  out.field("amount_cents", h.amount_cents)
      .field("currency", eng.config().currency)
      .field("created_at", h.created_at)
      .field("expires_at", answered_expiry)
      .field("extended_for_payment", h.extended)
      .field("orphan_rule_relaxed", h.orphan_rule_relaxed)
      .field("replayed", replayed)
      .end_object();
  return out.take();
}

std::string ticket_id(std::string_view event_id, engine::OrderId order, std::size_t n) {
  return std::string(event_id) + "." + std::to_string(order) + "." + std::to_string(n);
}

void write_order_members(platform::JsonWriter& out, const engine::SeatEngine& eng, engine::OrderId id,
                         const tickets::TicketSigner& signer, bool replayed, bool with_codes) {
  const auto& o = *eng.order(id);
  auto seats = eng.hold_seats_of(o.hold_id);
  out.field("order_id", std::to_string(id))
      .field("event_id", eng.config().id)
      .field("event_name", eng.config().name)
      .field("hold_id", std::to_string(o.hold_id))
      .field("account_id", eng.account_name(o.account));
  write_seats(out.key("seats"), eng.venue(), eng.config(), seats);
  out.field("amount_cents", o.amount_cents)
      .field("currency", eng.config().currency)
      .field("payment_id", o.payment_ref)
      .field("created_at", o.created_at);
  out.key("tickets").begin_array();
  for (std::size_t n = 0; n < seats.size(); ++n) {
    const auto& seat = eng.venue().seats()[seats[n]];
    auto tid = ticket_id(eng.config().id, id, n);
    out.begin_object().field("ticket_id", tid).field("seat_id", seat.id).field("seat_label", eng.venue().seat_label(seats[n]));
    if (with_codes) {
      tickets::TicketClaims claims{tid, eng.config().id, std::to_string(id), seat.id, eng.account_name(o.account),
                                   o.created_at};
      out.field("code", signer.issue(claims));
    }
    out.end_object();
  }
  out.end_array().field("replayed", replayed);
}

std::string order_json(const engine::SeatEngine& eng, engine::OrderId id, const tickets::TicketSigner& signer,
                       bool replayed, bool with_codes) {
  platform::JsonWriter out(1024);
  out.begin_object();
  write_order_members(out, eng, id, signer, replayed, with_codes);
  out.end_object();
  return out.take();
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
