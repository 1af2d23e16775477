#pragma once
// The two request forms of an ingestion batch (docs/vitals-format.md, "Ingestion wire forms"):
//   JSON   {"user"?: "...", "series": [{"metric": "heart_rate", "unit"?: "bpm",
//           "samples": [[1767225600000, 61], ["2026-01-01T00:00:01Z", 62], ...]}]}
//   binary application/vnd.mind-log.vitals-batch: varint-delta frames with a CRC-32.
// Both give the same WireBatch; validation of metrics, units and values happens later in
// validate_batch. Pure; thread-safe.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mind_log/vitals/chunk.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

inline constexpr std::size_t kMaxWireSeries = 16;
inline constexpr std::size_t kMaxWireSamples = 100'000;  // per series, as validate_batch
inline constexpr std::string_view kBinaryBatchType = "application/vnd.mind-log.vitals-batch";

struct WireSeries {
  std::string metric;
  std::string unit;  // empty: the metric's canonical unit
  std::vector<Sample> samples;
};

struct WireBatch {
  std::optional<std::string> user;  // must name the caller if present
  std::vector<WireSeries> series;
};

// Errors: "invalid-field" 422 naming the field; "batch-too-large" 413.
platform::Result<WireBatch> parse_json_batch(const boost::json::object& body);
// Errors: "corrupt-frame" 400 (bad magic, version, lengths, CRC, trailing bytes);
// "batch-too-large" 413.
platform::Result<WireBatch> parse_binary_batch(std::string_view frame);
// `exponents[i]`: values of series i are sent as integers over 10^exponent (0..9); a value
// that is not representable that way is rounded.
std::string encode_binary_batch(const WireBatch& batch, const std::vector<int>& exponents);

std::uint32_t crc32(std::string_view bytes);  // IEEE 802.3 (zlib's), for the frame trailer

}  // namespace mind_log::vitals
