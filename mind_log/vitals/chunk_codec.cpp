#include "mind_log/vitals/chunk_codec.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>

#include "mind_log/vitals/bit_io.hpp"
#include "mind_log/vitals/int_codec.hpp"
#include "mind_log/vitals/value_codec.hpp"

namespace mind_log::vitals {
namespace {

constexpr char kMagic0 = 'V', kMagic1 = 'C';

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "vitals chunk invariant violated: %s\n", what);
    std::abort();
  }
}

struct Header {
  ChunkStats stats;
  ValueCodec codec = ValueCodec::decimal;
  std::uint8_t exponent = 0;
  std::uint64_t time_unit = 1;
};

bool read_header(ByteReader& r, Header& h) {
  std::uint8_t m0, m1, version, codec;
  if (!r.u8(m0) || !r.u8(m1) || m0 != kMagic0 || m1 != kMagic1) return false;
  if (!r.u8(version) || version != kChunkVersion) return false;
  if (!r.u8(codec) || codec > static_cast<std::uint8_t>(ValueCodec::xor_float)) return false;
  h.codec = static_cast<ValueCodec>(codec);
  if (!r.u8(h.exponent) || h.exponent > kMaxDecimalExponent) return false;
  std::uint64_t count, t_first, span;
  if (!r.varint(count) || count == 0 || count > kMaxChunkPoints) return false;
  if (!r.varint(t_first) || !r.varint(span)) return false;
  h.stats.count = static_cast<std::uint32_t>(count);
  h.stats.t_first = unzigzag(t_first);
  if (span > static_cast<std::uint64_t>(INT64_MAX) ||
      __builtin_add_overflow(h.stats.t_first, static_cast<std::int64_t>(span), &h.stats.t_last))
    return false;
  if ((count == 1) != (span == 0)) return false;
  if (!r.f64(h.stats.min) || !r.f64(h.stats.max) || !r.f64(h.stats.sum)) return false;
  if (!r.varint(h.time_unit) || h.time_unit == 0 || h.time_unit > static_cast<std::uint64_t>(INT64_MAX))
    return false;
  return true;
}

}  // namespace

std::string encode_chunk(std::span<const Sample> samples) {
  require(!samples.empty() && samples.size() <= kMaxChunkPoints, "chunk size out of range");
  const std::size_t n = samples.size();
  std::vector<double> values(n);
  double mn = samples[0].v, mx = samples[0].v, sum = 0;
  std::uint64_t unit = 0;  // gcd of the gaps: 1 Hz data stores gaps in seconds
  for (std::size_t i = 0; i < n; ++i) {
    values[i] = samples[i].v;
    mn = std::min(mn, samples[i].v);
    mx = std::max(mx, samples[i].v);
    sum += samples[i].v;
    if (i > 0) {
      require(samples[i].t > samples[i - 1].t, "timestamps not strictly increasing");
      std::uint64_t gap = static_cast<std::uint64_t>(samples[i].t) - static_cast<std::uint64_t>(samples[i - 1].t);
      unit = std::gcd(unit, gap);
    }
  }
  if (unit == 0) unit = 1;
  require(static_cast<std::uint64_t>(samples[n - 1].t) - static_cast<std::uint64_t>(samples[0].t) <=
              static_cast<std::uint64_t>(INT64_MAX),
          "chunk time span exceeds int64");

  std::vector<std::int64_t> ints;
  auto exponent = to_decimal(values, ints);
  std::string value_bytes;
  ValueCodec codec = ValueCodec::decimal;
  if (exponent) encode_decimal(ints, value_bytes);
  // Integers (e = 0) essentially never lose to XOR; only decimals with a fraction race it.
  if (!exponent || *exponent > 0) {
    std::string xor_bytes;
    encode_xor(values, xor_bytes);
    if (!exponent || xor_bytes.size() < value_bytes.size()) {
      value_bytes = std::move(xor_bytes);
      codec = ValueCodec::xor_float;
    }
  }

  std::string out;
  out.reserve(64 + value_bytes.size() + n / 4);
  ByteWriter w(out);
  w.u8(kMagic0);
  w.u8(kMagic1);
  w.u8(kChunkVersion);
  w.u8(static_cast<std::uint8_t>(codec));
  w.u8(codec == ValueCodec::decimal ? static_cast<std::uint8_t>(*exponent) : 0);
  w.varint(n);
  w.varint(zigzag(samples[0].t));
  w.varint(static_cast<std::uint64_t>(samples[n - 1].t) - static_cast<std::uint64_t>(samples[0].t));
  w.f64(mn);
  w.f64(mx);
  w.f64(sum);
  w.varint(unit);
  if (n > 1) {
    // Delta-of-delta in units: a steady 1 Hz stream is all zeros.
    std::vector<std::uint64_t> dod;
    dod.reserve(n - 1);
    std::int64_t prev_delta = 0;
    for (std::size_t i = 1; i < n; ++i) {
      auto delta = static_cast<std::int64_t>(
          (static_cast<std::uint64_t>(samples[i].t) - static_cast<std::uint64_t>(samples[i - 1].t)) / unit);
      dod.push_back(zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(delta) -
                                                     static_cast<std::uint64_t>(prev_delta))));
      prev_delta = delta;
    }
    encode_uints(dod, out);
  }
  out.append(value_bytes);
  return out;
}

const char* read_chunk_header(std::string_view bytes, ChunkStats& out) {
  ByteReader r(bytes);
  Header h;
  if (!read_header(r, h)) return "bad header";
  out = h.stats;
  return nullptr;
}

const char* decode_chunk_into(std::string_view bytes, DecodedChunk& out) {
  ByteReader r(bytes);
  Header h;
  if (!read_header(r, h)) return "bad header";
  const std::size_t n = h.stats.count;
  out.stats = h.stats;
  out.samples.resize(n);
  out.samples[0].t = h.stats.t_first;
  if (n > 1) {
    std::vector<std::uint64_t> dod;
    if (!decode_uints(r, n - 1, dod)) return "bad timestamp stream";
    std::int64_t delta = 0;
    std::int64_t t = h.stats.t_first;
    for (std::size_t i = 1; i < n; ++i) {
      std::int64_t step;
      if (__builtin_add_overflow(delta, unzigzag(dod[i - 1]), &delta) || delta <= 0 ||
          __builtin_mul_overflow(delta, static_cast<std::int64_t>(h.time_unit), &step) ||
          __builtin_add_overflow(t, step, &t))
        return "timestamps not increasing";
      out.samples[i].t = t;
    }
    if (t != h.stats.t_last) return "timestamps disagree with header";
  }
  std::vector<double> values;
  bool ok = h.codec == ValueCodec::decimal ? decode_decimal(r, n, h.exponent, values) : decode_xor(r, n, values);
  if (!ok) return "bad value stream";
  if (r.remaining() != 0) return "trailing bytes";
  for (std::size_t i = 0; i < n; ++i) out.samples[i].v = values[i];
  return nullptr;
}

}  // namespace mind_log::vitals
