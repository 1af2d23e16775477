#include "mind_log/vitals/series_head.hpp"

#include <gtest/gtest.h>

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;

std::vector<Sample> seconds(std::int64_t from_s, std::int64_t to_s, double v = 60) {
  std::vector<Sample> s;
  for (std::int64_t i = from_s; i < to_s; ++i) s.push_back({kT0 + i * 1000, v});
  return s;
}

TEST(SeriesHead, InOrderBatchesAppend) {
  SeriesHead h;
  auto r1 = h.merge(seconds(0, 10));
  auto r2 = h.merge(seconds(10, 20));
  EXPECT_EQ(r1.added + r2.added, 20u);
  EXPECT_EQ(h.points().size(), 20u);
}

TEST(SeriesHead, LateSamplesMergeAndDuplicatesFollowTheLaterWrite) {
  SeriesHead h;
  h.merge(seconds(0, 10));
  std::vector<Sample> late{{kT0 - 5000, 50}, {kT0 + 3000, 60}, {kT0 + 4000, 70}, {kT0 + 4500, 80}};
  auto r = h.merge(late);
  EXPECT_EQ(r.added, 2u);
  EXPECT_EQ(r.unchanged, 1u);
  EXPECT_EQ(r.replaced, 1u);
  ASSERT_EQ(h.points().size(), 12u);
  EXPECT_EQ(h.points().front().t, kT0 - 5000);
  for (std::size_t i = 1; i < h.points().size(); ++i) EXPECT_LT(h.points()[i - 1].t, h.points()[i].t);
  auto at4 = std::find_if(h.points().begin(), h.points().end(), [](const Sample& s) { return s.t == kT0 + 4000; });
  EXPECT_EQ(at4->v, 70);
}

TEST(SeriesHead, SealsFullChunksOutsideTheReorderWindow) {
  SealPolicy p{.chunk_points = 100, .reorder_window_ms = 60'000, .max_chunk_span_ms = 86'400'000,
               .max_head_points = 10'000};
  SeriesHead h;
  h.merge(seconds(0, 250));
  // now = 250 s: eligible are samples at or before 190 s -> one full chunk of 100.
  auto chunks = h.take_sealable(kT0 + 250'000, p);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].size(), 100u);
  EXPECT_EQ(h.sealed_until(), kT0 + 99'000);
  EXPECT_EQ(h.points().size(), 150u);
  // Samples at or before the watermark are refused, nothing changes.
  auto late = h.check(std::vector<Sample>{{kT0 + 50'000, 61}});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, "sample-too-late");
  EXPECT_EQ(late.error().status, 409);
  EXPECT_EQ(h.points().size(), 150u);
  // Later, the rest becomes eligible but is less than a chunk: it waits...
  EXPECT_TRUE(h.take_sealable(kT0 + 400'000, p).size() == 1u);  // 100 more (100..199)
  EXPECT_TRUE(h.take_sealable(kT0 + 400'000, p).empty());        // 50 left, not a full chunk
  // ...until the span rule closes it.
  auto idle = h.take_sealable(kT0 + 200'000 + 86'400'000 + 60'000, p);
  ASSERT_EQ(idle.size(), 1u);
  EXPECT_EQ(idle[0].size(), 50u);
  EXPECT_TRUE(h.points().empty());
}

TEST(SeriesHead, SparseMetricsSealPerSpan) {
  SealPolicy p{.chunk_points = 8192, .reorder_window_ms = 60'000, .max_chunk_span_ms = 3'600'000,
               .max_head_points = 100'000};
  SeriesHead h;
  std::vector<Sample> s;
  for (int i = 0; i < 48; ++i) s.push_back({kT0 + i * 300'000LL, 40.0 + i});  // 5-min HRV for 4 h
  h.merge(s);
  auto chunks = h.take_sealable(kT0 + 10 * 3'600'000, p);
  ASSERT_EQ(chunks.size(), 4u);
  for (auto& c : chunks) {
    EXPECT_EQ(c.size(), 12u);
    EXPECT_LT(c.back().t - c.front().t, 3'600'000);
  }
}

TEST(SeriesHead, MemoryBoundSealsEarly) {
  SealPolicy p{.chunk_points = 100, .reorder_window_ms = 86'400'000, .max_chunk_span_ms = 86'400'000,
               .max_head_points = 300};
  SeriesHead h;
  h.merge(seconds(0, 500));
  auto chunks = h.take_sealable(kT0 + 500'000, p);
  EXPECT_EQ(chunks.size(), 2u);
  EXPECT_EQ(h.points().size(), 300u);
}

}  // namespace
}  // namespace mind_log::vitals
