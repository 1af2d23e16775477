#include "mind_log/journal/entry.hpp"

#include <gtest/gtest.h>

namespace mind_log::journal {
namespace {

EntryInput good() {
  EntryInput in;
  in.text = "Slept badly but the walk helped.";
  in.mood = 6;
  in.tags = {"tired", "hopeful"};
  in.activities = {"walk"};
  in.sleep_hours = 5.5;
  in.occurred_at = "2026-11-27T21:30:00+09:00";
  in.time_zone = "Asia/Seoul";
  return in;
}

std::string code_of(const EntryInput& in) {
  auto r = validate_entry(in);
  return r ? "ok" : r.error().code + " " + r.error().detail;
}

TEST(EntryTest, AcceptsAGoodEntry) {
  auto e = validate_entry(good());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->utc_offset_minutes, 540);
  EXPECT_EQ(platform::format_rfc3339(e->occurred_at, 540), "2026-11-27T21:30:00.000+09:00");
  EXPECT_EQ(platform::format_rfc3339(e->occurred_at, 0), "2026-11-27T12:30:00.000+00:00");
  ASSERT_TRUE(e->emotions);
}

TEST(EntryTest, EachBadFieldGetsItsOwnError) {
  auto in = good();
  in.mood = 0;
  EXPECT_TRUE(code_of(in).starts_with("invalid-field mood"));
  in.mood = 11;
  EXPECT_TRUE(code_of(in).starts_with("invalid-field mood"));
  in = good();
  in.sleep_hours = 25;
  EXPECT_TRUE(code_of(in).starts_with("invalid-field sleep_hours"));
  in.sleep_hours = -1;
  EXPECT_TRUE(code_of(in).starts_with("invalid-field sleep_hours"));
  for (const char* when : {"", "2026-11-27", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z",
                           "2026-11-27T21:30:00", "2026-11-27T21:30:00+9:00", "1969-12-31T23:59:59Z",
                           "2026-11-27T21:30:00Zjunk"}) {
    in = good();
    in.occurred_at = when;
    EXPECT_TRUE(code_of(in).starts_with("invalid-field occurred_at")) << when;
  }
  for (const char* tz : {"", "Asia//Seoul", "/Asia", "Asia/", "Asia/Seoul;DROP", "1Asia"}) {
    in = good();
    in.time_zone = tz;
    EXPECT_TRUE(code_of(in).starts_with("invalid-field time_zone")) << tz;
  }
  in = good();
  in.tags = std::vector<std::string>(21, "x");
  EXPECT_TRUE(code_of(in).starts_with("invalid-field tags"));
  in.tags = {""};
  EXPECT_TRUE(code_of(in).starts_with("invalid-field tags"));
  in = good();
  in.activities = {std::string(65, 'a')};
  EXPECT_TRUE(code_of(in).starts_with("invalid-field activities"));
  in = good();
  in.text = "\xff\xfe";
  EXPECT_TRUE(code_of(in).starts_with("invalid-field text"));
  in.text = std::string(20'001, 'a');
  EXPECT_TRUE(code_of(in).starts_with("entry-too-large"));
}

TEST(EntryTest, Rfc3339Details) {
  auto leap = platform::parse_timestamp("2028-02-29T00:00:00Z");
  ASSERT_TRUE(leap);
  EXPECT_FALSE(platform::parse_timestamp("2027-02-29T00:00:00Z"));
  auto frac = platform::parse_timestamp("1970-01-01T00:00:01.250-01:30");
  ASSERT_TRUE(frac);
  EXPECT_EQ(frac->utc_ms, 1250 + 90 * 60'000);
  EXPECT_EQ(frac->offset_minutes, -90);
  EXPECT_EQ(platform::format_rfc3339(frac->utc_ms, -90), "1970-01-01T00:00:01.250-01:30");
}

TEST(EntryTest, Utf8Validation) {
  EXPECT_TRUE(valid_utf8("오늘 good 😀"));
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xe2\x82"));          // truncated
}

}  // namespace
}  // namespace mind_log::journal
