#include "traffic_master/shield/features.hpp"

#include <algorithm>
#include <cmath>

namespace traffic_master::shield {

std::array<std::string_view, kFeatureCount> feature_names() {
  return {"interarrival_cv",      "log10_mean_interarrival_ms", "log10_reaction_ms",  "log2_parallel_device",
          "log2_parallel_ip",     "log2_parallel_account",      "log1p_pointer_moves", "pointer_straightness",
          "pointer_speed_cv",     "log1p_focus_changes",        "webdriver",           "telemetry_missing"};
}

Features extract_features(const SessionTelemetry& t) {
  Features f{};
  // Inter-arrival regularity: scripts on a timer have a coefficient of variation near 0.
  // With fewer than three requests there is nothing to measure; use a typical human value.
  double cv = 1.0, mean = 3000;
  if (t.request_times.size() >= 3) {
    std::vector<double> gaps;
    for (std::size_t i = 1; i < t.request_times.size(); ++i)
      gaps.push_back(static_cast<double>(t.request_times[i] - t.request_times[i - 1]));
    double sum = 0;
    for (double g : gaps) sum += g;
    mean = sum / static_cast<double>(gaps.size());
    double var = 0;
    for (double g : gaps) var += (g - mean) * (g - mean);
    var /= static_cast<double>(gaps.size());
    cv = mean > 0 ? std::sqrt(var) / mean : 0;
  }
  f[0] = std::min(cv, 3.0);
  f[1] = std::log10(std::max(mean, 1.0));
  f[2] = std::log10(t.seat_map_to_hold_ms >= 0 ? std::max(t.seat_map_to_hold_ms, 1.0) : 2000.0);
  f[3] = std::log2(std::max(t.parallel_sessions_device, 1));
  f[4] = std::log2(std::max(t.parallel_sessions_ip, 1));
  f[5] = std::log2(std::max(t.parallel_sessions_account, 1));
  f[6] = t.telemetry_present ? std::log1p(std::max(t.pointer_moves, 0)) : 0;
  f[7] = t.telemetry_present ? std::clamp(t.pointer_straightness, 0.0, 1.0) : 0.5;
  f[8] = t.telemetry_present ? std::clamp(t.pointer_speed_cv, 0.0, 3.0) : 1.0;
  f[9] = t.telemetry_present ? std::log1p(std::max(t.focus_changes, 0)) : 0;
  f[10] = t.webdriver ? 1 : 0;
  f[11] = t.telemetry_present ? 0 : 1;
  return f;
}

}  // namespace traffic_master::shield
