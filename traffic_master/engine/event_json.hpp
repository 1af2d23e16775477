#pragma once
// Event definitions as JSON, for storage and for the API:
//   {"id":"ev-1","name":"...","on_sale_at":<ms>,"sale_end_at":<ms>,"currency":"EUR",
//    "prices":{"P1":12000,"P2":8000},"per_account_limit":6,"hold_ttl_ms":480000,
//    "payment_extension_ms":300000,"hold_hard_cap_ms":900000}
// A venue category missing from "prices" is not offered in the event.
#include <boost/json/object.hpp>
#include <string_view>

#include "platform/core/error.hpp"
#include "traffic_master/engine/event.hpp"

namespace traffic_master::engine {

boost::json::object event_to_json(const EventConfig& e, const Venue& venue);
// Errors: "invalid-event" (422) naming the field.
platform::Result<EventConfig> event_from_json(const boost::json::object& o, const Venue& venue);

}  // namespace traffic_master::engine
