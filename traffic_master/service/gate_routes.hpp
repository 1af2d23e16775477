#pragma once
// HTTP routes of the admission gate (docs/waiting-room.md, docs/shield.md):
//   waiting room: /api/v1/events/{id}/queue[...], operator /api/v1/admin/events/{id}/queue/...
//   shield:       /api/v1/events/{id}/queue/pow, /api/v1/shield/vqa[...], /api/v1/shield/telemetry
#include "platform/http/router.hpp"
#include "traffic_master/service/gate_app.hpp"

namespace traffic_master::service {

void add_waiting_room_routes(platform::http::Router& router, GateApp& gate);
void add_shield_routes(platform::http::Router& router, GateApp& gate);

inline void add_gate_routes(platform::http::Router& router, GateApp& gate) {
  add_waiting_room_routes(router, gate);
  add_shield_routes(router, gate);
}

}  // namespace traffic_master::service
