#include "mind_log/vitals/ingest_validation.hpp"

#include <cmath>
#include <string>

namespace mind_log::vitals {
namespace {

std::string at(std::size_t i) { return "sample " + std::to_string(i) + ": "; }

}  // namespace

namespace {

constexpr double kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

// Division by an exact power of ten gives the double a decimal parser would produce, so the
// codec's decimal detection finds the metric's resolution. Values beyond 2^53 (never in a
// physical range) are left alone and rejected by the range check.
double quantise_with(const MetricInfo& metric, double scale, double canonical) {
  if (metric.kind == MetricKind::real || !(std::fabs(canonical * scale) < 9007199254740992.0)) return canonical;
  return std::nearbyint(canonical * scale) / scale + 0.0;  // + 0.0 turns -0.0 into 0.0
}

}  // namespace

double quantise(const MetricInfo& metric, double canonical) {
  return quantise_with(metric, kPow10[metric.decimals], canonical);
}

platform::Result<ValidBatch> validate_batch(std::string_view metric_name, std::string_view unit,
                                            std::span<const Sample> samples, platform::Millis now,
                                            const IngestLimits& limits) {
  const MetricInfo* metric = find_metric(metric_name);
  if (!metric) return platform::fail("unknown-metric", 422, "Unknown metric", std::string(metric_name));
  auto conv = accepted_unit(*metric, unit);
  if (!conv)
    return platform::fail("unsupported-unit", 422, "Unit not accepted for this metric",
                          std::string(metric_name) + " is measured in " + std::string(metric->unit) +
                              ", got '" + std::string(unit) + "'");
  if (samples.empty()) return platform::fail("batch-empty", 422, "Batch has no samples");
  if (samples.size() > limits.max_batch_samples)
    return platform::fail("batch-too-large", 413, "Batch too large",
                          "at most " + std::to_string(limits.max_batch_samples) + " samples per batch");
  const double scale = kPow10[metric->decimals];
  const bool identity = conv->scale == 1 && conv->offset == 0;
  ValidBatch out;
  out.metric = metric;
  out.samples.reserve(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& s = samples[i];
    if (!std::isfinite(s.v)) return platform::fail("sample-not-finite", 422, "Value is NaN or infinite", at(i));
    if (s.t > now + limits.max_clock_skew_ms)
      return platform::fail("timestamp-in-future", 422, "Timestamp is in the future", at(i) + std::to_string(s.t));
    if (s.t < limits.earliest_timestamp_ms)
      return platform::fail("timestamp-too-old", 422, "Timestamp predates 2000-01-01", at(i) + std::to_string(s.t));
    double v = quantise_with(*metric, scale, identity ? s.v : s.v * conv->scale + conv->offset);
    if (!(v >= metric->min && v <= metric->max))
      return platform::fail("value-out-of-range", 422, "Value outside the metric's physical range",
                            at(i) + std::to_string(v) + " not in [" + std::to_string(metric->min) + ", " +
                                std::to_string(metric->max) + "] " + std::string(metric->unit));
    if (!out.samples.empty()) {
      const Sample& prev = out.samples.back();
      if (s.t < prev.t)
        return platform::fail("non-monotonic-timestamps", 422, "Timestamps go backwards within the batch", at(i));
      if (s.t == prev.t) {
        if (v != prev.v)
          return platform::fail("conflicting-duplicate", 422, "Two different values at one timestamp", at(i));
        continue;  // an exact repeat (a retried upload) is harmless
      }
    }
    out.samples.push_back({s.t, v});
  }
  return out;
}

}  // namespace mind_log::vitals
