#pragma once
// The catalogue of metrics the vitals store accepts: name, canonical unit, accepted unit
// spellings, physical range and resolution. Ingestion rejects anything outside it, so the
// codec only ever sees finite, in-range values at the metric's resolution.
#include <optional>
#include <span>
#include <string_view>

namespace mind_log::vitals {

enum class MetricKind {
  integer,  // counts and integral physiological values (bpm, ms, steps, stage codes)
  decimal,  // fixed resolution, stored as scaled integers (emotion scores: 3 decimals)
  real,     // measured floats kept as sent (the codec picks decimal or XOR per chunk)
};

struct UnitAlias {
  std::string_view name;
  double scale = 1;   // canonical = value * scale + offset
  double offset = 0;
};

struct MetricInfo {
  std::string_view name;
  std::string_view unit;  // canonical unit
  MetricKind kind;
  int decimals;  // resolution for integer/decimal kinds (values are rounded to it)
  double min;    // physical range, inclusive, in the canonical unit
  double max;
  std::span<const UnitAlias> aliases;  // other accepted spellings (with conversion)
};

const MetricInfo* find_metric(std::string_view name);
std::span<const MetricInfo> all_metrics();
// The conversion of `unit` to the metric's canonical unit, or nullopt if not accepted.
std::optional<UnitAlias> accepted_unit(const MetricInfo& metric, std::string_view unit);

// Sleep stage codes (metric "sleep_stage"), one sample per hypnogram epoch (<= 1 minute).
enum class SleepStage : int { awake = 0, light = 1, deep = 2, rem = 3 };

}  // namespace mind_log::vitals
