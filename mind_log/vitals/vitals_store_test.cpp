#include "mind_log/vitals/vitals_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "mind_log/vitals/sqlite_chunk_store.hpp"
#include "mind_log/vitals/ephemeral_vault.hpp"

namespace mind_log::vitals {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00Z
constexpr std::int64_t kHour = 3'600'000;

class VitalsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vitals-test-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    reopen();
  }
  void TearDown() override {
    vitals_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void reopen() {
    vitals_.reset();
    db_.reset();
    auto db = SqliteChunkStore::open((dir_ / "vitals.db").string());
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    vitals_ = std::make_unique<VitalsStore>(*db_, vault_.sealer, clock_, policy_);
  }
  // 1 Hz heart rate for [from_s, to_s) seconds after kT0, with the clock just past the end.
  std::vector<Sample> heart_rate(std::int64_t from_s, std::int64_t to_s) {
    std::vector<Sample> s;
    for (std::int64_t i = from_s; i < to_s; ++i)
      s.push_back({kT0 + i * 1000, static_cast<double>(60 + (i * 7919) % 40)});
    return s;
  }
  platform::Result<IngestReport> put(std::string_view user, std::string_view metric, const std::vector<Sample>& s) {
    SeriesBatch b{metric, find_metric(metric)->unit, s};
    return vitals_->ingest(user, std::span<const SeriesBatch>(&b, 1));
  }
  void expect_matches_brute_force(std::string_view user, const std::vector<Sample>& all, std::int64_t from,
                                  std::int64_t to, std::int64_t target) {
    auto answer = vitals_->range(user, "heart_rate", from, to, target);
    ASSERT_TRUE(answer.has_value()) << answer.error().detail;
    BucketAccumulator brute(answer->plan);
    for (const auto& s : all) brute.add(s);
    auto expected = brute.buckets();
    ASSERT_EQ(answer->buckets.size(), expected.size()) << "target " << target;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(answer->buckets[i].start, expected[i].start);
      EXPECT_EQ(answer->buckets[i].count, expected[i].count);
      EXPECT_EQ(answer->buckets[i].min, expected[i].min);
      EXPECT_EQ(answer->buckets[i].max, expected[i].max);
      EXPECT_NEAR(answer->buckets[i].avg, expected[i].avg, 1e-9);
    }
  }

  std::filesystem::path dir_;
  platform::ManualClock clock_{kT0};
  SealPolicy policy_{.chunk_points = 2048, .reorder_window_ms = 10 * 60'000, .max_chunk_span_ms = 86'400'000,
                     .max_head_points = 16384};
  EphemeralVault vault_;
  std::unique_ptr<SqliteChunkStore> db_;
  std::unique_ptr<VitalsStore> vitals_;
};

TEST_F(VitalsStoreTest, QueriesEqualBruteForceAcrossSealedChunksRollupsAndHead) {
  std::vector<Sample> all;
  for (int h = 0; h < 6; ++h) {
    auto batch = heart_rate(h * 3600, (h + 1) * 3600);
    clock_.set(batch.back().t + 1000);
    ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
    all.insert(all.end(), batch.begin(), batch.end());
  }
  for (std::int64_t target : {1, 10, 300, 1000, 5000})
    expect_matches_brute_force("u1", all, kT0 - kHour, kT0 + 7 * kHour, target);
  expect_matches_brute_force("u1", all, kT0 + 5 * kHour + 17, kT0 + 6 * kHour, 1000);  // raw tier, head part
  auto latest = vitals_->latest("u1", "heart_rate");
  ASSERT_TRUE(latest.has_value() && latest->has_value());
  EXPECT_EQ(**latest, all.back());
  auto raw = vitals_->raw("u1", "heart_rate", kT0, kT0 + 7 * kHour);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(*raw, all);
}

TEST_F(VitalsStoreTest, RestartRebuildsTheHeadFromItsLog) {
  auto batch = heart_rate(0, 5000);
  clock_.set(batch.back().t + 1000);
  ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
  reopen();
  auto raw = vitals_->raw("u1", "heart_rate", kT0, kT0 + 2 * kHour);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(*raw, batch);
  auto more = heart_rate(5000, 9000);
  clock_.set(more.back().t + 1000);
  ASSERT_TRUE(put("u1", "heart_rate", more).has_value());
  reopen();
  auto latest = vitals_->latest("u1", "heart_rate");
  EXPECT_EQ(**latest, more.back());
  batch.insert(batch.end(), more.begin(), more.end());
  expect_matches_brute_force("u1", batch, kT0, kT0 + 3 * kHour, 100);
}

TEST_F(VitalsStoreTest, LateAndDuplicateSamplesWithinTheWindowMerge) {
  auto batch = heart_rate(0, 600);
  clock_.set(batch.back().t + 1000);
  ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
  std::vector<Sample> late{{kT0 + 100'500, 99}, {kT0 + 200'000, batch[200].v}, {kT0 + 300'000, 120}};
  auto r = put("u1", "heart_rate", late);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->added, 1u);
  EXPECT_EQ(r->unchanged, 1u);
  EXPECT_EQ(r->replaced, 1u);
  auto raw = vitals_->raw("u1", "heart_rate", kT0, kT0 + kHour);
  ASSERT_EQ(raw->size(), 601u);
  EXPECT_EQ((*raw)[101].v, 99);
  EXPECT_EQ((*raw)[301].v, 120);
  reopen();  // the head log replays the replacement in order
  EXPECT_EQ(*vitals_->raw("u1", "heart_rate", kT0, kT0 + kHour), *raw);
}

TEST_F(VitalsStoreTest, ABatchIsAllOrNothing) {
  auto hr = heart_rate(0, 100);
  clock_.set(hr.back().t + 1000);
  std::vector<Sample> bad_steps{{kT0, 10}, {kT0 + 60'000, 20'000}};
  SeriesBatch batches[] = {{"heart_rate", "bpm", hr}, {"steps", "count", bad_steps}};
  auto r = vitals_->ingest("u1", batches);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "value-out-of-range");
  EXPECT_FALSE(vitals_->latest("u1", "heart_rate")->has_value());
  EXPECT_TRUE(vitals_->raw("u1", "heart_rate", kT0, kT0 + kHour)->empty());

  SeriesBatch twice[] = {{"heart_rate", "bpm", hr}, {"heart_rate", "bpm", hr}};
  EXPECT_EQ(vitals_->ingest("u1", twice).error().code, "duplicate-series");
  EXPECT_TRUE(vitals_->raw("u1", "heart_rate", kT0, kT0 + kHour)->empty());
}

TEST_F(VitalsStoreTest, SamplesBehindTheWatermarkAreRefusedWithoutChangingState) {
  auto batch = heart_rate(0, 3 * 3600);
  clock_.set(batch.back().t + 1000);
  auto r = put("u1", "heart_rate", batch);
  ASSERT_TRUE(r.has_value());
  ASSERT_GT(r->sealed_chunks, 0u);
  std::vector<Sample> ok_part = heart_rate(3 * 3600, 3 * 3600 + 10);
  std::vector<Sample> too_late{{kT0 + 5000, 70}};
  SeriesBatch batches[] = {{"heart_rate", "bpm", ok_part}, {"steps", "count", too_late}};
  ASSERT_TRUE(put("u1", "steps", std::vector<Sample>{{kT0 + 10 * 60'000, 5}}).has_value());
  clock_.advance(86'400'000 + kHour);
  ASSERT_TRUE(vitals_->seal_idle().has_value());  // steps head seals through 00:10
  auto bad = vitals_->ingest("u1", batches);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "sample-too-late");
  EXPECT_EQ(bad.error().status, 409);
  EXPECT_EQ(*vitals_->raw("u1", "heart_rate", kT0, kT0 + 4 * kHour), batch);
}

TEST_F(VitalsStoreTest, IdleHeadsSealOnTheClock) {
  auto batch = heart_rate(0, 100);
  clock_.set(batch.back().t + 1000);
  ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
  EXPECT_EQ(*vitals_->seal_idle(), 0u);
  clock_.advance(86'400'000 + kHour);
  EXPECT_EQ(*vitals_->seal_idle(), 1u);
  auto totals = db_->totals("u1", "heart_rate");
  EXPECT_EQ(totals->points, 100u);
  EXPECT_TRUE(db_->head_log("u1", "heart_rate")->empty());
  expect_matches_brute_force("u1", batch, kT0, kT0 + kHour, 60);
}

TEST_F(VitalsStoreTest, AnotherUsersBlobsDoNotOpen) {
  auto batch = heart_rate(0, 3 * 3600);
  clock_.set(batch.back().t + 1000);
  ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
  ASSERT_TRUE(put("u2", "heart_rate", heart_rate(0, 10)).has_value());
  auto rows = db_->chunks("u1", "heart_rate", kT0, kT0 + 4 * kHour);
  ASSERT_FALSE(rows->empty());
  const ChunkRow& row = rows->front();
  EXPECT_TRUE(vault_.sealer.open("u1", chunk_record_id("heart_rate", row.seq), row.sealed).has_value());
  EXPECT_FALSE(vault_.sealer.open("u2", chunk_record_id("heart_rate", row.seq), row.sealed).has_value());
  EXPECT_FALSE(vault_.sealer.open("u1", chunk_record_id("heart_rate", row.seq + 1), row.sealed).has_value());
  EXPECT_FALSE(vault_.sealer.open("u1", chunk_record_id("steps", row.seq), row.sealed).has_value());
  // And queries never mix users.
  EXPECT_EQ(vitals_->raw("u2", "heart_rate", kT0, kT0 + 4 * kHour)->size(), 10u);
}

TEST_F(VitalsStoreTest, RetentionDropsRawChunksButKeepsRollups) {
  std::vector<Sample> all;
  for (int h = 0; h < 4; ++h) {
    auto batch = heart_rate(h * 3600, (h + 1) * 3600);
    clock_.set(batch.back().t + 1000);
    ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
    all.insert(all.end(), batch.begin(), batch.end());
  }
  clock_.advance(91LL * 86'400'000);
  ASSERT_TRUE(vitals_->seal_idle().has_value());
  auto before = db_->totals("u1", "heart_rate");
  auto report = vitals_->apply_retention(RetentionPolicy{});
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->chunks_deleted, before->chunks - 1);  // the newest chunk anchors the series
  EXPECT_EQ(report->rollup_blocks_deleted, 0u);
  expect_matches_brute_force("u1", all, kT0, kT0 + 4 * kHour, 4);  // 1-hour buckets from rollups
  EXPECT_LT(vitals_->raw("u1", "heart_rate", kT0, kT0 + 4 * kHour)->size(), all.size());
  EXPECT_EQ(put("u1", "heart_rate", std::vector<Sample>{{kT0 + 100'000, 60}}).error().code, "sample-too-late");
}

TEST_F(VitalsStoreTest, EraseUserRemovesEverything) {
  auto batch = heart_rate(0, 3 * 3600);
  clock_.set(batch.back().t + 1000);
  ASSERT_TRUE(put("u1", "heart_rate", batch).has_value());
  ASSERT_TRUE(vitals_->erase_user("u1").has_value());
  EXPECT_FALSE(vitals_->latest("u1", "heart_rate")->has_value());
  EXPECT_EQ(db_->totals("u1", "heart_rate")->chunks, 0u);
  EXPECT_TRUE(db_->head_log("u1", "heart_rate")->empty());
}

TEST_F(VitalsStoreTest, UnknownMetricsAreRejectedOnQueries) {
  EXPECT_EQ(vitals_->range("u1", "glucose", kT0, kT0 + kHour, 10).error().code, "unknown-metric");
  EXPECT_EQ(vitals_->latest("u1", "glucose").error().code, "unknown-metric");
  EXPECT_EQ(vitals_->range("u1", "heart_rate", kT0, kT0, 10).error().code, "invalid-range");
}

TEST_F(VitalsStoreTest, DailySummariesReadTheStore) {
  // Two days: sleep 23:00-06:00 (stage 2 each 30 s), resting HR 50 during sleep, HRV every 5 min.
  std::vector<Sample> hr, sleep, hrv;
  for (std::int64_t s = 0; s < 2 * 86'400; s += 1) {
    std::int64_t t = kT0 + s * 1000;
    std::int64_t tod = s % 86'400;
    bool asleep = tod < 6 * 3600 || tod >= 23 * 3600;
    hr.push_back({t, asleep ? 50.0 : 72.0});
    if (s % 30 == 0) sleep.push_back({t, asleep ? 2.0 : 0.0});
    if (s % 300 == 0) hrv.push_back({t, asleep ? 60.0 : 40.0});
  }
  clock_.set(kT0 + 2 * 86'400'000);
  SeriesBatch batches[] = {{"heart_rate", "bpm", hr}, {"sleep_stage", "code", sleep}, {"hrv_rmssd", "ms", hrv}};
  ASSERT_TRUE(vitals_->ingest("u1", std::span(batches).subspan(1)).has_value());
  for (std::size_t i = 0; i < hr.size(); i += 50'000) {
    auto part = std::span(hr).subspan(i, std::min<std::size_t>(50'000, hr.size() - i));
    SeriesBatch b{"heart_rate", "bpm", part};
    ASSERT_TRUE(vitals_->ingest("u1", std::span<const SeriesBatch>(&b, 1)).has_value());
  }
  auto days = recent_daily_summaries(*vitals_, "u1", kT0 + 2 * 86'400'000 - 1, 2, 0);
  ASSERT_TRUE(days.has_value());
  ASSERT_EQ(days->size(), 2u);
  const DailySummary& day2 = (*days)[0];
  EXPECT_EQ(day2.day_start, kT0 + 86'400'000);
  EXPECT_EQ(day2.resting_heart_rate_bpm, 50.0);
  EXPECT_EQ(day2.sleep_minutes, 7 * 60);  // 23:00 of day 1 to 06:00 of day 2
  EXPECT_NEAR(*day2.hrv_avg_ms, (7 * 12 * 60.0 + 17 * 12 * 40.0) / (24 * 12), 1e-9);
  EXPECT_EQ((*days)[1].sleep_minutes, 6 * 60);  // only 00:00-06:00 of the first night was recorded
}

}  // namespace
}  // namespace mind_log::vitals
