#include "mind_log/vitals/batch_wire.hpp"

#include <array>
#include <boost/json.hpp>
#include <cmath>

#include "mind_log/vitals/bit_io.hpp"
#include "mind_log/vitals/csv_samples.hpp"

namespace mind_log::vitals {
namespace {

constexpr std::string_view kMagic = "MLVB";
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kMaxName = 64;
constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

platform::Result<WireBatch> field_error(std::string detail) {
  return platform::fail("invalid-field", 422, "A field is missing or has the wrong type or range", std::move(detail));
}
platform::Result<WireBatch> corrupt(const char* what) {
  return platform::fail("corrupt-frame", 400, "Corrupt binary batch", what);
}
platform::Result<WireBatch> too_large() {
  return platform::fail("batch-too-large", 413, "Batch too large",
                        "at most " + std::to_string(kMaxWireSeries) + " series of " + std::to_string(kMaxWireSamples) +
                            " samples");
}

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr auto kCrcTable = make_crc_table();

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : bytes) c = kCrcTable[(c ^ static_cast<std::uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

platform::Result<WireBatch> parse_json_batch(const boost::json::object& body) {
  WireBatch out;
  if (auto it = body.find("user"); it != body.end()) {
    if (!it->value().is_string()) return field_error("user: a string");
    out.user = std::string(it->value().as_string());
  }
  auto series = body.find("series");
  if (series == body.end() || !series->value().is_array() || series->value().as_array().empty())
    return field_error("series: a non-empty array");
  const auto& arr = series->value().as_array();
  if (arr.size() > kMaxWireSeries) return too_large();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string at = "series[" + std::to_string(i) + "]";
    if (!arr[i].is_object()) return field_error(at + ": an object");
    const auto& o = arr[i].as_object();
    WireSeries s;
    auto metric = o.find("metric");
    if (metric == o.end() || !metric->value().is_string() || metric->value().as_string().size() > kMaxName)
      return field_error(at + ".metric: a metric name");
    s.metric = std::string(metric->value().as_string());
    if (auto unit = o.find("unit"); unit != o.end()) {
      if (!unit->value().is_string() || unit->value().as_string().size() > kMaxName)
        return field_error(at + ".unit: a unit name");
      s.unit = std::string(unit->value().as_string());
    }
    auto samples = o.find("samples");
    if (samples == o.end() || !samples->value().is_array()) return field_error(at + ".samples: an array of [t, v]");
    const auto& sa = samples->value().as_array();
    if (sa.size() > kMaxWireSamples) return too_large();
    s.samples.reserve(sa.size());
    for (std::size_t k = 0; k < sa.size(); ++k) {
      const std::string sat = at + ".samples[" + std::to_string(k) + "]";
      if (!sa[k].is_array() || sa[k].as_array().size() != 2) return field_error(sat + ": [t, v]");
      const auto& pair = sa[k].as_array();
      std::int64_t t;
      if (pair[0].is_int64()) {
        t = pair[0].as_int64();
      } else if (pair[0].is_uint64() && pair[0].as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        t = static_cast<std::int64_t>(pair[0].as_uint64());
      } else if (pair[0].is_string()) {
        auto parsed = parse_timestamp_ms(pair[0].as_string());
        if (!parsed) return field_error(sat + "[0]: epoch milliseconds or an ISO-8601 date-time with zone");
        t = *parsed;
      } else {
        return field_error(sat + "[0]: epoch milliseconds or an ISO-8601 date-time with zone");
      }
      if (!pair[1].is_number()) return field_error(sat + "[1]: a number");
      s.samples.push_back({t, pair[1].to_number<double>()});
    }
    out.series.push_back(std::move(s));
  }
  return out;
}

platform::Result<WireBatch> parse_binary_batch(std::string_view frame) {
  if (frame.size() < kMagic.size() + 2 + 4) return corrupt("too short");
  std::string_view body = frame.substr(0, frame.size() - 4);
  std::uint32_t sent = 0;
  for (int i = 0; i < 4; ++i) sent |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(frame[body.size() + i])) << (8 * i);
  if (crc32(body) != sent) return corrupt("CRC mismatch");
  if (body.substr(0, 4) != kMagic) return corrupt("bad magic");
  ByteReader r(body.substr(4));
  std::uint8_t version, count;
  if (!r.u8(version) || version != kVersion) return corrupt("unsupported version");
  if (!r.u8(count) || count == 0) return corrupt("no series");
  if (count > kMaxWireSeries) return too_large();
  WireBatch out;
  for (int i = 0; i < count; ++i) {
    WireSeries s;
    std::uint8_t len, exponent;
    std::string_view name;
    if (!r.u8(len) || len == 0 || len > kMaxName || !r.bytes(len, name)) return corrupt("bad metric name");
    s.metric = std::string(name);
    if (!r.u8(len) || len > kMaxName || !r.bytes(len, name)) return corrupt("bad unit");
    s.unit = std::string(name);
    std::uint64_t n;
    if (!r.u8(exponent) || exponent > 9) return corrupt("bad exponent");
    if (!r.varint(n) || n == 0) return corrupt("bad sample count");
    if (n > kMaxWireSamples) return too_large();
    if (n * 2 > r.remaining()) return corrupt("truncated samples");  // each sample needs >= 2 bytes
    s.samples.resize(n);
    std::uint64_t u;
    std::uint64_t t = 0;
    for (auto& x : s.samples) {
      if (!r.varint(u)) return corrupt("truncated timestamps");
      t += static_cast<std::uint64_t>(unzigzag(u));  // wraps; validation rejects nonsense times
      x.t = static_cast<std::int64_t>(t);
    }
    std::uint64_t k = 0;
    for (auto& x : s.samples) {
      if (!r.varint(u)) return corrupt("truncated values");
      k += static_cast<std::uint64_t>(unzigzag(u));
      x.v = static_cast<double>(static_cast<std::int64_t>(k)) / kPow10[exponent];
    }
    out.series.push_back(std::move(s));
  }
  if (r.remaining() != 0) return corrupt("trailing bytes");
  return out;
}

std::string encode_binary_batch(const WireBatch& batch, const std::vector<int>& exponents) {
  std::string out(kMagic);
  ByteWriter w(out);
  w.u8(kVersion);
  w.u8(static_cast<std::uint8_t>(batch.series.size()));
  for (std::size_t i = 0; i < batch.series.size(); ++i) {
    const WireSeries& s = batch.series[i];
    const int e = i < exponents.size() ? exponents[i] : 0;
    w.u8(static_cast<std::uint8_t>(s.metric.size()));
    w.bytes(s.metric);
    w.u8(static_cast<std::uint8_t>(s.unit.size()));
    w.bytes(s.unit);
    w.u8(static_cast<std::uint8_t>(e));
    w.varint(s.samples.size());
    std::int64_t prev = 0;
    for (const Sample& x : s.samples) {
      w.varint(zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(x.t) - static_cast<std::uint64_t>(prev))));
      prev = x.t;
    }
    std::int64_t prev_k = 0;
    for (const Sample& x : s.samples) {
      auto k = std::llround(x.v * kPow10[e]);
      w.varint(zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(k) - static_cast<std::uint64_t>(prev_k))));
      prev_k = k;
    }
  }
  std::uint32_t c = crc32(out);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(c >> (8 * i)));
  return out;
}

}  // namespace mind_log::vitals
