#pragma once
// The chunk codec proper. No platform headers: the libFuzzer target compiles it with clang,
// whose C++20 support in version 14 cannot build libstdc++'s <expected>.
//
// One sealed column chunk of a (user, metric) series: timestamps and values of up to
// kMaxChunkPoints samples, plus count/min/max/sum so range aggregates rarely decode.
// The byte layout is specified in docs/vitals-format.md. Pure functions, thread-safe.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>


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

// Untrusted bytes: returns nullptr on success, else a static description of the first
// malformation found. Never crashes, never allocates more than the input justifies.
const char* decode_chunk_into(std::string_view bytes, DecodedChunk& out);
// Reads only the header (no value decoding); same contract.
const char* read_chunk_header(std::string_view bytes, ChunkStats& out);

}  // namespace mind_log::vitals
