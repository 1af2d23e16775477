#pragma once
// One sealed column chunk of a (user, metric) series: timestamps and values of up to
// kMaxChunkPoints samples, plus count/min/max/sum so range aggregates rarely decode.
// The byte layout is specified in docs/vitals-format.md. Pure functions, thread-safe.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.hpp"

namespace mind_log::vitals {

struct Sample {
  std::int64_t t = 0;  // milliseconds since the Unix epoch
  double v = 0;
  bool operator==(const Sample&) const = default;
};

inline constexpr std::size_t kMaxChunkPoints = 65536;
inline constexpr std::uint8_t kChunkVersion = 1;

struct ChunkStats {
  std::uint32_t count = 0;
  std::int64_t t_first = 0;
  std::int64_t t_last = 0;
  double min = 0;
  double max = 0;
  double sum = 0;
};

struct DecodedChunk {
  ChunkStats stats;
  std::vector<Sample> samples;
};

// REQUIRES: 1 <= samples.size() <= kMaxChunkPoints and strictly increasing timestamps
// (the series head guarantees both; violating them aborts).
std::string encode_chunk(std::span<const Sample> samples);

// Untrusted bytes: any malformation is an error "corrupt-chunk", never a crash.
platform::Result<DecodedChunk> decode_chunk(std::string_view bytes);
// Reads only the header (no value decoding).
platform::Result<ChunkStats> read_chunk_stats(std::string_view bytes);

}  // namespace mind_log::vitals
