#pragma once
// Unsigned integer streams (zigzagged deltas or delta-of-deltas) packed two ways, the smaller
// chosen per stream: simple8b (adaptive, good for runs and mixed small values) and 128-value
// blocks bit-packed at the block's widest value (total over all 64-bit values). The stream
// length is not stored: the chunk header knows it.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mind_log/vitals/bit_io.hpp"

namespace mind_log::vitals {

enum class IntPacking : std::uint8_t { simple8b = 0, bitpack128 = 1 };

void encode_uints(std::span<const std::uint64_t> values, std::string& out);
// Reads exactly n values; false on any malformed or truncated input.
bool decode_uints(ByteReader& in, std::size_t n, std::vector<std::uint64_t>& out);

// Exposed for tests and the format document.
bool simple8b_encode(std::span<const std::uint64_t> values, std::string& out);  // false if a value >= 2^60
void bitpack128_encode(std::span<const std::uint64_t> values, std::string& out);
std::size_t bitpack128_size(std::span<const std::uint64_t> values);

}  // namespace mind_log::vitals
