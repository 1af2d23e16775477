#pragma once
// Reading `timestamp,value` rows (a CSV export of one metric). Timestamps are epoch
// milliseconds or ISO-8601 ("2026-01-01T08:30:00Z", "2026-01-01 08:30:00.250+09:00"). A first
// row that does not parse is taken as a header. Pure.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "mind_log/vitals/chunk.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

// ISO-8601 date-time with a zone (Z or +-HH:MM / +-HHMM) or bare epoch milliseconds.
std::optional<std::int64_t> parse_timestamp_ms(std::string_view text);

// Error "invalid-csv" 422 naming the line. Rows come back in file order.
platform::Result<std::vector<Sample>> parse_samples_csv(std::string_view text);

}  // namespace mind_log::vitals
