#include "platform/core/timestamp.hpp"

#include <gtest/gtest.h>

namespace platform {
namespace {

TEST(Timestamp, Rfc3339WithOffsetsFractionsAndRealDates) {
  EXPECT_EQ(parse_timestamp("2026-01-01T00:00:00Z")->utc_ms, 1'767'225'600'000);
  auto nine = parse_timestamp("2026-01-01T09:00:00+09:00");
  ASSERT_TRUE(nine);
  EXPECT_EQ(nine->utc_ms, 1'767'225'600'000);
  EXPECT_EQ(nine->offset_minutes, 540);
  auto frac = parse_timestamp("1970-01-01T00:00:01.250-01:30");
  ASSERT_TRUE(frac);
  EXPECT_EQ(frac->utc_ms, 1250 + 90 * 60'000);
  EXPECT_EQ(frac->offset_minutes, -90);
  EXPECT_EQ(parse_timestamp("2025-12-31T19:00:00.250123456-05:00")->utc_ms, 1'767'225'600'250);
  EXPECT_TRUE(parse_timestamp("2028-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2027-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-04-31T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("1969-12-31T23:59:59Z"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:60Z"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:00"));  // no zone: ambiguous
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:00.Z"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:00.1234567890Z"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:00Zjunk"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
  EXPECT_FALSE(parse_timestamp(""));
}

TEST(Timestamp, LenientFormOnlyWhenAsked) {
  EXPECT_FALSE(parse_timestamp("2026-01-01 09:00:00 +0900"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T09:00:00+0900"));
  EXPECT_EQ(parse_timestamp("2026-01-01 09:00:00 +0900", TimestampSyntax::lenient)->utc_ms, 1'767'225'600'000);
  EXPECT_EQ(parse_timestamp("2026-01-01T09:00:00+09:00", TimestampSyntax::lenient)->utc_ms, 1'767'225'600'000);
  EXPECT_FALSE(parse_timestamp("2026-02-30 09:00:00 +0900", TimestampSyntax::lenient));
}

TEST(Timestamp, FormatsInTheGivenOffsetAndRoundTrips) {
  auto t = parse_timestamp("2026-11-27T21:30:00+09:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(t->utc_ms, 540), "2026-11-27T21:30:00.000+09:00");
  EXPECT_EQ(format_rfc3339(t->utc_ms, 0), "2026-11-27T12:30:00.000+00:00");
  EXPECT_EQ(format_rfc3339(1250 + 90 * 60'000, -90), "1970-01-01T00:00:01.250-01:30");
  EXPECT_EQ(format_rfc3339(0, -60), "1969-12-31T23:00:00.000-01:00");  // local day before the epoch
  for (std::int64_t ms : {0LL, 951'782'400'123LL, 1'767'225'599'999LL, 4'102'444'800'000LL})
    EXPECT_EQ(parse_timestamp(format_rfc3339(ms, 330))->utc_ms, ms);
}

}  // namespace
}  // namespace platform
