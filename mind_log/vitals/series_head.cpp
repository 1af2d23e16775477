#include "mind_log/vitals/series_head.hpp"

#include <algorithm>
#include <string>

namespace mind_log::vitals {

SeriesHead::SeriesHead(std::vector<Sample> points, std::int64_t sealed_until)
    : points_(std::move(points)), sealed_until_(sealed_until) {}

platform::Result<void> SeriesHead::check(std::span<const Sample> batch) const {
  if (!batch.empty() && batch.front().t <= sealed_until_)
    return platform::fail("sample-too-late", 409, "Sample older than the reorder window",
                          "samples at or before " + std::to_string(sealed_until_) +
                              " ms are already sealed; got " + std::to_string(batch.front().t));
  return {};
}

MergeResult SeriesHead::merge(std::span<const Sample> batch) {
  MergeResult r;
  if (batch.empty()) return r;
  if (points_.empty() || batch.front().t > points_.back().t) {  // the common, in-order case
    points_.insert(points_.end(), batch.begin(), batch.end());
    r.added = batch.size();
    return r;
  }
  std::vector<Sample> merged;
  merged.reserve(points_.size() + batch.size());
  std::size_t i = 0, j = 0;
  while (i < points_.size() || j < batch.size()) {
    if (j == batch.size() || (i < points_.size() && points_[i].t < batch[j].t)) {
      merged.push_back(points_[i++]);
    } else if (i == points_.size() || batch[j].t < points_[i].t) {
      merged.push_back(batch[j++]);
      ++r.added;
    } else {
      (points_[i].v == batch[j].v ? r.unchanged : r.replaced) += 1;
      merged.push_back(batch[j++]);
      ++i;
    }
  }
  points_ = std::move(merged);
  return r;
}

std::vector<Sample> SeriesHead::take_front(std::size_t n) {
  std::vector<Sample> chunk(points_.begin(), points_.begin() + static_cast<std::ptrdiff_t>(n));
  points_.erase(points_.begin(), points_.begin() + static_cast<std::ptrdiff_t>(n));
  sealed_until_ = std::max(sealed_until_, chunk.back().t);
  return chunk;
}

std::vector<std::vector<Sample>> SeriesHead::take_sealable(platform::Millis now, const SealPolicy& policy) {
  std::vector<std::vector<Sample>> out;
  const platform::Millis horizon = now - policy.reorder_window_ms;
  while (!points_.empty()) {
    auto eligible_end = std::upper_bound(points_.begin(), points_.end(), horizon,
                                         [](std::int64_t t, const Sample& s) { return t < s.t; });
    auto eligible = static_cast<std::size_t>(eligible_end - points_.begin());
    // A chunk never spans more than max_chunk_span, so rollup and retention work stays bounded.
    auto span_end = std::lower_bound(points_.begin(), points_.end(), points_.front().t + policy.max_chunk_span_ms,
                                     [](const Sample& s, std::int64_t t) { return s.t < t; });
    auto in_span = static_cast<std::size_t>(span_end - points_.begin());
    std::size_t limit = std::min({policy.chunk_points, in_span, kMaxChunkPoints});
    if (eligible >= limit && (limit == policy.chunk_points || in_span < points_.size())) {
      out.push_back(take_front(limit));  // full chunk, or a span-limited one whose successor exists
    } else if (eligible > 0 && points_.front().t + policy.max_chunk_span_ms <= horizon) {
      out.push_back(take_front(std::min(eligible, limit)));
    } else if (points_.size() > policy.max_head_points) {
      out.push_back(take_front(limit));  // memory bound wins over the reorder window
    } else {
      break;
    }
  }
  return out;
}

std::vector<std::vector<Sample>> SeriesHead::take_all(const SealPolicy& policy) {
  std::vector<std::vector<Sample>> out;
  while (!points_.empty()) {
    auto span_end = std::lower_bound(points_.begin(), points_.end(), points_.front().t + policy.max_chunk_span_ms,
                                     [](const Sample& s, std::int64_t t) { return s.t < t; });
    auto in_span = static_cast<std::size_t>(span_end - points_.begin());
    out.push_back(take_front(std::min({policy.chunk_points, in_span, kMaxChunkPoints})));
  }
  return out;
}

}  // namespace mind_log::vitals
