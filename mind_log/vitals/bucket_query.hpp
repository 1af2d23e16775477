#pragma once
// Chart queries: a time range cut into at most ~target buckets, each with count/min/max/avg.
// The plan picks the coarsest rollup tier whose resolution fits the bucket width and rounds
// the width up to a multiple of it, with buckets aligned to that resolution; every rollup slot
// then falls inside exactly one bucket, so answers from rollups equal answers from raw samples.
// The effective range is [plan.start, plan.end()), which covers the requested one. Pure.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mind_log/vitals/chunk.hpp"
#include "mind_log/vitals/rollup.hpp"
#include "platform/core/error.hpp"

namespace mind_log::vitals {

inline constexpr std::size_t kMaxBuckets = 10'000;

struct BucketPlan {
  std::int64_t start = 0;
  std::int64_t width = 1;
  std::size_t count = 0;
  std::optional<Tier> tier;  // nullopt: raw samples (bucket width below one minute)
  std::int64_t end() const { return start + width * static_cast<std::int64_t>(count); }
  const char* resolution() const { return tier ? tier_name(*tier) : "raw"; }
};

// Errors: "invalid-range" 422 (to <= from), "invalid-bucket-count" 422 (outside 1..10000).
platform::Result<BucketPlan> plan_buckets(std::int64_t from, std::int64_t to, std::int64_t target);

struct Bucket {
  std::int64_t start = 0;
  std::uint32_t count = 0;
  double min = 0, max = 0, avg = 0;
};

class BucketAccumulator {
 public:
  explicit BucketAccumulator(const BucketPlan& plan);
  void add(const Sample& s);            // ignored outside the plan's range
  void add(const RollupEntry& e);       // REQUIRES: e at the plan's tier resolution
  std::vector<Bucket> buckets() const;  // non-empty buckets in time order

 private:
  BucketPlan plan_;
  std::vector<Agg> aggs_;
};

}  // namespace mind_log::vitals
