#include "mind_log/vitals/bucket_query.hpp"

#include <string>

namespace mind_log::vitals {

platform::Result<BucketPlan> plan_buckets(std::int64_t from, std::int64_t to, std::int64_t target) {
  if (to <= from) return platform::fail("invalid-range", 422, "Range end must be after its start");
  if (target < 1 || target > static_cast<std::int64_t>(kMaxBuckets))
    return platform::fail("invalid-bucket-count", 422, "Bucket count out of range",
                          "buckets must be in 1.." + std::to_string(kMaxBuckets));
  // Year 10000: keeps every bucket boundary far from int64 overflow.
  constexpr std::int64_t kLatest = 253'402'300'800'000;
  if (from < 0 || to > kLatest)
    return platform::fail("invalid-range", 422, "Range outside 1970..9999");
  std::int64_t span = to - from;
  std::int64_t width = span / target + (span % target != 0);
  BucketPlan plan;
  std::int64_t res = 1;
  for (auto it = kTiers.rbegin(); it != kTiers.rend(); ++it) {
    if (tier_resolution_ms(*it) <= width) {
      plan.tier = *it;
      res = tier_resolution_ms(*it);
      break;
    }
  }
  plan.width = (width + res - 1) / res * res;
  plan.start = floor_to(from, res);
  std::int64_t covered = to - plan.start;
  plan.count = static_cast<std::size_t>(covered / plan.width + (covered % plan.width != 0));
  return plan;
}

BucketAccumulator::BucketAccumulator(const BucketPlan& plan) : plan_(plan), aggs_(plan.count) {}

void BucketAccumulator::add(const Sample& s) {
  if (s.t < plan_.start || s.t >= plan_.end()) return;
  aggs_[static_cast<std::size_t>((s.t - plan_.start) / plan_.width)].add(s.v);
}

void BucketAccumulator::add(const RollupEntry& e) {
  if (e.start < plan_.start || e.start >= plan_.end()) return;
  aggs_[static_cast<std::size_t>((e.start - plan_.start) / plan_.width)].merge(e.agg);
}

std::vector<Bucket> BucketAccumulator::buckets() const {
  std::vector<Bucket> out;
  for (std::size_t i = 0; i < aggs_.size(); ++i) {
    const Agg& a = aggs_[i];
    if (a.count == 0) continue;
    out.push_back({plan_.start + static_cast<std::int64_t>(i) * plan_.width, a.count, a.min, a.max, a.avg()});
  }
  return out;
}

}  // namespace mind_log::vitals
