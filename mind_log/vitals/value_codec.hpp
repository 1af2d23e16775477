#pragma once
// Sample values are doubles on the API. Per chunk the encoder picks whichever is smaller:
//  - decimal (ALP-style): every value is k / 10^e exactly for one exponent e in [0, 15], so the
//    chunk stores the integers k as a first value plus zigzagged deltas in an int stream.
//    Integer metrics (heart rate, steps, HRV ms) are e = 0; emotion scores are e = 3.
//  - xor (Gorilla): for true floats with no short decimal form (and NaN/inf/-0.0, which the
//    codec round-trips bit-exactly even though ingestion never admits them).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mind_log/vitals/bit_io.hpp"

namespace mind_log::vitals {

enum class ValueCodec : std::uint8_t { decimal = 0, xor_float = 1 };

inline constexpr int kMaxDecimalExponent = 15;

// Smallest e such that every value is exactly an integer over 10^e with |k| < 2^53.
std::optional<int> decimal_exponent(std::span<const double> values);
// The same, also filling `ints` with the k of each value at that exponent.
std::optional<int> to_decimal(std::span<const double> values, std::vector<std::int64_t>& ints);

void encode_decimal(std::span<const std::int64_t> ints, std::string& out);
bool decode_decimal(ByteReader& in, std::size_t n, int exponent, std::vector<double>& out);

void encode_xor(std::span<const double> values, std::string& out);
bool decode_xor(ByteReader& in, std::size_t n, std::vector<double>& out);

}  // namespace mind_log::vitals
