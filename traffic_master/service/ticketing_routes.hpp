#pragma once
// Registers the ticketing API under /api/v1 and the live seat stream under /ws.
#include <memory>

#include "platform/http/router.hpp"
#include "traffic_master/service/ticketing_app.hpp"

namespace traffic_master::service {

void register_ticketing_routes(platform::http::Router& router, std::shared_ptr<TicketingApp> app);

// The parts, for tests and for readers: each file registers one group.
void register_account_routes(platform::http::Router& router, std::shared_ptr<TicketingApp> app);
void register_event_routes(platform::http::Router& router, std::shared_ptr<TicketingApp> app);
void register_hold_routes(platform::http::Router& router, std::shared_ptr<TicketingApp> app);
void register_payment_routes(platform::http::Router& router, std::shared_ptr<TicketingApp> app);
void register_order_routes(platform::http::Router& router, std::shared_ptr<TicketingApp> app);

}  // namespace traffic_master::service
