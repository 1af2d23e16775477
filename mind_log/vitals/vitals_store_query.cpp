// VitalsStore's read side: charts, latest value, raw export, minute rollups, retention.
#include <algorithm>

#include "mind_log/vitals/vitals_store.hpp"

namespace mind_log::vitals {
namespace {

platform::Result<void> known_metric(std::string_view metric) {
  if (!find_metric(metric)) return platform::fail("unknown-metric", 422, "Unknown metric", std::string(metric));
  return {};
}

}  // namespace

platform::Result<std::vector<RollupEntry>> VitalsStore::stored_rollups(std::string_view user, std::string_view metric,
                                                                       Tier tier, std::int64_t from, std::int64_t to) {
  auto rows = store_.rollups(user, metric, tier, floor_to(from, tier_block_ms(tier)), to);
  if (!rows) return std::unexpected(rows.error());
  std::vector<RollupEntry> out;
  for (const RollupRow& row : *rows) {
    auto plain = sealer_.open(user, rollup_record_id(metric, tier, row.block_start), row.sealed);
    if (!plain) return std::unexpected(plain.error());
    RollupBlock block(tier, row.block_start);
    if (const char* why = decode_rollup_block_into(*plain, block))
      return platform::fail("corrupt-rollup", 500, "Corrupt rollup block", why);
    for (const RollupEntry& e : block.entries())
      if (e.start >= from && e.start < to) out.push_back(e);
  }
  return out;
}

platform::Result<std::vector<Sample>> VitalsStore::stored_samples(std::string_view user, std::string_view metric,
                                                                  std::int64_t from, std::int64_t to) {
  auto rows = store_.chunks(user, metric, from, to);
  if (!rows) return std::unexpected(rows.error());
  std::vector<Sample> out;
  for (const ChunkRow& row : *rows) {
    auto plain = sealer_.open(user, chunk_record_id(metric, row.seq), row.sealed);
    if (!plain) return std::unexpected(plain.error());
    auto chunk = decode_chunk(*plain);
    if (!chunk) return std::unexpected(chunk.error());
    for (const Sample& s : chunk->samples)
      if (s.t >= from && s.t < to) out.push_back(s);
  }
  return out;
}

platform::Result<RangeAnswer> VitalsStore::range(std::string_view user, std::string_view metric, std::int64_t from,
                                                 std::int64_t to, std::int64_t target_buckets) {
  if (auto ok = known_metric(metric); !ok) return std::unexpected(ok.error());
  auto plan = plan_buckets(from, to, target_buckets);
  if (!plan) return std::unexpected(plan.error());
  std::lock_guard lock(mutex_);
  auto series = load(user, metric);
  if (!series) return std::unexpected(series.error());
  BucketAccumulator acc(*plan);
  // Rollups and the head hold disjoint samples (rollups are built only when a chunk seals).
  if (plan->tier) {
    auto entries = stored_rollups(user, metric, *plan->tier, plan->start, plan->end());
    if (!entries) return std::unexpected(entries.error());
    for (const RollupEntry& e : *entries) acc.add(e);
  } else {
    auto samples = stored_samples(user, metric, plan->start, plan->end());
    if (!samples) return std::unexpected(samples.error());
    for (const Sample& s : *samples) acc.add(s);
  }
  for (const Sample& s : (*series)->head.points()) acc.add(s);
  return RangeAnswer{*plan, acc.buckets()};
}

platform::Result<std::optional<Sample>> VitalsStore::latest(std::string_view user, std::string_view metric) {
  if (auto ok = known_metric(metric); !ok) return std::unexpected(ok.error());
  std::lock_guard lock(mutex_);
  auto series = load(user, metric);
  if (!series) return std::unexpected(series.error());
  return (*series)->latest;
}

platform::Result<std::vector<Sample>> VitalsStore::raw(std::string_view user, std::string_view metric,
                                                       std::int64_t from, std::int64_t to, std::size_t max_points) {
  if (auto ok = known_metric(metric); !ok) return std::unexpected(ok.error());
  if (to <= from) return platform::fail("invalid-range", 422, "Range end must be after its start");
  std::lock_guard lock(mutex_);
  auto series = load(user, metric);
  if (!series) return std::unexpected(series.error());
  auto out = stored_samples(user, metric, from, to);
  if (!out) return out;
  for (const Sample& s : (*series)->head.points())
    if (s.t >= from && s.t < to) out->push_back(s);
  if (out->size() > max_points)
    return platform::fail("range-too-large", 422, "Too many raw samples; ask for buckets instead",
                          std::to_string(out->size()) + " samples > " + std::to_string(max_points));
  return out;
}

platform::Result<std::vector<RollupEntry>> VitalsStore::minute_rollups(std::string_view user, std::string_view metric,
                                                                       std::int64_t from, std::int64_t to) {
  return rollups(user, metric, Tier::minute, from, to);
}

platform::Result<std::int64_t> VitalsStore::sealed_until(std::string_view user, std::string_view metric) {
  if (auto ok = known_metric(metric); !ok) return std::unexpected(ok.error());
  std::lock_guard lock(mutex_);
  auto series = load(user, metric);
  if (!series) return std::unexpected(series.error());
  return (*series)->head.sealed_until();
}

platform::Result<std::vector<RollupEntry>> VitalsStore::rollups(std::string_view user, std::string_view metric,
                                                                Tier tier, std::int64_t from, std::int64_t to) {
  if (auto ok = known_metric(metric); !ok) return std::unexpected(ok.error());
  std::lock_guard lock(mutex_);
  auto series = load(user, metric);
  if (!series) return std::unexpected(series.error());
  auto stored = stored_rollups(user, metric, tier, from, to);
  if (!stored) return stored;
  std::vector<Sample> head;
  const std::int64_t res = tier_resolution_ms(tier);
  for (const Sample& s : (*series)->head.points())  // same slot rule as the stored entries
    if (floor_to(s.t, res) >= from && floor_to(s.t, res) < to) head.push_back(s);
  auto live = aggregate(head, res);
  // Merge two time-ordered lists; a minute split across a sealed chunk and the head combines.
  std::vector<RollupEntry> out;
  out.reserve(stored->size() + live.size());
  std::size_t i = 0, j = 0;
  while (i < stored->size() || j < live.size()) {
    const RollupEntry* next;
    if (j == live.size() || (i < stored->size() && (*stored)[i].start <= live[j].start)) {
      next = &(*stored)[i++];
    } else {
      next = &live[j++];
    }
    if (!out.empty() && out.back().start == next->start) {
      out.back().agg.merge(next->agg);
    } else {
      out.push_back(*next);
    }
  }
  return out;
}

platform::Result<RetentionReport> VitalsStore::apply_retention(const RetentionPolicy& policy) {
  std::lock_guard lock(mutex_);
  const platform::Millis now = clock_.now_ms();
  RetentionReport report;
  auto chunks = store_.delete_chunks_before(now - policy.raw_ms);
  if (!chunks) return std::unexpected(chunks.error());
  report.chunks_deleted = *chunks;
  for (auto [tier, keep] : {std::pair{Tier::minute, policy.minute_ms}, {Tier::hour, policy.hour_ms}}) {
    auto n = store_.delete_rollups_before(tier, now - keep);
    if (!n) return std::unexpected(n.error());
    report.rollup_blocks_deleted += *n;
  }
  // A cached series keeps its head and counters; deleting old rows changes neither.
  return report;
}

platform::Result<void> VitalsStore::erase_user(std::string_view user) {
  std::lock_guard lock(mutex_);
  if (auto r = store_.erase_user(user); !r) return r;
  std::string prefix(user);
  prefix.push_back('\0');
  std::erase_if(series_, [&](const auto& kv) { return kv.first.starts_with(prefix); });
  return {};
}

}  // namespace mind_log::vitals
