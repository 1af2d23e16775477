#include "mind_log/vitals/metric.hpp"

#include <array>

namespace mind_log::vitals {
namespace {

constexpr UnitAlias kBpm[] = {{"count/min"}, {"beats/min"}};
constexpr UnitAlias kMs[] = {{"millisecond"}};
constexpr UnitAlias kCount[] = {{"steps"}};
constexpr UnitAlias kStage[] = {{"stage"}};
constexpr UnitAlias kCelsius[] = {{"degC"}, {"celsius"}, {"degF", 5.0 / 9.0, -32.0 * 5.0 / 9.0}};
constexpr UnitAlias kPerMin[] = {{"count/min"}};
constexpr UnitAlias kPercent[] = {{"%"}, {"fraction", 100.0}};
constexpr UnitAlias kNone[] = {{"1"}};

// Ranges are what a living human wearing a sensor can produce, with headroom; anything
// outside is a sensor or client fault and is rejected rather than stored.
constexpr std::array<MetricInfo, 17> kMetrics{{
    {"heart_rate", "bpm", MetricKind::integer, 0, 20, 250, kBpm},
    {"hrv_rmssd", "ms", MetricKind::integer, 0, 1, 400, kMs},
    {"hrv_sdnn", "ms", MetricKind::integer, 0, 1, 400, kMs},  // what Apple Health records
    {"steps", "count", MetricKind::integer, 0, 0, 10000, kCount},
    {"sleep_stage", "code", MetricKind::integer, 0, 0, 3, kStage},
    {"skin_temperature", "cel", MetricKind::real, 0, 20, 45, kCelsius},
    {"respiratory_rate", "breaths/min", MetricKind::real, 0, 2, 80, kPerMin},
    {"spo2", "percent", MetricKind::decimal, 1, 50, 100, kPercent},
    {"mood", "score", MetricKind::integer, 0, 1, 10, kNone},
    {"emotion_valence", "score", MetricKind::decimal, 3, -1, 1, kNone},
    {"emotion_arousal", "score", MetricKind::decimal, 3, 0, 1, kNone},
    {"emotion_stress", "score", MetricKind::decimal, 3, 0, 1, kNone},
    // The journal's per-entry emotion scores (mind_log/journal), one series per emotion.
    {"emotion_joy", "score", MetricKind::decimal, 3, 0, 1, kNone},
    {"emotion_sadness", "score", MetricKind::decimal, 3, 0, 1, kNone},
    {"emotion_anger", "score", MetricKind::decimal, 3, 0, 1, kNone},
    {"emotion_anxiety", "score", MetricKind::decimal, 3, 0, 1, kNone},
    {"emotion_calm", "score", MetricKind::decimal, 3, 0, 1, kNone},
}};

}  // namespace

const MetricInfo* find_metric(std::string_view name) {
  for (const auto& m : kMetrics)
    if (m.name == name) return &m;
  return nullptr;
}

std::span<const MetricInfo> all_metrics() { return kMetrics; }

std::optional<UnitAlias> accepted_unit(const MetricInfo& metric, std::string_view unit) {
  if (unit == metric.unit) return UnitAlias{metric.unit};
  for (const auto& a : metric.aliases)
    if (a.name == unit) return a;
  return std::nullopt;
}

}  // namespace mind_log::vitals
