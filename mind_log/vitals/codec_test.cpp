#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "mind_log/vitals/chunk.hpp"
#include "mind_log/vitals/int_codec.hpp"
#include "mind_log/vitals/value_codec.hpp"

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

std::uint64_t bits(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}

void expect_round_trip(const std::vector<Sample>& in) {
  std::string bytes = encode_chunk(in);
  auto out = decode_chunk(bytes);
  ASSERT_TRUE(out.has_value()) << out.error().detail;
  ASSERT_EQ(out->samples.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    ASSERT_EQ(out->samples[i].t, in[i].t) << "at " << i;
    ASSERT_EQ(bits(out->samples[i].v), bits(in[i].v)) << "at " << i << " value " << in[i].v;
  }
  EXPECT_EQ(out->stats.count, in.size());
  EXPECT_EQ(out->stats.t_first, in.front().t);
  EXPECT_EQ(out->stats.t_last, in.back().t);
  auto stats = read_chunk_stats(bytes);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->count, in.size());
}

std::vector<Sample> regular(std::size_t n, std::int64_t step, auto value) {
  std::vector<Sample> s;
  for (std::size_t i = 0; i < n; ++i) s.push_back({kT0 + static_cast<std::int64_t>(i) * step, value(i)});
  return s;
}

TEST(IntCodec, ZigzagIsBijectiveAtExtremes) {
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1}, INT64_MIN, INT64_MAX})
    EXPECT_EQ(unzigzag(zigzag(v)), v);
}

TEST(IntCodec, RoundTripsEveryWidthAndBothPackings) {
  std::mt19937_64 rng(7);
  for (unsigned width = 0; width <= 64; ++width) {
    std::vector<std::uint64_t> v(1000);
    for (auto& x : v) x = width == 0 ? 0 : (width == 64 ? rng() : rng() & ((std::uint64_t{1} << width) - 1));
    std::string out;
    encode_uints(v, out);
    ByteReader r(out);
    std::vector<std::uint64_t> back;
    ASSERT_TRUE(decode_uints(r, v.size(), back)) << width;
    EXPECT_EQ(back, v) << width;
    EXPECT_EQ(r.remaining(), 0u);
    std::string bp;
    bitpack128_encode(v, bp);
    EXPECT_EQ(bp.size(), bitpack128_size(v));
  }
}

TEST(IntCodec, Simple8bRefusesValuesAbove60Bits) {
  std::vector<std::uint64_t> v{1, std::uint64_t{1} << 60};
  std::string out;
  EXPECT_FALSE(simple8b_encode(v, out));
}

TEST(IntCodec, MixedRunsRoundTripThroughSimple8b) {
  std::vector<std::uint64_t> v(300, 0);
  v.push_back(5);
  v.insert(v.end(), 17, 1);
  v.push_back(std::uint64_t{1} << 59);
  v.insert(v.end(), 250, 0);
  std::string out;
  ASSERT_TRUE(simple8b_encode(v, out));
  std::string framed(1, '\0');
  framed += out;
  ByteReader r(framed);
  std::vector<std::uint64_t> back;
  ASSERT_TRUE(decode_uints(r, v.size(), back));
  EXPECT_EQ(back, v);
}

TEST(ValueCodec, FindsTheShortestDecimalExponent) {
  std::vector<double> hr{61, 62, 62, 140};
  EXPECT_EQ(decimal_exponent(hr), 0);
  std::vector<double> temp{33.47, 33.5, 33.41};
  EXPECT_EQ(decimal_exponent(temp), 2);
  std::vector<double> score{0.125, 0.7, 0.001};
  EXPECT_EQ(decimal_exponent(score), 3);
  std::vector<double> irrational{std::sqrt(2.0)};
  EXPECT_FALSE(decimal_exponent(irrational).has_value());
  std::vector<double> nan{std::nan("")};
  EXPECT_FALSE(decimal_exponent(nan).has_value());
  std::vector<double> neg_zero{-0.0};
  EXPECT_FALSE(decimal_exponent(neg_zero).has_value());
}

TEST(Chunk, ConstantSeries) {
  expect_round_trip(regular(5000, 1000, [](std::size_t) { return 72.0; }));
}

TEST(Chunk, SinglePoint) { expect_round_trip({{kT0, 61.0}}); }

TEST(Chunk, MonotonicSeries) {
  expect_round_trip(regular(4096, 60'000, [](std::size_t i) { return static_cast<double>(i * 13); }));
}

TEST(Chunk, NoisyIntegerSeriesWithGaps) {
  std::mt19937_64 rng(1);
  std::vector<Sample> s;
  std::int64_t t = kT0;
  double hr = 70;
  for (int i = 0; i < 20000; ++i) {
    t += (rng() % 50 == 0) ? 1000 * static_cast<std::int64_t>(1 + rng() % 3600) : 1000;
    hr = std::clamp(hr + static_cast<double>(static_cast<int>(rng() % 7) - 3), 35.0, 200.0);
    s.push_back({t, hr});
  }
  expect_round_trip(s);
}

TEST(Chunk, IrregularMillisecondTimestamps) {
  std::mt19937_64 rng(2);
  std::vector<Sample> s;
  std::int64_t t = kT0;
  for (int i = 0; i < 3000; ++i) {
    t += 1 + static_cast<std::int64_t>(rng() % 100000);
    s.push_back({t, static_cast<double>(rng() % 1000) / 100.0});
  }
  expect_round_trip(s);
}

TEST(Chunk, TrueFloatsUseXor) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(33.0, 0.4);
  auto s = regular(2000, 5000, [&](std::size_t) { return noise(rng); });
  expect_round_trip(s);
  EXPECT_EQ(encode_chunk(s)[3], static_cast<char>(ValueCodec::xor_float));
}

TEST(Chunk, DecimalFloatsUseDecimal) {
  std::mt19937_64 rng(4);
  auto s = regular(2000, 60000, [&](std::size_t i) { return (3300 + static_cast<int>(rng() % 40)) / 100.0; });
  expect_round_trip(s);
  std::string bytes = encode_chunk(s);
  EXPECT_EQ(bytes[3], static_cast<char>(ValueCodec::decimal));
  EXPECT_EQ(bytes[4], 2);
}

TEST(Chunk, ExtremeValues) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> vals{0.0, -0.0, std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
                           std::numeric_limits<double>::denorm_min(), inf, -inf, std::nan(""), 1e300, -1e-300,
                           9007199254740991.0, -9007199254740992.0, 1.0};
  auto s = regular(vals.size(), 1, [&](std::size_t i) { return vals[i]; });
  expect_round_trip(s);
  // Integer extremes that still have an exact decimal form.
  expect_round_trip(regular(3, 1, [](std::size_t i) { return i == 1 ? -9007199254740991.0 : 9007199254740991.0; }));
}

TEST(Chunk, ExtremeTimestamps) {
  expect_round_trip({{INT64_MIN / 2, 1.0}, {0, 2.0}, {INT64_MAX / 2, 3.0}});
  expect_round_trip({{-5, 1.0}, {-4, 2.0}, {1, 3.0}});
}

TEST(Chunk, MaximumSize) {
  expect_round_trip(regular(kMaxChunkPoints, 1000, [](std::size_t i) { return static_cast<double>(i % 200); }));
}

TEST(Chunk, RandomSeriesRoundTrip) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 200; ++round) {
    std::size_t n = 1 + rng() % 3000;
    std::vector<Sample> s;
    std::int64_t t = static_cast<std::int64_t>(rng() % (std::uint64_t{1} << 42));
    int mode = static_cast<int>(rng() % 4);
    for (std::size_t i = 0; i < n; ++i) {
      t += 1 + static_cast<std::int64_t>(rng() % (mode == 0 ? 1 : 1'000'000));
      double v;
      switch (mode) {
        case 0: v = static_cast<double>(static_cast<std::int64_t>(rng() % 2001) - 1000); break;
        case 1: v = static_cast<double>(static_cast<std::int64_t>(rng())) / 1000.0; break;
        case 2: {
          std::uint64_t b = rng();
          std::memcpy(&v, &b, 8);
          break;
        }
        default: v = static_cast<double>(rng() % 100000) / 1000.0; break;
      }
      s.push_back({t, v});
    }
    expect_round_trip(s);
  }
}

TEST(Chunk, CompressesSteadyHeartRateBelowHalfAByte) {
  std::mt19937_64 rng(6);
  double hr = 65;
  auto s = regular(8192, 1000, [&](std::size_t) {
    int r = static_cast<int>(rng() % 10);
    hr += r == 0 ? -1 : (r == 1 ? 1 : 0);
    return hr;
  });
  std::string bytes = encode_chunk(s);
  EXPECT_LT(static_cast<double>(bytes.size()) / 8192.0, 0.5);
}

TEST(ChunkDecode, RejectsTruncationsAndTrailingBytes) {
  std::mt19937_64 rng(8);
  auto s = regular(500, 1000, [&](std::size_t) { return static_cast<double>(rng() % 100); });
  std::string bytes = encode_chunk(s);
  for (std::size_t len = 0; len < bytes.size(); ++len) {
    auto r = decode_chunk(std::string_view(bytes).substr(0, len));
    ASSERT_FALSE(r.has_value()) << len;
    EXPECT_EQ(r.error().code, "corrupt-chunk");
  }
  EXPECT_FALSE(decode_chunk(bytes + "x").has_value());
}

TEST(ChunkDecode, SurvivesBitFlips) {
  std::mt19937_64 rng(9);
  auto s = regular(300, 1000, [&](std::size_t) { return static_cast<double>(rng() % 1000) / 10.0; });
  std::string bytes = encode_chunk(s);
  for (std::size_t i = 0; i < bytes.size() * 8; ++i) {
    std::string c = bytes;
    c[i / 8] = static_cast<char>(c[i / 8] ^ (1 << (i % 8)));
    auto r = decode_chunk(c);  // may decode to other samples; must never crash or loop
    if (r) {
      for (std::size_t k = 1; k < r->samples.size(); ++k) ASSERT_GT(r->samples[k].t, r->samples[k - 1].t);
    }
  }
}

TEST(ChunkDecode, RejectsWrongMagicVersionAndHugeCounts) {
  std::string bytes = encode_chunk(regular(10, 1000, [](std::size_t) { return 1.0; }));
  std::string bad = bytes;
  bad[0] = 'X';
  EXPECT_FALSE(decode_chunk(bad).has_value());
  bad = bytes;
  bad[2] = 9;
  EXPECT_FALSE(decode_chunk(bad).has_value());
  std::string huge = bytes.substr(0, 5) + std::string("\xff\xff\xff\x0f", 4) + bytes.substr(6);
  EXPECT_FALSE(decode_chunk(huge).has_value());
}

}  // namespace
}  // namespace mind_log::vitals
