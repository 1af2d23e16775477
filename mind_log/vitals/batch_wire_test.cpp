#include "mind_log/vitals/batch_wire.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;

WireBatch sample_batch() {
  WireBatch b;
  WireSeries hr{"heart_rate", "", {}};
  for (int i = 0; i < 100; ++i) hr.samples.push_back({kT0 + i * 1000, 60.0 + i % 7});
  WireSeries temp{"skin_temperature", "degC", {{kT0, 33.41}, {kT0 + 60'000, 33.5}}};
  b.series = {hr, temp};
  return b;
}

TEST(BinaryBatch, RoundTrips) {
  WireBatch b = sample_batch();
  std::string frame = encode_binary_batch(b, {0, 2});
  EXPECT_LT(frame.size(), 100u * 4);  // about 3 bytes per 1 Hz sample
  auto back = parse_binary_batch(frame);
  ASSERT_TRUE(back.has_value()) << back.error().detail;
  ASSERT_EQ(back->series.size(), 2u);
  EXPECT_EQ(back->series[0].metric, "heart_rate");
  EXPECT_EQ(back->series[0].samples, b.series[0].samples);
  EXPECT_EQ(back->series[1].unit, "degC");
  EXPECT_EQ(back->series[1].samples, b.series[1].samples);
}

TEST(BinaryBatch, EveryTruncationAndBitFlipIsRefused) {
  std::string frame = encode_binary_batch(sample_batch(), {0, 2});
  for (std::size_t len = 0; len < frame.size(); ++len) {
    auto r = parse_binary_batch(frame.substr(0, len));
    ASSERT_FALSE(r.has_value()) << len;
    EXPECT_EQ(r.error().code, "corrupt-frame");
    EXPECT_EQ(r.error().status, 400);
  }
  for (std::size_t bit = 0; bit < frame.size() * 8; bit += 7) {
    std::string c = frame;
    c[bit / 8] = static_cast<char>(c[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_FALSE(parse_binary_batch(c).has_value()) << bit;  // the CRC catches single-bit errors
  }
}

TEST(BinaryBatch, TooManySeriesIs413) {
  WireBatch b;
  for (int i = 0; i < 17; ++i) b.series.push_back({"steps", "", {{kT0, 1}}});
  auto r = parse_binary_batch(encode_binary_batch(b, {}));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "batch-too-large");
}

TEST(JsonBatch, ParsesEpochAndIsoTimestamps) {
  auto body = boost::json::parse(R"({"series":[{"metric":"heart_rate","unit":"bpm",
      "samples":[[1767225600000, 61], ["2026-01-01T00:00:01Z", 62.0]]}]})")
                  .as_object();
  auto r = parse_json_batch(body);
  ASSERT_TRUE(r.has_value()) << r.error().detail;
  ASSERT_EQ(r->series[0].samples.size(), 2u);
  EXPECT_EQ(r->series[0].samples[1], (Sample{kT0 + 1000, 62}));
  EXPECT_FALSE(r->user.has_value());
}

TEST(JsonBatch, NamesTheBadField) {
  auto check = [](const char* text, const char* code, const char* detail_part) {
    auto r = parse_json_batch(boost::json::parse(text).as_object());
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, code) << text;
    EXPECT_NE(r.error().detail.find(detail_part), std::string::npos) << r.error().detail;
  };
  check(R"({})", "invalid-field", "series");
  check(R"({"series":[]})", "invalid-field", "series");
  check(R"({"series":[{"samples":[]}]})", "invalid-field", "series[0].metric");
  check(R"({"series":[{"metric":"heart_rate","samples":[[1,2,3]]}]})", "invalid-field", "samples[0]");
  check(R"({"series":[{"metric":"heart_rate","samples":[["noon",2]]}]})", "invalid-field", "samples[0][0]");
  check(R"({"series":[{"metric":"heart_rate","samples":[[1,"fast"]]}]})", "invalid-field", "samples[0][1]");
  check(R"({"user":5,"series":[{"metric":"heart_rate","samples":[[1,2]]}]})", "invalid-field", "user");
}

TEST(Crc32, MatchesTheStandardCheckValue) { EXPECT_EQ(crc32("123456789"), 0xCBF43926u); }

}  // namespace
}  // namespace mind_log::vitals
