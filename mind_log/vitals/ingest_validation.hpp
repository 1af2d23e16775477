#pragma once
// Validation of one ingestion batch for one metric. Pure: the caller passes the current time.
// A batch is all-or-nothing, so this runs to completion before anything is written.
//
// Errors (code, status):
//   unknown-metric 422, unsupported-unit 422, batch-empty 422, batch-too-large 413,
//   sample-not-finite 422, value-out-of-range 422, timestamp-in-future 422,
//   timestamp-too-old 422, non-monotonic-timestamps 422, conflicting-duplicate 422.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "mind_log/vitals/chunk.hpp"
#include "mind_log/vitals/metric.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

struct IngestLimits {
  std::size_t max_batch_samples = 100'000;
  platform::Millis max_clock_skew_ms = 5 * 60'000;          // how far ahead of now a device may be
  platform::Millis earliest_timestamp_ms = 946'684'800'000;  // 2000-01-01: older is a clock fault
};

struct ValidBatch {
  const MetricInfo* metric = nullptr;
  std::vector<Sample> samples;  // canonical unit, quantised, strictly increasing
};

platform::Result<ValidBatch> validate_batch(std::string_view metric, std::string_view unit,
                                            std::span<const Sample> samples, platform::Millis now,
                                            const IngestLimits& limits = {});

// Rounds a canonical value to the metric's resolution (integer and decimal kinds).
double quantise(const MetricInfo& metric, double canonical);

}  // namespace mind_log::vitals
