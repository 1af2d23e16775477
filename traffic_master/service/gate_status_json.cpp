#include "traffic_master/service/gate_status_json.hpp"

#include <cmath>

#include "platform/core/json_writer.hpp"

namespace traffic_master::service {

std::string place_status_body(const queue::PlaceStatus& s, std::string_view token, std::optional<bool> rejoined) {
  platform::JsonWriter out(256 + (s.state == queue::PlaceState::admitted ? token.size() : 0));
  out.begin_object()
      .field("receipt", s.receipt)
      .field("state", queue::to_string(s.state))
      .field("phase", queue::to_string(s.phase))
      .field("in_prequeue", s.in_prequeue)
      .field("position", s.position)
      .field("ahead", s.ahead);
  out.key("eta").begin_object().field("known", s.eta.known);
  if (s.eta.known) out.field("low_s", std::llround(s.eta.low_s)).field("high_s", std::llround(s.eta.high_s));
  if (!s.eta.reason.empty()) out.field("reason", s.eta.reason);
  out.end_object();
  if (s.state == queue::PlaceState::admitted)
    out.field("admission_token", token).field("admission_expires_at_ms", s.admission_expires_ms);
  if (rejoined) out.field("rejoined", *rejoined);
  out.end_object();
  return out.take();
}

}  // namespace traffic_master::service
