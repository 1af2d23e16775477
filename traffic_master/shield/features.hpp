#pragma once
// Behavioural features of one client session: request timing as the server saw it, and the
// telemetry the page reports (pointer, focus, automation signals). Pure functions.
#include <array>
#include <string_view>
#include <vector>

#include "platform/core/clock.hpp"

namespace traffic_master::shield {

struct SessionTelemetry {
  std::vector<platform::Millis> request_times;  // this session's requests, ascending
  double seat_map_to_hold_ms = -1;              // reaction time; -1 when not measured yet
  int parallel_sessions_device = 1;             // live sessions sharing this device id
  int parallel_sessions_ip = 1;                 // ... this IP
  int parallel_sessions_account = 1;            // ... this account
  bool telemetry_present = true;                // the page's telemetry beacon arrived
  int pointer_moves = 0;                        // pointer/touch move events in the window
  double pointer_straightness = 0.5;            // path length / chord, inverted: 1 = ruler-straight
  double pointer_speed_cv = 1.0;                // coefficient of variation of pointer speed
  int focus_changes = 0;                        // focus + visibility changes
  bool webdriver = false;                       // navigator.webdriver or similar automation flags
};

inline constexpr std::size_t kFeatureCount = 12;
using Features = std::array<double, kFeatureCount>;

// Index order is part of the model format (model_weights.inc); append, never reorder.
std::array<std::string_view, kFeatureCount> feature_names();
Features extract_features(const SessionTelemetry& t);

}  // namespace traffic_master::shield
