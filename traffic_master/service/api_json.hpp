#pragma once
// JSON shapes of the ticketing API (docs/api/traffic-master.yaml). Run on the event's writer
// thread when they read the engine.
#include <boost/json/object.hpp>
#include <string>

#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/service/event_catalog.hpp"
#include "traffic_master/tickets/ticket_codec.hpp"

namespace traffic_master::service {

boost::json::array seats_json(const engine::Venue& v, const engine::EventConfig& c,
                              std::span<const engine::SeatIndex> seats);
boost::json::object hold_json(const engine::SeatEngine& eng, engine::HoldId id, platform::Millis answered_expiry,
                              bool replayed);
// with_codes: sign the ticket codes (Ed25519, tens of microseconds each). The confirm path
// leaves them out so the writer thread does not sign; GET /orders and /tickets include them.
boost::json::object order_json(const engine::SeatEngine& eng, engine::OrderId id, const tickets::TicketSigner& signer,
                               bool replayed, bool with_codes = true);
boost::json::object event_json(const EventEntry& e, platform::Millis now);
std::string ticket_id(std::string_view event_id, engine::OrderId order, std::size_t n);

}  // namespace traffic_master::service
