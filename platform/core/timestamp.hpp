#pragma once
// Timestamps as people and devices write them: RFC 3339 (what our APIs emit and accept), and a
// lenient ISO 8601 form that health exports use ("2026-01-01 09:00:00 +0900"). One parser for
// every product, so a date accepted in one place is read the same way everywhere.
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/clock.hpp"

namespace platform {

struct Timestamp {
  Millis utc_ms = 0;
  int offset_minutes = 0;  // the writer's UTC offset, kept so a local day can be shown back
};

enum class TimestampSyntax {
  rfc3339,  // YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|+hh:mm|-hh:mm)
  lenient,  // also ' ' for 'T', a space before the zone, and +hhmm
};

// Dates are checked for real (no February 30), years from 1970; seconds 00-59; a time
// without a zone is refused because it is ambiguous. Fractions beyond milliseconds are cut.
std::optional<Timestamp> parse_timestamp(std::string_view text, TimestampSyntax syntax = TimestampSyntax::rfc3339);

// "2026-11-27T21:30:00.000+09:00": the instant shown in the given offset.
std::string format_rfc3339(Millis utc_ms, int offset_minutes);

}  // namespace platform
