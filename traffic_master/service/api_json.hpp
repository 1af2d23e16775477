#pragma once
// JSON shapes of the ticketing API (docs/api/traffic-master.yaml). Run on the event's writer
// thread when they read the engine.
#include <boost/json/object.hpp>
#include <string>

#include "platform/core/json_writer.hpp"

#include "traffic_master/engine/seat_engine.hpp"
#include "traffic_master/service/event_catalog.hpp"
#include "traffic_master/tickets/ticket_codec.hpp"

namespace traffic_master::service {

// Hot-path shapes are written as text (platform::JsonWriter): holds and orders answer every
// reservation request. Cold routes that need a tree (lists, ticket views) parse the text, so
// each shape has one definition.
std::string hold_json(const engine::SeatEngine& eng, engine::HoldId id, platform::Millis answered_expiry,
                      bool replayed);
// The members of an order object, without the braces, so a caller can add its own (payment).
// with_codes: sign the ticket codes (Ed25519, tens of microseconds each). The confirm path
// leaves them out so the writer thread does not sign; GET /orders and /tickets include them.
void write_order_members(platform::JsonWriter& out, const engine::SeatEngine& eng, engine::OrderId id,
                         const tickets::TicketSigner& signer, bool replayed, bool with_codes = true);
std::string order_json(const engine::SeatEngine& eng, engine::OrderId id, const tickets::TicketSigner& signer,
                       bool replayed, bool with_codes = true);
boost::json::object event_json(const EventEntry& e, platform::Millis now);
std::string ticket_id(std::string_view event_id, engine::OrderId order, std::size_t n);

}  // namespace traffic_master::service
